/**
 * Value recipes: plain data that describes a JavaScript value and renders to the source that
 * builds it. A case evaluates that source once per side, so both sides get fresh, equal copies,
 * and a mismatch can be printed as code anyone can paste into a REPL.
 */
import type { Random } from './seeded-random.js'

/** Shared bindings a case may declare before its assertion (same identity on both sides). */
export const FIXTURES = {
  Foo: 'class Foo {}',
  Bar: 'class Bar {}',
  CustomError: 'class CustomError extends Error {}',
  sym: "const sym = Symbol('sym')",
  fn: 'const fn = function shared() {}',
  wm: 'const wm = new WeakMap()',
  ws: 'const ws = new WeakSet()',
  promise: 'const promise = Promise.resolve(1)',
  key: 'const key = { k: 1 }',
} as const

/** The name of a shared binding. */
export type FixtureName = keyof typeof FIXTURES

export const TYPED_KINDS = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const

/** A typed array constructor's name. */
export type TypedKind = (typeof TYPED_KINDS)[number]

/** An own property: a key expression (`'a'`, `Symbol.for('k')`, `sym`) and how it is defined. */
export interface Prop {
  key: string
  value: Recipe
  mode: 'plain' | 'hidden' | 'getter'
}

/** A value, as data. Sources (`src`, `time`, …) are JavaScript expressions. */
export type Recipe =
  | { kind: 'primitive'; src: string }
  | { kind: 'object'; proto: 'object' | 'null' | 'Foo' | 'Bar'; props: Prop[] }
  | { kind: 'array'; items: (Recipe | null)[]; props: Prop[] }
  | { kind: 'sparse'; length: number; entries: [number, Recipe][] }
  | { kind: 'map'; entries: [Recipe, Recipe][]; props: Prop[] }
  | { kind: 'set'; items: Recipe[]; props: Prop[] }
  | { kind: 'typed'; type: TypedKind; values: string[]; offset: boolean; props: Prop[] }
  | { kind: 'buffer'; shared: boolean; bytes: number[] }
  | { kind: 'dataview'; bytes: number[]; offset: number }
  | { kind: 'date'; time: string; props: Prop[] }
  | { kind: 'regexp'; source: string; flags: string; lastIndex: number }
  | { kind: 'boxed'; type: BoxedType; src: string; props: Prop[] }
  | {
      kind: 'error'
      type: ErrorType
      message: string
      cause?: Recipe
      errors?: Recipe[]
      props: Prop[]
    }
  | { kind: 'ref'; name: FixtureName }
  | { kind: 'fresh'; src: string }
  | { kind: 'cyclic'; base: Recipe; via: 'self' | 'child'; closed: boolean }
  | { kind: 'nested'; depth: number; wrapper: 'object' | 'array' | 'map'; leaf: Recipe }

export type BoxedType = 'Number' | 'String' | 'Boolean' | 'BigInt' | 'Symbol'
export type ErrorType =
  | 'Error'
  | 'TypeError'
  | 'RangeError'
  | 'SyntaxError'
  | 'CustomError'
  | 'AggregateError'

