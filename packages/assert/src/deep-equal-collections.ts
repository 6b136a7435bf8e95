/**
 * Deep equality of `Set` members and `Map` entries, unordered. Primitives are looked up
 * directly; objects (and, in loose mode, primitives that only match loosely) are paired with
 * a deep-equal counterpart, each counterpart used once.
 */

import { type EqualityMode, innerDeepEqual } from './deep-equal.js'
import type { Memos } from './deep-equal-cycles.js'

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

/**
 * The primitive that could loosely equal `prim` while being a different `Set`/`Map` key:
 * `null` for `undefined` and the reverse. `false` means no other key can match; `true` means
 * many can (`1` is `'1'`, `'01'`, `1n`, `true`), so every candidate must be tried.
 */
function looseCounterpart(prim: unknown): unknown {
  switch (typeof prim) {
    case 'undefined':
      return null
    case 'object':
      return undefined
    case 'symbol':
      return false
    case 'string':
      return !Number.isNaN(+prim)
    case 'number':
      return !Number.isNaN(prim)
    default:
      return true
  }
}

function setMightHaveLoosePrim(a: Set<unknown>, b: Set<unknown>, prim: unknown): boolean {
  const other = looseCounterpart(prim)
  if (other !== null && other !== undefined) return other as boolean
  return b.has(other) && !a.has(other)
}

function mapMightHaveLoosePrim(
  a: Map<unknown, unknown>,
  b: Map<unknown, unknown>,
  prim: unknown,
  item: unknown,
  memos: Memos,
): boolean {
  const other = looseCounterpart(prim)
  if (other !== null && other !== undefined) return other as boolean
  const itemB = b.get(other)
  if ((itemB === undefined && !b.has(other)) || !innerDeepEqual(item, itemB, 'loose', memos)) {
    return false
  }
  return !a.has(other) && innerDeepEqual(item, itemB, 'loose', memos)
}

/** Runs `search` with failed pairs forgotten by the cycle memos, as a search must. */
function searching<T>(memos: Memos, search: () => T): T {
  const { deleteFailures } = memos
  memos.deleteFailures = true
  try {
    return search()
  } finally {
    memos.deleteFailures = deleteFailures
  }
}

/** Removes and reports the first member of `candidates` deep-equal to `value`. */
function takeEqualMember(
  candidates: Set<unknown>,
  value: unknown,
  mode: EqualityMode,
  memos: Memos,
): boolean {
  return searching(memos, () => {
    for (const candidate of candidates) {
      if (innerDeepEqual(candidate, value, mode, memos)) {
        candidates.delete(candidate)
        return true
      }
    }
    return false
  })
}

/** Set equality: the same members, compared deeply where they are not the same value. */
export function setsEqual(
  a: Set<unknown>,
  b: Set<unknown>,
  mode: EqualityMode,
  memos: Memos,
): boolean {
  if (mode === 'partial') return partialSetsEqual(a, b, memos)
  const strict = mode === 'strict'
  let unmatched: Set<unknown> | undefined
  for (const value of a) {
    if (b.has(value)) continue
    if (!isObject(value) && (strict || !setMightHaveLoosePrim(a, b, value))) return false
    if (unmatched === undefined) {
      if (b.size === 1) return innerDeepEqual(value, b.values().next().value, mode, memos)
      unmatched = new Set()
    }
    unmatched.add(value)
  }
  if (unmatched === undefined) return true
  for (const value of b) {
    if (isObject(value)) {
      if (!a.has(value) && !takeEqualMember(unmatched, value, mode, memos)) return false
    } else if (!strict && !a.has(value) && !takeEqualMember(unmatched, value, mode, memos)) {
      return false
    }
  }
  return unmatched.size === 0
}

/** Partial mode: every member of `b` (expected) is in `a` or deep-equals a distinct member of it. */
function partialSetsEqual(a: Set<unknown>, b: Set<unknown>, memos: Memos): boolean {
  const missing: unknown[] = []
  for (const value of b) {
    if (a.has(value)) continue
    if (!isObject(value)) return false
    missing.push(value)
  }
  if (missing.length === 0) return true
  const candidates = new Set<unknown>()
  for (const value of a) {
    if (isObject(value) && !b.has(value)) candidates.add(value)
  }
  return missing.every((value) => takeEqualMember(candidates, value, 'partial', memos))
}

/**
 * Removes and reports the first key of `candidates` (keys of `map`) that deep-equals `key` and
 * whose item in `map` deep-equals `item`.
 */
function takeEqualEntry(
  candidates: Set<unknown>,
  map: Map<unknown, unknown>,
  key: unknown,
  item: unknown,
  mode: EqualityMode,
  memos: Memos,
): boolean {
  return searching(memos, () => {
    for (const candidate of candidates) {
      if (
        innerDeepEqual(candidate, key, mode, memos) &&
        innerDeepEqual(map.get(candidate), item, mode, memos)
      ) {
        candidates.delete(candidate)
        return true
      }
    }
    return false
  })
}

/** Map equality: the same keys (compared deeply when they are objects) with deep-equal items. */
export function mapsEqual(
  a: Map<unknown, unknown>,
  b: Map<unknown, unknown>,
  mode: EqualityMode,
  memos: Memos,
): boolean {
  if (mode === 'partial') return partialMapsEqual(a, b, memos)
  const strict = mode === 'strict'
  let unmatched: Set<unknown> | undefined
  for (const [key, item1] of a) {
    if (isObject(key)) {
      if (unmatched === undefined) {
        if (b.size === 1) {
          const [key2, item2] = b.entries().next().value as [unknown, unknown]
          return innerDeepEqual(key, key2, mode, memos) && innerDeepEqual(item1, item2, mode, memos)
        }
        unmatched = new Set()
      }
      unmatched.add(key)
      continue
    }
    const item2 = b.get(key)
    if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, mode, memos)) {
      if (strict || !mapMightHaveLoosePrim(a, b, key, item1, memos)) return false
      unmatched ??= new Set()
      unmatched.add(key)
    }
  }
  if (unmatched === undefined) return true
  for (const [key, item] of b) {
    if (isObject(key)) {
      if (!takeEqualEntry(unmatched, a, key, item, mode, memos)) return false
    } else if (
      !strict &&
      (!a.has(key) || !innerDeepEqual(a.get(key), item, mode, memos)) &&
      !takeEqualEntry(unmatched, a, key, item, mode, memos)
    ) {
      return false
    }
  }
  return unmatched.size === 0
}

/** Partial mode: every entry of `b` (expected) has a matching entry in `a`, each used once. */
function partialMapsEqual(a: Map<unknown, unknown>, b: Map<unknown, unknown>, memos: Memos) {
  const missing: Array<[unknown, unknown]> = []
  for (const [key, item2] of b) {
    if (isObject(key)) {
      missing.push([key, item2])
      continue
    }
    const item1 = a.get(key)
    if ((item1 === undefined && !a.has(key)) || !innerDeepEqual(item1, item2, 'partial', memos)) {
      return false
    }
  }
  if (missing.length === 0) return true
  const candidates = new Set<unknown>()
  for (const key of a.keys()) {
    if (isObject(key)) candidates.add(key)
  }
  return missing.every(([key, item]) => takeEqualEntry(candidates, a, key, item, 'partial', memos))
}
