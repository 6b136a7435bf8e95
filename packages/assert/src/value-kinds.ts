/**
 * What kind of built-in object a value is, decided the way `node:util/types` decides it: by the
 * internal slot, not by the prototype chain. Each check calls a built-in getter or method that
 * throws unless its receiver has the slot, so it works across realms, is not fooled by a forged
 * prototype, and sees a Proxy as a plain object (a Proxy has no slots), as Node does.
 */

const { getOwnPropertyDescriptor, getPrototypeOf } = Object
const typedArrayPrototype: object = getPrototypeOf(Uint8Array.prototype)

function getterOf(target: object, key: PropertyKey): (this: unknown) => unknown {
  return getOwnPropertyDescriptor(target, key)!.get!
}

/** True when `method` accepts `value` as its receiver (it has the slot `method` reads). */
function hasSlot(method: (this: unknown, ...args: never[]) => unknown, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  try {
    method.call(value)
    return true
  } catch {
    return false
  }
}

const mapSize = getterOf(Map.prototype, 'size')
const setSize = getterOf(Set.prototype, 'size')
const regExpGlobal = getterOf(RegExp.prototype, 'global')
const typedArrayTag = getterOf(typedArrayPrototype, Symbol.toStringTag)
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength')
const sharedArrayBufferByteLength =
  typeof SharedArrayBuffer === 'function'
    ? getterOf(SharedArrayBuffer.prototype, 'byteLength')
    : undefined
const errorIsError = (Error as { isError?: (value: unknown) => boolean }).isError
const objectToString = Object.prototype.toString

/** `Object.prototype.toString` of a value: `[object Date]`, `[object Foo]` for a custom tag. */
export function typeTagOf(value: object): string {
  return objectToString.call(value)
}

/** A `Date` (valid or not). */
export function isDate(value: unknown): value is Date {
  return hasSlot(Date.prototype.getTime, value)
}

/** A `RegExp`; `RegExp.prototype` itself is not one, though its getters accept it. */
export function isRegExp(value: unknown): value is RegExp {
  if (typeof value !== 'object' || value === null) return false
  try {
    return regExpGlobal.call(value) !== undefined
  } catch {
    return false
  }
}

/** A `Map`. */
export function isMap(value: unknown): value is Map<unknown, unknown> {
  return hasSlot(mapSize, value)
}

/** A `Set`. */
export function isSet(value: unknown): value is Set<unknown> {
  return hasSlot(setSize, value)
}

/** A `WeakMap`. */
export function isWeakMap(value: unknown): value is WeakMap<object, unknown> {
  return hasSlot(WeakMap.prototype.has as (this: unknown) => unknown, value)
}

/** A `WeakSet`. */
export function isWeakSet(value: unknown): value is WeakSet<object> {
  return hasSlot(WeakSet.prototype.has as (this: unknown) => unknown, value)
}

/** A typed array or a `DataView`. */
export function isArrayBufferView(value: unknown): value is ArrayBufferView {
  return ArrayBuffer.isView(value)
}

/**
 * The kind of a typed array (`'Uint8Array'`, `'Float64Array'`, …) from its slot, whatever its
 * `Symbol.toStringTag` says; `undefined` for a `DataView` and anything else.
 */
export function typedArrayKindOf(value: unknown): string | undefined {
  return typedArrayTag.call(value) as string | undefined
}

/** A `Float16Array`, `Float32Array` or `Float64Array`: the kinds whose loose comparison is by value. */
export function isFloatArray(value: unknown): boolean {
  const kind = typedArrayKindOf(value)
  return kind === 'Float32Array' || kind === 'Float64Array' || kind === 'Float16Array'
}

/** An `ArrayBuffer` or a `SharedArrayBuffer`. */
export function isAnyArrayBuffer(value: unknown): value is ArrayBufferLike {
  return (
    hasSlot(arrayBufferByteLength, value) ||
    (sharedArrayBufferByteLength !== undefined && hasSlot(sharedArrayBufferByteLength, value))
  )
}

/**
 * An object made by an `Error` constructor (in any realm). Without `Error.isError`, the
 * `[object Error]` tag tells it, which only an error can have unless `Symbol.toStringTag` is set.
 */
export function isNativeError(value: unknown): value is Error {
  if (typeof value !== 'object' || value === null) return false
  if (errorIsError) return errorIsError(value)
  try {
    return (
      (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === undefined &&
      typeTagOf(value) === '[object Error]'
    )
  } catch {
    return false
  }
}

/** Node's `isError`: a native error or anything that inherits from this realm's `Error`. */
export function isError(value: unknown): value is Error {
  return isNativeError(value) || value instanceof Error
}

/** The kinds of boxed primitives. */
export type BoxedKind = 'number' | 'string' | 'boolean' | 'bigint' | 'symbol'

/** The `valueOf` of each boxed primitive kind, which throws on anything but its own kind. */
const boxedValueOf: Record<BoxedKind, (this: unknown) => unknown> = {
  number: Number.prototype.valueOf,
  string: String.prototype.valueOf,
  boolean: Boolean.prototype.valueOf,
  bigint: BigInt.prototype.valueOf,
  symbol: Symbol.prototype.valueOf,
}

/** Which primitive a boxed primitive (`new Number(1)`, `Object(Symbol())`) wraps, if it is one. */
export function boxedKindOf(value: unknown): BoxedKind | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  for (const kind of Object.keys(boxedValueOf) as BoxedKind[]) {
    if (hasSlot(boxedValueOf[kind], value)) return kind
  }
  return undefined
}

/** The primitive inside a boxed primitive of the given kind. */
export function unbox(value: object, kind: BoxedKind): unknown {
  return boxedValueOf[kind].call(value)
}

/** A boxed primitive. */
export function isBoxedPrimitive(value: unknown): boolean {
  return boxedKindOf(value) !== undefined
}

/** A native promise (by its tag: a page cannot read a promise's slots synchronously). */
export function isPromise(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value instanceof Promise || typeTagOf(value) === '[object Promise]')
  )
}

/** Node 20's test for a WHATWG `URL`, which it compares by `href`. */
export function isUrl(value: unknown): value is { href: string } {
  const url = value as { href?: unknown; protocol?: unknown; auth?: unknown; path?: unknown }
  return Boolean(url?.href && url.protocol && url.auth === undefined && url.path === undefined)
}

/**
 * Whether a value is of a kind that deep equality compares by content: an array, typed array or
 * view, set, map, date, regexp, buffer, boxed primitive or error.
 */
export function isSpecialObject(value: unknown): boolean {
  return (
    Array.isArray(value) ||
    isArrayBufferView(value) ||
    isSet(value) ||
    isMap(value) ||
    isDate(value) ||
    isRegExp(value) ||
    isAnyArrayBuffer(value) ||
    isBoxedPrimitive(value) ||
    isError(value)
  )
}