export const PRIMITIVES: readonly string[] = [
  '0',
  '-0',
  '1',
  '2',
  '-1',
  '1.5',
  'NaN',
  'Infinity',
  '-Infinity',
  "''",
  "'a'",
  "'b'",
  "'1'",
  "'0'",
  "'true'",
  "'hello world'",
  "'a\\nb'",
  'true',
  'false',
  'null',
  'undefined',
  '0n',
  '1n',
  "Symbol.for('s')",
]
export const OBJECT_KEYS: readonly string[] = ["'a'", "'b'", "'c'", "'x'", "'two words'", "'1'"]
export const SYMBOL_KEYS: readonly string[] = ["Symbol.for('k')", 'sym']
/** Keys for extra properties on arrays, maps, typed arrays…: never an index. */
export const EXTRA_KEYS: readonly string[] = ["'x'", "'extra'", "Symbol.for('k')"]
export const TYPED_VALUES: Record<'int' | 'float' | 'bigint', readonly string[]> = {
  int: ['0', '1', '-1', '2', '127', '200', '65535'],
  float: ['0', '-0', '1.5', 'NaN', 'Infinity', '-1'],
  bigint: ['0n', '1n', '-2n', '9007199254740993n'],
}
export const BOXED_VALUES: Record<BoxedType, readonly string[]> = {
  Number: ['0', '-0', '1', 'NaN'],
  String: ["''", "'ab'", "'a'"],
  Boolean: ['true', 'false'],
  BigInt: ['1n', '0n'],
  Symbol: ["Symbol.for('s')"],
}
export const ERROR_TYPES: readonly ErrorType[] = [
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'CustomError',
  'AggregateError',
]
export const ERROR_MESSAGES: readonly string[] = ['boom', 'bad value', 'Boom', '']
/** Values for an own `name` on an error. */
export const ERROR_NAMES: readonly string[] = ["'Custom'", "'TypeError'", "'Error'"]
export const REGEXP_SOURCES: readonly string[] = ['a', 'a+b', '^x$', '\\d+', '[a-z]', 'foo|bar']
export const DATE_TIMES: readonly string[] = ['0', '1', 'NaN', '1e12', '-1', '8.64e15']
/** Values with an identity of their own: each evaluation makes a new one. */
export const FRESH_SOURCES: readonly string[] = [
  'function f() {}',
  '() => 1',
  'new WeakMap()',
  'new WeakSet()',
  'Promise.resolve(1)',
  "Symbol('u')",
  'class K {}',
]
export const REF_NAMES: readonly FixtureName[] = ['fn', 'wm', 'ws', 'promise', 'key', 'sym']

/** The group of a typed array kind: which element sources it takes. */
export function typedGroup(type: TypedKind): 'int' | 'float' | 'bigint' {
  if (type.startsWith('Big')) return 'bigint'
  return type.startsWith('Float') ? 'float' : 'int'
}

/** A random value recipe; `depth` bounds how deep containers nest. */
export function generateRecipe(random: Random, depth: number): Recipe {
  const leafKinds: [number, () => Recipe][] = [
    [32, () => ({ kind: 'primitive', src: random.pick(PRIMITIVES) })],
    [6, () => generateTyped(random)],
    [2, () => ({ kind: 'buffer', shared: random.chance(0.25), bytes: bytes(random) })],
    [2, () => ({ kind: 'dataview', bytes: bytes(random), offset: random.int(0, 1) })],
    [3, () => ({ kind: 'date', time: random.pick(DATE_TIMES), props: [] })],
    [3, () => generateRegExp(random)],
    [3, () => generateBoxed(random)],
    [2, () => ({ kind: 'ref', name: random.pick(REF_NAMES) })],
    [2, () => ({ kind: 'fresh', src: random.pick(FRESH_SOURCES) })],
  ]
  if (depth <= 0) return random.weighted(leafKinds)()
  const inner = () => generateRecipe(random, depth - 1)
  return random.weighted<() => Recipe>([
    ...leafKinds,
    [12, () => generateObject(random, inner)],
    [10, () => generateArray(random, inner)],
    [2, () => generateSparse(random, inner)],
    [6, () => ({ kind: 'map', entries: mapEntries(random, inner), props: [] })],
    [5, () => ({ kind: 'set', items: setItems(random, inner), props: [] })],
    [5, () => generateError(random, inner)],
    [3, () => generateCyclic(random, inner)],
    [1, () => generateNested(random)],
  ])()
}

/** A random own property for `key`. */
export function generateProp(random: Random, key: string, inner: () => Recipe): Prop {
  const mode = random.weighted<Prop['mode']>([
    [85, 'plain'],
    [8, 'hidden'],
    [7, 'getter'],
  ])
  return { key, value: inner(), mode }
}

function generateObject(random: Random, inner: () => Recipe): Recipe {
  const keys = random.shuffle(OBJECT_KEYS).slice(0, random.int(0, 4))
  if (random.chance(0.2)) keys.push(random.pick(SYMBOL_KEYS))
  const proto = random.weighted<'object' | 'null' | 'Foo' | 'Bar'>([
    [75, 'object'],
    [10, 'null'],
    [10, 'Foo'],
    [5, 'Bar'],
  ])
  return { kind: 'object', proto, props: keys.map((key) => generateProp(random, key, inner)) }
}

