/**
 * A small seeded PRNG (mulberry32) and the choices the case generator makes with it, so a seed
 * always yields the same cases and a failing one can be reproduced.
 */

/** Random choices drawn from one seeded stream. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[]
}

/**
 * A deterministic random stream for `seed`.
 *
 * @example
 * createRandom(1).int(0, 9) === createRandom(1).int(0, 9) // true
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick() needs at least one item')
    return items[int(0, items.length - 1)] as T
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted<T>(choices: readonly (readonly [number, T])[]): T {
      const total = choices.reduce((sum, [weight]) => sum + weight, 0)
      let roll = next() * total
      for (const [weight, value] of choices) {
        roll -= weight
        if (roll < 0) return value
      }
      return (choices[choices.length - 1] as readonly [number, T])[1]
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items]
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i)
        ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
      }
      return copy
    },
  }
}
