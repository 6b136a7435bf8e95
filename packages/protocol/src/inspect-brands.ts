/**
 * Type checks by brand: a built-in getter or method that throws unless its receiver has the
 * right internal slot. They work across realms, cannot be fooled by a forged prototype, and do
 * not trigger Proxy traps (a Proxy has no internal slots, so it is "not this type").
 */

import {
  builtinTagOf,
  callBuiltin,
  findDescriptor,
  isInstanceOf,
  isNativeFunction,
  toStringTagOf,
} from './inspect-reflect.js'

// Captured once so that a page that patches built-ins (Map.prototype.entries, …) cannot change
// what the previewer sees or make it run page code.
const { apply } = Reflect
const { getOwnPropertyDescriptor, getPrototypeOf } = Object
const typedArrayPrototype: object = getPrototypeOf(Uint8Array.prototype)

function getterOf(target: object, key: PropertyKey): (this: unknown) => unknown {
  return getOwnPropertyDescriptor(target, key)!.get!
}

const mapSize = getterOf(Map.prototype, 'size')
const setSize = getterOf(Set.prototype, 'size')
const typedArrayLength = getterOf(typedArrayPrototype, 'length')
const typedArrayByteLength = getterOf(typedArrayPrototype, 'byteLength')
const typedArrayByteOffset = getterOf(typedArrayPrototype, 'byteOffset')
const typedArrayBuffer = getterOf(typedArrayPrototype, 'buffer')
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength')
const dataViewBuffer = getterOf(DataView.prototype, 'buffer')
const dataViewByteLength = getterOf(DataView.prototype, 'byteLength')
const dataViewByteOffset = getterOf(DataView.prototype, 'byteOffset')
const regExpSource = getterOf(RegExp.prototype, 'source')
const regExpFlags = getterOf(RegExp.prototype, 'flags')
const weakMapHas = WeakMap.prototype.has
const weakSetHas = WeakSet.prototype.has
const dateGetTime = Date.prototype.getTime
const dateToISOString = Date.prototype.toISOString
const mapEntries = Map.prototype.entries
const setValues = Set.prototype.values
const mapIteratorNext = getPrototypeOf(new Map().entries()).next as () => IteratorResult<unknown>
const setIteratorNext = getPrototypeOf(new Set().values()).next as () => IteratorResult<unknown>
const sharedArrayBufferByteLength =
  typeof SharedArrayBuffer === 'function'
    ? getterOf(SharedArrayBuffer.prototype, 'byteLength')
    : undefined
const errorStackGetter = getOwnPropertyDescriptor(Error.prototype, 'stack')?.get
const urlHref = typeof URL === 'function' ? getterOf(URL.prototype, 'href') : undefined
const errorIsError = (Error as { isError?: (value: unknown) => boolean }).isError

const boxedTypes: ReadonlyArray<readonly [string, (this: unknown) => unknown]> = [
  ['Number', Number.prototype.valueOf],
  ['String', String.prototype.valueOf],
  ['Boolean', Boolean.prototype.valueOf],
  ['BigInt', BigInt.prototype.valueOf],
  ['Symbol', Symbol.prototype.valueOf],
]

function passes(
  fn: (this: unknown, ...args: never[]) => unknown,
  receiver: unknown,
  ...args: unknown[]
): boolean {
  try {
    apply(fn, receiver, args)
    return true
  } catch {
    return false
  }
}

const builtinTags = new Set([
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Promise',
  'DataView',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'Symbol',
  'BigInt',
])

/**
 * The built-in kind `value` claims to be, so that only that kind's brand check runs (a failing
 * check throws, which costs microseconds per object): a built-in `Symbol.toStringTag`, else
 * `Object.prototype.toString`'s tag (`'Date'`, `'Error'`, `'Number'`, `'Arguments'`, `'Object'`,
 * …); `undefined` when a custom tag hides it.
 */
export function kindHintOf(value: object, rawTag: unknown): string | undefined {
  if (typeof rawTag === 'string') return builtinTags.has(rawTag) ? rawTag : undefined
  return builtinTagOf(value) || undefined
}

/** A Map's size, or `undefined` when `value` is not a Map. */
export function mapSizeOf(value: object): number | undefined {
  return callBuiltin(mapSize, value) as number | undefined
}

/** A Set's size, or `undefined` when `value` is not a Set. */
export function setSizeOf(value: object): number | undefined {
  return callBuiltin(setSize, value) as number | undefined
}

/** Up to `limit` entries of a Map, read with the built-in iterator (no user code). */
export function mapEntriesOf(value: object, limit: number): Array<[unknown, unknown]> {
  const entries: Array<[unknown, unknown]> = []
  const iterator = apply(mapEntries, value, []) as object
  while (entries.length < limit) {
    const step = apply(mapIteratorNext, iterator, []) as IteratorResult<[unknown, unknown]>
    if (step.done) break
    entries.push(step.value)
  }
  return entries
}

