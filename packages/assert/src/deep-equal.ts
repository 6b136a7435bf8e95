/**
 * Deep equality with Node's rules: `deepEqual` (loose), `deepStrictEqual` (strict) as Node 20's
 * lib/internal/util/comparisons.js decides them, and `partialDeepStrictEqual` (partial) as
 * current Node documents it: `expected` may leave out properties, array elements (the rest keep
 * their order), `Set` members and `Map` entries; prototypes are not compared; `WeakMap`,
 * `WeakSet` and `Promise` are equal only to themselves; invalid dates equal each other.
 *
 * The order of the checks matters: it decides which getters run and how cycles resolve, so it
 * follows Node's.
 */

import { bytesOf, containsBytesInOrder, sameBytes, sameFloatElements } from './compare-bytes.js'
import { createMemos, enterPair, leavePair, type Memos } from './deep-equal-cycles.js'
import { compareEntries } from './deep-equal-entries.js'
import { hasOwn, isOwnEnumerable, ownEnumerableSymbols, ownNonIndexKeys } from './own-keys.js'
import {
  boxedKindOf,
  isAnyArrayBuffer,
  isArrayBufferView,
  isDate,
  isError,
  isFloatArray,
  isMap,
  isPromise,
  isRegExp,
  isSet,
  isSpecialObject,
  isUrl,
  isWeakMap,
  isWeakSet,
  typedArrayKindOf,
  typeTagOf,
  unbox,
} from './value-kinds.js'

/** How two values are compared: `==` and no prototypes, `Object.is` and prototypes, or partially. */
export type EqualityMode = 'loose' | 'strict' | 'partial'

/** What is walked after the own keys: nothing, array elements, set members or map entries. */
export type Iteration = 'none' | 'array' | 'set' | 'map'

/** Node's `util.isDeepStrictEqual` / `assert.deepEqual` test without the throw. */
export function isDeepEqual(actual: unknown, expected: unknown): boolean {
  return innerDeepEqual(actual, expected, 'loose', undefined)
}

/** Node's `util.isDeepStrictEqual`. */
export function isDeepStrictEqual(actual: unknown, expected: unknown): boolean {
  return innerDeepEqual(actual, expected, 'strict', undefined)
}

/** Whether `actual` holds everything `expected` holds, by `partialDeepStrictEqual`'s rules. */
export function isPartialDeepStrictEqual(actual: unknown, expected: unknown): boolean {
  return innerDeepEqual(actual, expected, 'partial', undefined)
}

/** Deep equality of any two values; `memos` tracks the pairs being compared, for cycles. */
export function innerDeepEqual(
  val1: unknown,
  val2: unknown,
  mode: EqualityMode,
  memos: Memos | undefined,
): boolean {
  if (val1 === val2) return val1 !== 0 || Object.is(val1, val2) || mode === 'loose'
  if (mode === 'loose') {
    if (val1 === null || typeof val1 !== 'object') {
      if (val2 === null || typeof val2 !== 'object') {
        // biome-ignore lint/suspicious/noDoubleEquals: loose mode is defined by `==`.
        return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2))
      }
      return false
    }
    if (val2 === null || typeof val2 !== 'object') return false
  } else {
    if (typeof val1 === 'number') return Number.isNaN(val1) && Number.isNaN(val2)
    if (typeof val1 !== 'object' || typeof val2 !== 'object' || val1 === null || val2 === null) {
      return false
    }
    if (mode === 'strict' && Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) {
      return false
    }
  }
  // Objects from here on. The kinds are tested in Node's order; each branch either decides or
  // falls through to the comparison of own keys.
  const tag = typeTagOf(val1)
  if (tag !== typeTagOf(val2)) return false

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2)) return false
    if (mode === 'partial' ? val1.length < val2.length : val1.length !== val2.length) return false
    const keys = extraKeysToCompare(val1, val2, mode)
    return keys !== undefined && keyCheck(val1, val2, mode, memos, 'array', keys)
  }
  if (tag === '[object Object]') return keyCheck(val1, val2, mode, memos, 'none')
  if (isDate(val1)) {
    if (!isDate(val2) || !sameTimes(val1, val2, mode)) return false
  } else if (isRegExp(val1)) {
    if (!isRegExp(val2) || !sameRegExps(val1, val2)) return false
  } else if (isArrayBufferView(val1)) {
    if (!sameViewContents(val1, val2 as ArrayBufferView, mode)) return false
    const keys = extraKeysToCompare(val1, val2, mode)
    return keys !== undefined && keyCheck(val1, val2, mode, memos, 'none', keys)
  } else if (isSet(val1)) {
    if (!isSet(val2) || !sizesFit(val1.size, val2.size, mode)) return false
    return keyCheck(val1, val2, mode, memos, 'set')
  } else if (isMap(val1)) {
    if (!isMap(val2) || !sizesFit(val1.size, val2.size, mode)) return false
    return keyCheck(val1, val2, mode, memos, 'map')
  } else if (isAnyArrayBuffer(val1)) {
    if (!isAnyArrayBuffer(val2) || !sameBytesFor(bytesOf(val1), bytesOf(val2), mode)) return false
  } else if (isError(val1)) {
    if (!isError(val2) || !sameErrorFields(val1, val2, mode, memos)) return false
  } else if (boxedKindOf(val1) !== undefined) {
    if (!sameBoxedPrimitives(val1, val2)) return false
  } else if (isSpecialObject(val2)) {
    return false
  } else if (isUrl(val1)) {
    if (!isUrl(val2) || val1.href !== val2.href) return false
  } else if (mode === 'partial' && (isWeakMap(val1) || isWeakSet(val1) || isPromise(val1))) {
    return false
  }
  return keyCheck(val1, val2, mode, memos, 'none')
}

