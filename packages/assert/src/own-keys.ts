/**
 * The own property keys deep equality looks at, read the way Node's comparisons read them.
 */

// Captured once, so that a page patching Object.prototype cannot change the comparison.
const isEnumerableKey = Object.prototype.propertyIsEnumerable
const hasOwnKey = Object.prototype.hasOwnProperty

/** Whether `key` is an own enumerable property of `value`. */
export function isOwnEnumerable(value: object, key: PropertyKey): boolean {
  return isEnumerableKey.call(value, key)
}

/** Whether `key` is an own property of `value`. */
export function hasOwn(value: object, key: PropertyKey): boolean {
  return hasOwnKey.call(value, key)
}

/** A canonical array index: `'0'`, `'1'`, … up to 2³² − 2 (no sign, no leading zero). */
function isArrayIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false
  const code = key.charCodeAt(0)
  if (code < 48 || code > 57 || (code === 48 && key.length > 1)) return false
  for (let i = 1; i < key.length; i++) {
    const digit = key.charCodeAt(i)
    if (digit < 48 || digit > 57) return false
  }
  return Number(key) < 4294967295
}

/**
 * The own enumerable keys of an array or typed array that are not indices: the extra
 * properties someone set on it. Symbols are included unless `withSymbols` is false.
 */
export function ownNonIndexKeys(value: object, withSymbols: boolean): PropertyKey[] {
  const keys: PropertyKey[] = []
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') {
      if (withSymbols && isOwnEnumerable(value, key)) keys.push(key)
    } else if (!isArrayIndex(key) && isOwnEnumerable(value, key)) {
      keys.push(key)
    }
  }
  return keys
}

/** The own enumerable symbol keys of `value`. */
export function ownEnumerableSymbols(value: object): symbol[] {
  return Object.getOwnPropertySymbols(value).filter((key) => isOwnEnumerable(value, key))
}