/** Up to `limit` values of a Set, read with the built-in iterator (no user code). */
export function setValuesOf(value: object, limit: number): unknown[] {
  const values: unknown[] = []
  const iterator = apply(setValues, value, []) as object
  while (values.length < limit) {
    const step = apply(setIteratorNext, iterator, []) as IteratorResult<unknown>
    if (step.done) break
    values.push(step.value)
  }
  return values
}

/** A typed array's `length`, `byteLength`, `byteOffset` and `buffer`, through the built-ins. */
export function typedArrayInfo(value: object): {
  length: number
  byteLength: unknown
  byteOffset: unknown
  buffer: unknown
} {
  return {
    length: (callBuiltin(typedArrayLength, value) as number | undefined) ?? 0,
    byteLength: callBuiltin(typedArrayByteLength, value),
    byteOffset: callBuiltin(typedArrayByteOffset, value),
    buffer: callBuiltin(typedArrayBuffer, value),
  }
}

/** `'ArrayBuffer'`, `'SharedArrayBuffer'` or `undefined`. */
export function arrayBufferKindOf(value: object): string | undefined {
  if (passes(arrayBufferByteLength, value)) return 'ArrayBuffer'
  if (sharedArrayBufferByteLength && passes(sharedArrayBufferByteLength, value)) {
    return 'SharedArrayBuffer'
  }
  return undefined
}

/** The byte length of an ArrayBuffer or SharedArrayBuffer. */
export function arrayBufferByteLengthOf(value: object): number {
  const length =
    callBuiltin(arrayBufferByteLength, value) ??
    (sharedArrayBufferByteLength && callBuiltin(sharedArrayBufferByteLength, value))
  return typeof length === 'number' ? length : 0
}

/** Whether `value` is a DataView. */
export function isDataView(value: object): boolean {
  return passes(dataViewBuffer, value)
}

/** A DataView's `byteLength`, `byteOffset` and `buffer` (a detached view's lengths are `undefined`). */
export function dataViewInfo(value: object): {
  byteLength: unknown
  byteOffset: unknown
  buffer: unknown
} {
  return {
    byteLength: callBuiltin(dataViewByteLength, value),
    byteOffset: callBuiltin(dataViewByteOffset, value),
    buffer: callBuiltin(dataViewBuffer, value),
  }
}

/** `/source/flags` of a RegExp, or `undefined` when `value` is not one. */
export function regExpTextOf(value: object): string | undefined {
  if (value === RegExp.prototype) return undefined
  const source = callBuiltin(regExpSource, value)
  if (typeof source !== 'string') return undefined
  const flags = callBuiltin(regExpFlags, value)
  return `/${source}/${typeof flags === 'string' ? flags : ''}`
}

/** A Date's time value (maybe NaN), or `undefined` when `value` is not a Date. */
export function dateTimeOf(value: object): number | undefined {
  return callBuiltin(dateGetTime, value) as number | undefined
}

/** A valid Date's ISO string. */
export function dateISOStringOf(value: object): string {
  return String(callBuiltin(dateToISOString, value))
}

/** `'WeakMap'`, `'WeakSet'` or `undefined`. */
export function weakCollectionKindOf(value: object): string | undefined {
  if (passes(weakMapHas, value, value)) return 'WeakMap'
  if (passes(weakSetHas, value, value)) return 'WeakSet'
  return undefined
}

/** The kind and primitive of a boxed primitive (`new Number(3)`), or `undefined`. */
export function boxedPrimitiveOf(value: object): { type: string; primitive: unknown } | undefined {
  for (const [type, unbox] of boxedTypes) {
    try {
      return { type, primitive: apply(unbox, value, []) }
    } catch {}
  }
  return undefined
}

/**
 * Whether `value` is a Promise: its chain holds this realm's `Promise.prototype` or a
 * `Symbol.toStringTag` of `'Promise'` (another realm's). A brand check would need `then`, which
 * marks a rejected promise as handled and so would hide an unhandled rejection.
 */
export function isPromiseLike(value: object): boolean {
  return isInstanceOf(value, Promise) || toStringTagOf(value) === 'Promise'
}

/** Whether `value` is an Error (`Error.isError` where available, else by prototype or tag). */
export function isErrorLike(value: object): boolean {
  if (errorIsError) return callBuiltin(errorIsError, undefined, value) === true
  return isInstanceOf(value, Error) || builtinTagOf(value) === 'Error'
}

/**
 * An error's `stack`. V8 and Safari keep it as an own data property; Firefox (and newer V8) use a
 * built-in accessor, which is called; a getter written in JavaScript is not.
 */
export function errorStackOf(error: object): unknown {
  const descriptor = findDescriptor(error, 'stack')
  if (!descriptor) return undefined
  if ('value' in descriptor) return descriptor.value
  if (descriptor.get && (descriptor.get === errorStackGetter || isNativeFunction(descriptor.get))) {
    return callBuiltin(descriptor.get, error)
  }
  return undefined
}

/** A URL's `href` (its built-in getter, which runs JavaScript in Node), or `undefined`. */
export function urlHrefOf(value: object): string | undefined {
  const href = urlHref && callBuiltin(urlHref, value)
  return typeof href === 'string' ? href : undefined
}