function sizesFit(size1: number, size2: number, mode: EqualityMode): boolean {
  return mode === 'partial' ? size1 >= size2 : size1 === size2
}

function sameTimes(date1: Date, date2: Date, mode: EqualityMode): boolean {
  const time1 = date1.getTime()
  const time2 = date2.getTime()
  if (time1 === time2) return true
  // Node 20 finds two invalid dates unequal; current Node (partial mode) finds them equal.
  return mode === 'partial' && Number.isNaN(time1) && Number.isNaN(time2)
}

/** Equal bytes; in partial mode, `expected`'s bytes in order within `actual`'s. */
function sameBytesFor(bytes1: Uint8Array, bytes2: Uint8Array, mode: EqualityMode): boolean {
  if (mode === 'partial' && bytes1.length !== bytes2.length) {
    return containsBytesInOrder(bytes1, bytes2)
  }
  return sameBytes(bytes1, bytes2)
}

/** Typed arrays and views: the same kind, and the same bytes (loose float arrays: values). */
function sameViewContents(view1: ArrayBufferView, view2: ArrayBufferView, mode: EqualityMode) {
  if (typedArrayKindOf(view1) !== typedArrayKindOf(view2)) return false
  if (mode === 'loose' && isFloatArray(view1)) return sameFloatElements(view1, view2)
  return sameBytesFor(bytesOf(view1), bytesOf(view2), mode)
}

function sameRegExps(a: RegExp, b: RegExp): boolean {
  return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex
}

function sameBoxedPrimitives(val1: object, val2: object): boolean {
  const kind = boxedKindOf(val1)!
  if (boxedKindOf(val2) !== kind) return false
  const value1 = unbox(val1, kind)
  const value2 = unbox(val2, kind)
  return kind === 'number' ? Object.is(value1, value2) : value1 === value2
}

/**
 * An error's `message`, `name`, `cause` and `errors` are compared even when not enumerable
 * (enumerable ones are compared with the other keys). In partial mode a property that
 * `expected` lacks (or an empty `message`) is not compared.
 */
function sameErrorFields(val1: Error, val2: Error, mode: EqualityMode, memos: Memos | undefined) {
  const fields = ['message', 'name', 'cause', 'errors'] as const
  const record1 = val1 as unknown as Record<string, unknown>
  const record2 = val2 as unknown as Record<string, unknown>
  for (const field of fields) {
    if (mode === 'partial') {
      if (isOwnEnumerable(val2, field)) continue
      const value2 = record2[field]
      if (value2 === undefined || (field === 'message' && value2 === '')) continue
      if (!innerDeepEqual(record1[field], value2, mode, memos)) return false
      continue
    }
    const enumerable = isOwnEnumerable(val1, field)
    if (enumerable !== isOwnEnumerable(val2, field)) return false
    if (enumerable) continue
    const same =
      field === 'message' || field === 'name'
        ? record1[field] === record2[field]
        : innerDeepEqual(record1[field], record2[field], mode, memos)
    if (!same) return false
  }
  if (mode === 'partial' && hasOwn(val2, 'cause') && !hasOwn(val1, 'cause')) {
    return false
  }
  return true
}

