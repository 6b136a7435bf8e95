/**
 * Seeded random values for differential tests: a nested value and a second one built the same
 * way with a few changes (some that keep it loosely or strictly equal, some that do not).
 */

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const primitives: unknown[] = [0, -0, 1, '1', '', 'a', true, false, null, undefined, Number.NaN, 1n]
const keys = ['a', 'b', 'c', '0']

/** A recipe: building it twice gives two structurally equal values with no shared objects. */
type Recipe =
  | { kind: 'primitive'; value: unknown }
  | { kind: 'object' | 'nullProto'; entries: Array<[string, Recipe]> }
  | { kind: 'array'; items: Array<Recipe | 'hole'> }
  | { kind: 'map'; entries: Array<[Recipe, Recipe]> }
  | { kind: 'set'; items: Recipe[] }
  | { kind: 'date'; time: number }
  | { kind: 'bytes'; bytes: number[]; float: boolean }
  | { kind: 'error'; message: string }

function randomRecipe(random: () => number, depth: number): Recipe {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!
  const count = () => Math.floor(random() * 4)
  const roll = random()
  if (depth <= 0 || roll < 0.35) return { kind: 'primitive', value: pick(primitives) }
  if (roll < 0.5) {
    const entries: Array<[string, Recipe]> = []
    for (let i = count(); i > 0; i--) entries.push([pick(keys), randomRecipe(random, depth - 1)])
    return { kind: random() < 0.85 ? 'object' : 'nullProto', entries }
  }
  if (roll < 0.65) {
    const items: Array<Recipe | 'hole'> = []
    for (let i = count(); i > 0; i--) {
      items.push(random() < 0.1 ? 'hole' : randomRecipe(random, depth - 1))
    }
    return { kind: 'array', items }
  }
  if (roll < 0.73) {
    const entries: Array<[Recipe, Recipe]> = []
    for (let i = count(); i > 0; i--) {
      entries.push([randomRecipe(random, depth - 1), randomRecipe(random, depth - 1)])
    }
    return { kind: 'map', entries }
  }
  if (roll < 0.81) {
    const items: Recipe[] = []
    for (let i = count(); i > 0; i--) items.push(randomRecipe(random, depth - 1))
    return { kind: 'set', items }
  }
  if (roll < 0.87) return { kind: 'date', time: pick([0, 1, Number.NaN]) }
  if (roll < 0.94) {
    const bytes = Array.from({ length: count() }, () => pick([0, 1, 255]))
    return { kind: 'bytes', bytes, float: random() < 0.3 }
  }
  return { kind: 'error', message: pick(['a', 'b']) }
}

function build(recipe: Recipe): unknown {
  switch (recipe.kind) {
    case 'primitive':
      return recipe.value
    case 'object':
    case 'nullProto': {
      const target: Record<string, unknown> = recipe.kind === 'object' ? {} : Object.create(null)
      for (const [key, value] of recipe.entries) target[key] = build(value)
      return target
    }
    case 'array': {
      const array: unknown[] = []
      array.length = recipe.items.length
      recipe.items.forEach((item, index) => {
        if (item !== 'hole') array[index] = build(item)
      })
      return array
    }
    case 'map':
      return new Map(recipe.entries.map(([key, value]) => [build(key), build(value)]))
    case 'set':
      return new Set(recipe.items.map(build))
    case 'date':
      return new Date(recipe.time)
    case 'bytes':
      return recipe.float ? new Float64Array(recipe.bytes) : new Uint8Array(recipe.bytes)
    case 'error':
      return new Error(recipe.message)
  }
}

/** A copy of `recipe` with one random change somewhere (or none). */
function mutate(recipe: Recipe, random: () => number): Recipe {
  const roll = random()
  if (roll < 0.25) return recipe
  switch (recipe.kind) {
    case 'primitive':
      return { kind: 'primitive', value: primitives[Math.floor(random() * primitives.length)] }
    case 'object':
    case 'nullProto': {
      if (recipe.entries.length === 0 || roll < 0.35) {
        return { ...recipe, kind: recipe.kind === 'object' ? 'nullProto' : 'object' }
      }
      const index = Math.floor(random() * recipe.entries.length)
      const entries = [...recipe.entries]
      if (roll < 0.45) entries.splice(index, 1)
      else entries[index] = [entries[index]![0], mutate(entries[index]![1], random)]
      return { ...recipe, entries: roll < 0.6 ? entries.reverse() : entries }
    }
    case 'array': {
      if (recipe.items.length === 0) return { ...recipe, items: ['hole'] }
      const index = Math.floor(random() * recipe.items.length)
      const items = [...recipe.items]
      const item = items[index]!
      items[index] = item === 'hole' || roll < 0.35 ? 'hole' : mutate(item, random)
      return { ...recipe, items }
    }
    case 'map': {
      if (recipe.entries.length === 0) return recipe
      const index = Math.floor(random() * recipe.entries.length)
      const entries = [...recipe.entries]
      const [key, value] = entries[index]!
      entries[index] = roll < 0.5 ? [mutate(key, random), value] : [key, mutate(value, random)]
      return { ...recipe, entries: entries.reverse() }
    }
    case 'set': {
      if (recipe.items.length === 0) return recipe
      const items = recipe.items.map((item) => (random() < 0.5 ? mutate(item, random) : item))
      return { ...recipe, items: items.reverse() }
    }
    case 'date':
      return { ...recipe, time: recipe.time + 1 }
    case 'bytes':
      return { ...recipe, float: !recipe.float }
    case 'error':
      return { ...recipe, message: recipe.message === 'a' ? 'b' : 'a' }
  }
}

/** Two values from one seed: a random nested value and a copy that may differ a little. */
export function randomPair(seed: number): [unknown, unknown] {
  const random = createRandom(seed)
  const recipe = randomRecipe(random, 4)
  const other = random() < 0.3 ? recipe : mutate(recipe, random)
  return [build(recipe), build(other)]
}
