/**
 * Cycle handling for deep equality. A comparison remembers the pairs of objects it is inside
 * of; meeting a pair again means both sides loop back the same way, so the pair counts as
 * equal. Like Node, the first two levels are remembered in fields and a `Set` is only made when
 * the comparison goes deeper, so flat values never allocate one.
 */

import type { EqualityMode } from './deep-equal.js'

/** What one top-level comparison remembers about the objects it is inside of. */
export interface Memos {
  /** Every object of the pairs being compared, once the comparison is three levels deep. */
  set: Set<unknown> | undefined
  /** The outermost pair. */
  a: unknown
  b: unknown
  /** The second-level pair. */
  c: unknown
  d: unknown
  /** Whether a second-level pair is being compared. */
  deep: boolean
  /** Set while searching a set or map for a match: failed pairs are then forgotten too. */
  deleteFailures: boolean
}

/** How a pair was entered: as the second-level pair, or tracked in the set. */
export type Entered = 'second' | 'tracked'

/** The memos of a new top-level comparison of `val1` with `val2`. */
export function createMemos(val1: object, val2: object): Memos {
  return {
    set: undefined,
    a: val1,
    b: val2,
    c: undefined,
    d: undefined,
    deep: false,
    deleteFailures: false,
  }
}

/**
 * Starts comparing the pair `(val1, val2)` below the top level. Returns the result when the
 * pair is already being compared further up (a cycle decides it), otherwise how the pair was
 * entered, to be passed to `leavePair` with the result.
 */
export function enterPair(
  val1: object,
  val2: object,
  mode: EqualityMode,
  memos: Memos,
): boolean | Entered {
  if (memos.set === undefined) {
    if (!memos.deep) {
      if (mode === 'partial') {
        if (memos.a === val1) return memos.b === val2
        if (memos.b === val2) return false
      } else if (memos.a === val1 && memos.b === val2) {
        return true
      }
      memos.c = val1
      memos.d = val2
      memos.deep = true
      return 'second'
    }
    memos.set = new Set([memos.a, memos.b, memos.c, memos.d])
  }
  const { set } = memos
  const before = set.size
  set.add(val1)
  set.add(val2)
  if (mode === 'partial') {
    // Meeting only one of the two objects again means the sides loop back differently.
    if (set.size !== before + 2) return set.size === before
  } else if (set.size === before) {
    // Node 20: the pair counts as equal when both objects are already in the comparison.
    return true
  }
  return 'tracked'
}

/** Ends the comparison of a pair that `enterPair` entered, given its result. */
export function leavePair(
  val1: object,
  val2: object,
  mode: EqualityMode,
  memos: Memos,
  entered: Entered,
  equal: boolean,
): void {
  if (entered === 'second') {
    memos.deep = false
    // Current Node (partial mode) also forgets the pair if a deeper level made the set.
    if (mode === 'partial') {
      memos.set?.delete(val1)
      memos.set?.delete(val2)
    }
    return
  }
  // Node 20 keeps a failed pair in the set, unless a set or map search is trying candidates.
  if (mode === 'partial' || equal || memos.deleteFailures) {
    memos.set!.delete(val1)
    memos.set!.delete(val2)
  }
}