/**
 * The non-index keys of arrays and typed arrays to compare: `val1`'s, when both sides have as
 * many (`undefined` when they do not); in partial mode, `expected`'s.
 */
function extraKeysToCompare(
  val1: object,
  val2: object,
  mode: EqualityMode,
): PropertyKey[] | undefined {
  const withSymbols = mode !== 'loose'
  if (mode === 'partial') return ownNonIndexKeys(val2, withSymbols)
  const keys1 = ownNonIndexKeys(val1, withSymbols)
  return keys1.length === ownNonIndexKeys(val2, withSymbols).length ? keys1 : undefined
}

/**
 * Checks that both sides have the same own enumerable keys (in strict mode symbols too; in
 * partial mode only `expected`'s keys, which `actual` must have), then compares the values
 * and, for arrays, sets and maps, the entries. `keys` are given for arrays and typed arrays.
 */
export function keyCheck(
  val1: object,
  val2: object,
  mode: EqualityMode,
  memos: Memos | undefined,
  iteration: Iteration,
  keys?: PropertyKey[],
): boolean {
  const compared =
    mode === 'partial' ? (keys ?? expectedKeys(val2)) : matchingKeys(val1, val2, mode, keys)
  if (compared === undefined) return false
  if (compared.length === 0 && isEmptyOf(mode === 'partial' ? val2 : val1, iteration)) return true
  if (memos === undefined) {
    return compareEntries(val1, val2, mode, compared, createMemos(val1, val2), iteration)
  }
  const entered = enterPair(val1, val2, mode, memos)
  if (typeof entered === 'boolean') return entered
  const equal = compareEntries(val1, val2, mode, compared, memos, iteration)
  leavePair(val1, val2, mode, memos, entered, equal)
  return equal
}

/** Partial mode compares `expected`'s own enumerable keys, symbols included. */
function expectedKeys(val2: object): PropertyKey[] {
  return [...Object.keys(val2), ...ownEnumerableSymbols(val2)]
}

/**
 * The keys to compare when both sides must have the same own enumerable keys (`undefined`
 * when they do not): `val1`'s, with its enumerable symbols in strict mode. `keys` are given
 * for arrays and typed arrays, whose extra keys were counted already.
 */
function matchingKeys(
  val1: object,
  val2: object,
  mode: EqualityMode,
  keys: PropertyKey[] | undefined,
): PropertyKey[] | undefined {
  const keys1: PropertyKey[] = keys ?? Object.keys(val1)
  for (const key of keys1) {
    if (!isOwnEnumerable(val2, key)) return undefined
  }
  if (keys === undefined) {
    if (keys1.length !== Object.keys(val2).length) return undefined
    if (mode === 'strict' && !symbolKeysMatch(val1, val2, keys1)) return undefined
  }
  return keys1
}

function isEmptyOf(value: object, iteration: Iteration): boolean {
  if (iteration === 'none') return true
  if (iteration === 'array') return (value as unknown[]).length === 0
  return (value as Set<unknown>).size === 0
}

/**
 * Strict mode's symbol rule: each enumerable own symbol of `val1` is an enumerable own symbol
 * of `val2` (and is added to `keys1`); Node counts `val2`'s only when the totals differ.
 */
function symbolKeysMatch(val1: object, val2: object, keys1: PropertyKey[]): boolean {
  const symbols1 = Object.getOwnPropertySymbols(val1)
  const symbols2 = Object.getOwnPropertySymbols(val2)
  if (symbols1.length === 0) {
    return symbols2.length === 0 || ownEnumerableSymbols(val2).length === 0
  }
  let count = 0
  for (const key of symbols1) {
    if (isOwnEnumerable(val1, key)) {
      if (!isOwnEnumerable(val2, key)) return false
      keys1.push(key)
      count++
    } else if (isOwnEnumerable(val2, key)) {
      return false
    }
  }
  return symbols1.length === symbols2.length || ownEnumerableSymbols(val2).length === count
}
