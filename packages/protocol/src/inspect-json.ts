/**
 * The lossless-JSON test that decides between a `JSON` and a `Text` reply (SPEC §2.4): plain
 * data only, read through descriptors (getters are never called), and given up as soon as the
 * JSON would pass the length limit, so a huge array costs no more than the limit.
 */

/**
 * The value as 2-space JSON when JSON represents it losslessly (plain objects and arrays of
 * strings, finite numbers, booleans and null, no cycles, nothing that JSON would drop or change),
 * else `undefined`. Never calls getters; gives up as soon as the JSON would pass `maxLength`.
 */
export function losslessJson(value: unknown, maxLength = 65_536): string | undefined {
  try {
    if (!isLossless(value, new Set(), 0, { size: 0, maxLength })) return undefined
    const text = JSON.stringify(value, null, 2)
    return text.length <= maxLength ? text : undefined
  } catch {
    return undefined
  }
}

interface JsonBudget {
  /** A lower bound of the JSON text's length so far. */
  size: number
  maxLength: number
}

function grow(budget: JsonBudget, size: number): boolean {
  budget.size += size
  return budget.size <= budget.maxLength
}

function isLossless(value: unknown, seen: Set<object>, depth: number, budget: JsonBudget): boolean {
  if (value === null || typeof value === 'boolean') return grow(budget, 4)
  if (typeof value === 'string') return grow(budget, value.length + 2)
  if (typeof value === 'number') {
    return Number.isFinite(value) && !Object.is(value, -0) && grow(budget, 1)
  }
  if (typeof value !== 'object' || depth > 100 || seen.has(value)) return false
  const proto = Object.getPrototypeOf(value)
  const entrySize = 2 * depth + 4
  seen.add(value)
  try {
    if (Object.getOwnPropertySymbols(value).length) return false
    if (Array.isArray(value)) {
      if (proto !== Array.prototype) return false
      const { length } = value
      for (let i = 0; i < length; i++) {
        const descriptor = Object.getOwnPropertyDescriptor(value, i)
        if (!descriptor || !('value' in descriptor) || !grow(budget, entrySize)) return false
        if (!isLossless(descriptor.value, seen, depth + 1, budget)) return false
      }
      return Object.getOwnPropertyNames(value).length === length + 1
    }
    if (proto !== Object.prototype && proto !== null) return false
    for (const key of Object.getOwnPropertyNames(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)
      if (!descriptor?.enumerable || !('value' in descriptor)) return false
      if (!grow(budget, entrySize + key.length + 4)) return false
      if (!isLossless(descriptor.value, seen, depth + 1, budget)) return false
    }
    return true
  } finally {
    seen.delete(value)
  }
}
