/**
 * The generated conformance cases: from a seed, a deterministic list of distinct assertion calls
 * (value pairs for the equality methods, thrown values and validators for throws/rejects), each
 * as source that builds its own values, so node:assert and the implementation get fresh copies.
 */
import { mutateRecipe } from './mutate-recipe.js'
import {
  createRenderContext,
  type RenderContext,
  renderFixtures,
  renderRecipe,
} from './render-recipe.js'
import { createRandom, type Random } from './seeded-random.js'
import { FIXTURES, generateRecipe, type Recipe } from './value-recipes.js'

/** One generated case. */
export interface GeneratedCase {
  /** Its position in the list (stable for a seed). */
  id: number
  /** Which module `assert` is bound to: node:assert (legacy) or node:assert/strict. */
  binding: 'assert' | 'strict'
  method: string
  /** Source run with `assert` bound (see run-case.ts). */
  code: string
  /** The SPEC §6 rules the case exercises (value kinds, modes, validator kinds). */
  rules: string[]
}

const EQUALITY_METHODS = [
  'equal',
  'notEqual',
  'strictEqual',
  'notStrictEqual',
  'deepEqual',
  'notDeepEqual',
  'deepStrictEqual',
  'notDeepStrictEqual',
] as const
const LOOSE_METHODS = new Set(['equal', 'notEqual', 'deepEqual', 'notDeepEqual'])

/** The share of generated cases that exercise throws/rejects validators. */
const VALIDATOR_SHARE = 0.2

/**
 * `count` distinct cases for `seed`.
 *
 * @example
 * generateCases(1, 3).map((c) => c.code) // the same three calls on every run
 */
export function generateCases(seed: number, count: number): GeneratedCase[] {
  const random = createRandom(seed)
  const cases: GeneratedCase[] = []
  const seen = new Set<string>()
  for (let attempt = 0; cases.length < count && attempt < count * 50; attempt++) {
    const draft = random.chance(VALIDATOR_SHARE) ? validatorCase(random) : valueCase(random)
    const binding = random.chance(0.2) ? 'strict' : 'assert'
    const identity = `${binding} ${draft.code}`
    if (seen.has(identity)) continue
    seen.add(identity)
    const rules = new Set(draft.rules)
    rules.add(
      binding === 'strict' || !LOOSE_METHODS.has(draft.method) ? 'strict-mode' : 'loose-mode',
    )
    if (rules.has('loose-mode'))
      for (const rule of ['map', 'set', 'map-object-key', 'set-object-item'])
        if (rules.has(rule)) rules.add(`${rule}+loose`)
    cases.push({ id: cases.length, binding, ...draft, rules: [...rules].sort() })
  }
  return cases
}

type Draft = Omit<GeneratedCase, 'id' | 'binding'>

function valueCase(random: Random): Draft {
  const strategy = random.weighted([
    [35, 'copy'],
    [42, 'mutated'],
    [8, 'independent'],
    [5, 'same-reference'],
    [10, 'primitives'],
  ] as const)
  const actual =
    strategy === 'primitives'
      ? ({
          kind: 'primitive',
          src: random.pick(['0', '1', "'1'", 'NaN', 'null', '-0', "'a'"]),
        } as Recipe)
      : generateRecipe(random, random.int(0, 3))
  let expected = actual
  if (strategy === 'mutated' || strategy === 'primitives') {
    expected = mutateRecipe(actual, random)
    if (random.chance(0.3)) expected = mutateRecipe(expected, random)
  } else if (strategy === 'independent') expected = generateRecipe(random, random.int(0, 2))
  const actualContext = createRenderContext()
  const expectedContext = createRenderContext()
  const actualSource = renderRecipe(actual, actualContext)
  const expectedSource = renderRecipe(expected, expectedContext)
  const method = chooseMethod(random, actual, expected)
  const args = strategy === 'same-reference' ? ['shared', 'shared'] : [actualSource, expectedSource]
  if (random.chance(0.04)) args.push("'custom message'")
  else if (random.chance(0.01)) args.push("new RangeError('own error')")
  const rules = new Set([...actualContext.rules, ...expectedContext.rules, `method:${method}`])
  const cycles = [actualContext, expectedContext].filter((c) => c.rules.has('cycle')).length
  if (cycles === 2) rules.add('cycle-both-sides')
  if (cycles === 1 || (cycles === 0 && hasUnrolledCycle(actualContext, expectedContext)))
    rules.add('cycle-one-side')
  if (strategy === 'same-reference') rules.add('same-reference')
  const statements = renderFixtures(mergeFixtures(actualContext, expectedContext))
  if (strategy === 'same-reference') statements.push(`const shared = ${actualSource}`)
  const call = `assert.${method}(${args.join(', ')})`
  const code = statements.length ? `${statements.join('; ')}; return ${call}` : call
  return { method, code, rules: [...rules] }
}

