/**
 * The values under the keys of two objects, then the elements, members or entries of two
 * arrays, sets or maps, compared once the keys are known to match.
 */

import { type EqualityMode, type Iteration, innerDeepEqual } from './deep-equal.js'
import { mapsEqual, setsEqual } from './deep-equal-collections.js'
import type { Memos } from './deep-equal-cycles.js'
import { hasOwn } from './own-keys.js'

type Keyed = Record<PropertyKey, unknown>

/**
 * Compares `val1[key]` with `val2[key]` for each key (in partial mode the keys are
 * `expected`'s, and each must be an own enumerable property of `actual`), then the elements,
 * members or entries. Arrays are walked here rather than in a helper: deep nesting costs
 * stack frames, and Node manages about 1,250 levels.
 */
export function compareEntries(
  val1: object,
  val2: object,
  mode: EqualityMode,
  keys: PropertyKey[],
  memos: Memos,
  iteration: Iteration,
): boolean {
  const record1 = val1 as Keyed
  const record2 = val2 as Keyed
  for (const key of keys) {
    if (mode === 'partial') {
      const descriptor = Object.getOwnPropertyDescriptor(val1, key)
      if (descriptor === undefined || descriptor.enumerable !== true) return false
      const value = 'value' in descriptor ? descriptor.value : record1[key]
      if (!innerDeepEqual(value, record2[key], mode, memos)) return false
    } else if (!innerDeepEqual(record1[key], record2[key], mode, memos)) {
      return false
    }
  }
  if (iteration === 'array') {
    const a = val1 as unknown[]
    const b = val2 as unknown[]
    if (mode === 'partial') return containsInOrder(a, b, memos)
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], mode, memos)) return false
      } else if (hasOwn(b, i)) {
        return false
      } else {
        return sparseRestEqual(a, b, i, mode, memos)
      }
    }
    return true
  }
  if (iteration === 'set') return setsEqual(val1 as Set<unknown>, val2 as Set<unknown>, mode, memos)
  if (iteration === 'map') {
    return mapsEqual(val1 as Map<unknown, unknown>, val2 as Map<unknown, unknown>, mode, memos)
  }
  return true
}

/**
 * Node's sparse-array path, taken at the first hole (index `from`, a hole on both sides): the
 * own keys of `a` from position `from` on are looked up in `b`, and both sides must have as
 * many own keys.
 */
function sparseRestEqual(
  a: object,
  b: object,
  from: number,
  mode: EqualityMode,
  memos: Memos,
): boolean {
  const keysA = Object.keys(a)
  for (let k = from; k < keysA.length; k++) {
    const key = keysA[k]!
    if (!hasOwn(b, key) || !innerDeepEqual((a as Keyed)[key], (b as Keyed)[key], mode, memos)) {
      return false
    }
  }
  return keysA.length === Object.keys(b).length
}

/**
 * Whether the present elements of `part` match present elements of `whole` in the same order
 * (holes are ignored). Matching each element of `part` to the earliest element of `whole` that
 * fits never rules out a match for the elements after it, so one pass decides.
 */
function containsInOrder(whole: unknown[], part: unknown[], memos: Memos): boolean {
  let w = 0
  for (let p = 0; p < part.length; p++) {
    if (!hasOwn(part, p)) continue
    for (;;) {
      if (w >= whole.length) return false
      const candidate = w++
      if (hasOwn(whole, candidate) && innerDeepEqual(whole[candidate], part[p], 'partial', memos)) {
        break
      }
    }
  }
  return true
}