function generateArray(random: Random, inner: () => Recipe): Recipe {
  const long = random.chance(0.05)
  const length = long ? random.int(15, 30) : random.int(0, 5)
  const items = Array.from({ length }, () =>
    random.chance(0.1)
      ? null
      : long
        ? ({ kind: 'primitive', src: random.pick(PRIMITIVES) } as Recipe)
        : inner(),
  )
  const props = random.chance(0.1) ? [generateProp(random, random.pick(EXTRA_KEYS), inner)] : []
  return { kind: 'array', items, props }
}

function generateSparse(random: Random, inner: () => Recipe): Recipe {
  const length = random.int(5, 200)
  const indexes = [
    ...new Set(Array.from({ length: random.int(0, 3) }, () => random.int(0, length - 1))),
  ]
  return { kind: 'sparse', length, entries: indexes.sort((a, b) => a - b).map((i) => [i, inner()]) }
}

function mapEntries(random: Random, inner: () => Recipe): [Recipe, Recipe][] {
  return Array.from({ length: random.int(0, 3) }, () => [mapKey(random, inner), inner()])
}

/** A Map key or Set item: a primitive, or (often) an object compared by structure. */
export function mapKey(random: Random, inner: () => Recipe): Recipe {
  if (random.chance(0.55)) return { kind: 'primitive', src: random.pick(PRIMITIVES) }
  if (random.chance(0.1)) return { kind: 'ref', name: 'key' }
  return random.chance(0.7) ? generateObject(random, inner) : generateArray(random, inner)
}

function setItems(random: Random, inner: () => Recipe): Recipe[] {
  return Array.from({ length: random.int(0, 4) }, () => mapKey(random, inner))
}

function generateTyped(random: Random): Recipe {
  const type = random.pick(TYPED_KINDS)
  const pool = TYPED_VALUES[typedGroup(type)]
  const values = Array.from({ length: random.int(0, 4) }, () => random.pick(pool))
  return { kind: 'typed', type, values, offset: random.chance(0.15), props: [] }
}

function bytes(random: Random): number[] {
  return Array.from({ length: random.int(0, 4) }, () => random.int(0, 255))
}

function generateRegExp(random: Random): Recipe {
  const flags = [...'dgimsuy'].filter(() => random.chance(0.2)).join('')
  const lastIndex = random.chance(0.15) ? random.int(1, 3) : 0
  return { kind: 'regexp', source: random.pick(REGEXP_SOURCES), flags, lastIndex }
}

function generateBoxed(random: Random): Recipe {
  const type = random.pick(Object.keys(BOXED_VALUES) as BoxedType[])
  return { kind: 'boxed', type, src: random.pick(BOXED_VALUES[type]), props: [] }
}

function generateError(random: Random, inner: () => Recipe): Recipe {
  const type = random.pick(ERROR_TYPES)
  const recipe: Recipe = { kind: 'error', type, message: random.pick(ERROR_MESSAGES), props: [] }
  if (random.chance(0.25)) recipe.cause = inner()
  if (type === 'AggregateError') recipe.errors = Array.from({ length: random.int(0, 2) }, inner)
  if (random.chance(0.15)) recipe.props.push(generateProp(random, "'code'", inner))
  if (random.chance(0.1)) recipe.props.push(generateProp(random, "'name'", () => errorName(random)))
  return recipe
}

/** A primitive recipe for an error's own `name`. */
export function errorName(random: Random): Recipe {
  return { kind: 'primitive', src: random.pick(ERROR_NAMES) }
}

function generateCyclic(random: Random, inner: () => Recipe): Recipe {
  const base = random.weighted<() => Recipe>([
    [5, () => generateObject(random, inner)],
    [2, () => ({ kind: 'array', items: [inner()], props: [] })],
    [2, () => ({ kind: 'map', entries: mapEntries(random, inner), props: [] })],
    [1, () => ({ kind: 'set', items: setItems(random, inner), props: [] })],
  ])()
  return { kind: 'cyclic', base, via: random.chance(0.7) ? 'self' : 'child', closed: true }
}

function generateNested(random: Random): Recipe {
  const wrapper = random.pick(['object', 'array', 'map'] as const)
  const leaf: Recipe = { kind: 'primitive', src: random.pick(PRIMITIVES) }
  return { kind: 'nested', depth: random.int(10, 60), wrapper, leaf }
}
