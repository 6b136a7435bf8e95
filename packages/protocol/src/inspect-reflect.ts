/**
 * Reads for the previewer that never run the inspected value's own code: property values come
 * from descriptors (getters are reported, not called), and anything that throws (a Proxy trap, a
 * revoked Proxy) gives `undefined` or is left to the caller to catch.
 */

// Captured once so that a page that patches built-ins (Object.keys, Function.prototype.toString,
// …) cannot change what the previewer sees or make it run page code.
const { apply } = Reflect
const {
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  getOwnPropertySymbols,
  getPrototypeOf,
  keys: objectKeys,
} = Object
const functionToString = Function.prototype.toString
const objectToString = Object.prototype.toString
const symbolToString = Symbol.prototype.toString
const typedArrayTag = getOwnPropertyDescriptor(
  getPrototypeOf(Uint8Array.prototype),
  Symbol.toStringTag,
)!.get!

/** Calls a captured built-in on `receiver`; `undefined` when it throws (wrong type, detached). */
export function callBuiltin(
  fn: (this: unknown, ...args: never[]) => unknown,
  receiver: unknown,
  ...args: unknown[]
): unknown {
  try {
    return apply(fn, receiver, args)
  } catch {
    return undefined
  }
}

/** The prototype of `value`, `null` at the end of the chain, `undefined` when a Proxy trap throws. */
export function prototypeOf(value: object): object | null | undefined {
  try {
    return getPrototypeOf(value)
  } catch {
    return undefined
  }
}

/** The own property descriptor, or `undefined` when there is none or reading it throws. */
export function ownDescriptor(target: object, key: PropertyKey): PropertyDescriptor | undefined {
  try {
    return getOwnPropertyDescriptor(target, key)
  } catch {
    return undefined
  }
}

/** The descriptor of `key` on `target` or the nearest prototype that has it. */
export function findDescriptor(target: object, key: PropertyKey): PropertyDescriptor | undefined {
  let current: object | null | undefined = target
  for (let level = 0; current && level < 100; level++) {
    const descriptor = ownDescriptor(current, key)
    if (descriptor) return descriptor
    current = prototypeOf(current)
  }
  return undefined
}

/** The value of a data property on `target` or its prototype chain; never calls a getter. */
export function readData(target: object, key: PropertyKey): unknown {
  const descriptor = findDescriptor(target, key)
  return descriptor && 'value' in descriptor ? descriptor.value : undefined
}

/** An own data property's value; never calls a getter. */
export function readOwnData(target: object, key: PropertyKey): unknown {
  const descriptor = ownDescriptor(target, key)
  return descriptor && 'value' in descriptor ? descriptor.value : undefined
}

/** Whether the function's source text is `[native code]` (a host or built-in function). */
export function isNativeFunction(fn: unknown): boolean {
  if (typeof fn !== 'function') return false
  try {
    return /\{\s*\[native code\]\s*\}\s*$/.test(apply(functionToString, fn, []) as string)
  } catch {
    return false
  }
}

/**
 * Like {@link readData}, but also calls getters that are host code (`[native code]`). DOM objects
 * keep `nodeType`, `outerHTML`, `length` … as accessors on their prototypes; calling those has no
 * page-visible side effect, while a getter written in JavaScript is never called.
 */
export function readNative(target: object, key: PropertyKey): unknown {
  const descriptor = findDescriptor(target, key)
  if (!descriptor) return undefined
  if ('value' in descriptor) return descriptor.value
  if (descriptor.get && isNativeFunction(descriptor.get)) return callBuiltin(descriptor.get, target)
  return undefined
}

/** Whether `key` exists on `target` or its prototype chain (the `in` operator, trap-safe). */
export function hasProperty(target: object, key: PropertyKey): boolean {
  return findDescriptor(target, key) !== undefined
}

/** The source text of a function, or `''` when it cannot be read. */
export function sourceOf(fn: unknown): string {
  const text = callBuiltin(functionToString, fn)
  return typeof text === 'string' ? text : ''
}

/** A function's own `name` when it is a string data property, else `''`. */
export function functionName(fn: unknown): string {
  if (typeof fn !== 'function') return ''
  const name = readOwnData(fn, 'name')
  return typeof name === 'string' ? name : ''
}

/** `value instanceof ctor` by walking prototypes (no `Symbol.hasInstance`, no getters). */
export function isInstanceOf(value: object, ctor: unknown): boolean {
  if (typeof ctor !== 'function') return false
  const prototype = readOwnData(ctor, 'prototype')
  if ((typeof prototype !== 'object' && typeof prototype !== 'function') || prototype === null) {
    return false
  }
  let current = prototypeOf(value)
  for (let level = 0; current && level < 1000; level++) {
    if (current === prototype) return true
    current = prototypeOf(current)
  }
  return false
}

/** `Symbol.toStringTag` read without calling user getters (typed arrays' built-in one is fine). */
export function toStringTagOf(value: object): unknown {
  const descriptor = findDescriptor(value, Symbol.toStringTag)
  if (!descriptor) return undefined
  if ('value' in descriptor) return descriptor.value
  return descriptor.get === typedArrayTag ? callBuiltin(typedArrayTag, value) : undefined
}

/** `Object.prototype.toString`'s built-in tag, read only when no `Symbol.toStringTag` exists. */
export function builtinTagOf(value: object): string {
  if (findDescriptor(value, Symbol.toStringTag)) return ''
  const text = callBuiltin(objectToString, value)
  return typeof text === 'string' ? text.slice(8, -1) : ''
}

/** Own enumerable string keys (throws when a Proxy trap throws). */
export function ownEnumerableKeys(value: object): string[] {
  return objectKeys(value)
}

/** Own string keys including non-enumerable ones. */
export function ownNames(value: object): string[] {
  return getOwnPropertyNames(value)
}

/** Own symbol keys, enumerable only unless `all`. */
export function ownSymbols(value: object, all: boolean): symbol[] {
  const symbols = getOwnPropertySymbols(value)
  if (all || symbols.length === 0) return symbols
  return symbols.filter((symbol) => ownDescriptor(value, symbol)?.enumerable === true)
}

/** Whether `Array.isArray` holds (false for a revoked Proxy instead of a throw). */
export function isArrayValue(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value)
  } catch {
    return false
  }
}

/** The typed array's kind (`'Uint8Array'`, …), or `undefined` when `value` is not a typed array. */
export function typedArrayNameOf(value: object): string | undefined {
  return callBuiltin(typedArrayTag, value) as string | undefined
}

/** `Symbol(description)` through the built-in, whatever the symbol's prototype says. */
export function symbolText(symbol: symbol): string {
  return String(callBuiltin(symbolToString, symbol))
}

/** A short message for a value that was thrown while previewing (a Proxy trap, a detached buffer). */
export function thrownMessage(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null) {
    const message = readData(thrown, 'message')
    if (typeof message === 'string') return message
    return 'a non-Error value'
  }
  if (typeof thrown === 'symbol') return symbolText(thrown)
  return String(thrown)
}