function hasUnrolledCycle(...contexts: RenderContext[]): boolean {
  return contexts.some((context) => context.rules.has('cycle-unrolled'))
}

function mergeFixtures(...contexts: RenderContext[]): RenderContext {
  const merged = createRenderContext()
  for (const context of contexts) for (const name of context.fixtures) merged.fixtures.add(name)
  return merged
}

function chooseMethod(random: Random, actual: Recipe, expected: Recipe): string {
  const primitive = (recipe: Recipe) => recipe.kind === 'primitive'
  if (primitive(actual) && primitive(expected)) return random.pick(EQUALITY_METHODS)
  return random.weighted([
    [35, 'deepStrictEqual'],
    [25, 'deepEqual'],
    [15, 'notDeepStrictEqual'],
    [10, 'notDeepEqual'],
    [5, 'strictEqual'],
    [3, 'equal'],
    [4, 'notStrictEqual'],
    [3, 'notEqual'],
  ] as const)
}

const THROWN = [
  "new Error('boom')",
  "new TypeError('bad value')",
  "new RangeError('out of range')",
  "new CustomError('custom')",
  "Object.assign(new Error('with props'), { code: 'E_CODE', info: { nested: true, list: [1, 2] } })",
  "new Error('caused', { cause: new Error('root') })",
  "Object.assign(new Error('boom'), { name: 'NamedError' })",
  "'a string'",
  '42',
  'null',
  'undefined',
  "{ message: 'plain object', name: 'TypeError' }",
]

const VALIDATORS: Record<string, readonly string[]> = {
  class: ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'CustomError', 'Object'],
  regexp: ['/boom/', '/^TypeError: bad/', '/nomatch/', '/string/', '/42/', '/E_CODE/'],
  function: [
    '(e) => e instanceof TypeError',
    "(e) => e && e.message === 'boom'",
    '() => true',
    '() => false',
    "function check(e) { return e.code === 'E_CODE' }",
    '() => {}',
    "() => { throw new SyntaxError('validator threw') }",
  ],
  object: [
    "{ message: 'boom' }",
    "{ name: 'TypeError', message: 'bad value' }",
    "{ code: 'E_CODE' }",
    '{ info: { nested: true, list: [1, 2] } }',
    '{ info: { nested: true } }',
    "{ message: 'nope' }",
    "{ name: 'Error' }",
    "{ cause: new Error('root') }",
    '{}',
  ],
  'object-regexp': [
    '{ message: /^b/ }',
    '{ name: /Error$/, message: /val/ }',
    '{ code: /^E_/ }',
    '{ message: /nope/ }',
  ],
  error: [
    "new Error('boom')",
    "new TypeError('bad value')",
    "new Error('other')",
    "Object.assign(new Error('with props'), { code: 'E_CODE' })",
  ],
  string: ["'boom'", "'custom message'", "'bad value'"],
  invalid: ['42', 'null'],
  none: [''],
}

function validatorCase(random: Random): Draft {
  const method = random.weighted([
    [40, 'throws'],
    [15, 'doesNotThrow'],
    [30, 'rejects'],
    [15, 'doesNotReject'],
  ] as const)
  const thrown = random.pick(THROWN)
  const body =
    method === 'throws' || method === 'doesNotThrow'
      ? random.weighted([
          [80, `() => { throw ${thrown} }`],
          [15, '() => {}'],
          [5, "'not a function'"],
        ])
      : random.weighted([
          [45, `async () => { throw ${thrown} }`],
          [12, `Promise.reject(${thrown})`],
          [10, `() => Promise.reject(${thrown})`],
          [10, 'async () => 1'],
          [5, '() => 1'],
          [8, 'Promise.resolve(1)'],
          [5, `() => { throw ${thrown} }`],
          [5, "'not a function'"],
        ])
  const kind = random.weighted([
    [14, 'class'],
    [14, 'regexp'],
    [16, 'function'],
    [18, 'object'],
    [8, 'object-regexp'],
    [10, 'error'],
    [8, 'string'],
    [3, 'invalid'],
    [9, 'none'],
  ])
  const validator = random.pick(VALIDATORS[kind] as readonly string[])
  const args = [body, validator].filter(Boolean)
  if (kind !== 'string' && random.chance(0.15)) args.push("'extra message'")
  const call = `assert.${method}(${args.join(', ')})`
  const code = call.includes('CustomError') ? `${FIXTURES.CustomError}; return ${call}` : call
  return { method, code, rules: [`method:${method}`, `validator:${kind}`] }
}
