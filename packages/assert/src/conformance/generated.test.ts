/// <reference types="node" />
import nodeAssert from 'node:assert'
import nodeStrict from 'node:assert/strict'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import implementationAssert from '../index.js'
import implementationStrict from '../strict.js'
import {
  type AssertModules,
  type ConformanceInput,
  compareWithNode,
  formatMismatches,
  formatSummary,
  messageAgreement,
} from './compare-with-node.js'
import { type GeneratedCase, generateCases } from './generate-cases.js'
import { runCase } from './run-case.js'

// DAEBUG_CONFORMANCE_SEED explores other seeds; CI runs the default one.
const SEED = Number(process.env.DAEBUG_CONFORMANCE_SEED ?? 20_251_204)
const COUNT = 2400
const NODE: AssertModules = { assert: nodeAssert, strict: nodeStrict }
const IMPLEMENTATION: AssertModules = { assert: implementationAssert, strict: implementationStrict }

/** Every SPEC §6 rule the generated cases must exercise, each in at least a few cases. */
const RULES = [
  'primitive',
  'zero',
  'nan',
  'bigint',
  'symbol',
  'boxed-primitive',
  'class-prototype',
  'null-prototype',
  'symbol-key',
  'non-enumerable',
  'getter',
  'array-hole',
  'array-extra-property',
  'sparse-array',
  'map',
  'map-object-key',
  'map+loose',
  'map-object-key+loose',
  'set',
  'set-object-item',
  'set+loose',
  'typed-array:Int8Array',
  'typed-array:Uint8Array',
  'typed-array:Uint8ClampedArray',
  'typed-array:Int16Array',
  'typed-array:Uint16Array',
  'typed-array:Int32Array',
  'typed-array:Uint32Array',
  'typed-array:Float32Array',
  'typed-array:Float64Array',
  'typed-array:BigInt64Array',
  'typed-array:BigUint64Array',
  'array-buffer',
  'shared-array-buffer',
  'data-view',
  'date',
  'invalid-date',
  'regexp',
  'regexp-flags',
  'regexp-last-index',
  'error',
  'error-name',
  'error-cause',
  'error-errors',
  'weakmap',
  'weakset',
  'promise',
  'function',
  'cycle-both-sides',
  'cycle-one-side',
  'deep-nesting',
  'same-reference',
  'loose-mode',
  'strict-mode',
  'validator:class',
  'validator:regexp',
  'validator:function',
  'validator:object',
  'validator:object-regexp',
  'validator:error',
  'validator:string',
  ...[
    'equal',
    'notEqual',
    'strictEqual',
    'notStrictEqual',
    'deepEqual',
    'notDeepEqual',
    'deepStrictEqual',
    'notDeepStrictEqual',
    'throws',
    'doesNotThrow',
    'rejects',
    'doesNotReject',
  ].map((method) => `method:${method}`),
]

let cached: GeneratedCase[] | undefined
const cases = () => {
  cached ??= generateCases(SEED, COUNT)
  return cached
}

const inputs = (list: readonly GeneratedCase[]): ConformanceInput[] =>
  list.map(({ id, binding, code }) => ({ label: `gen#${id}`, binding, code }))

test('the generator is deterministic and yields distinct cases', () => {
  const again = generateCases(SEED, COUNT)
  assert.equal(
    again.map((c) => c.code),
    cases().map((c) => c.code),
  )
  assert.is(new Set(cases().map((c) => `${c.binding} ${c.code}`)).size, COUNT)
})

test('the generated cases exercise every rule of SPEC §6', () => {
  const counts = new Map<string, number>()
  for (const { rules } of cases())
    for (const rule of rules) counts.set(rule, (counts.get(rule) ?? 0) + 1)
  const thin = RULES.filter((rule) => (counts.get(rule) ?? 0) < 5)
  assert.equal(thin, [], `rules exercised by fewer than 5 cases: ${thin.join(', ')}`)
})

test('both sides build fresh, equal copies of the values', async () => {
  const seen: unknown[] = []
  const recorder = new Proxy(
    {},
    {
      get: () => (actual: unknown, expected: unknown) => {
        seen.push(actual, expected)
      },
    },
  )
  await runCase('assert.deepStrictEqual({ a: [1] }, { a: [1] })', recorder)
  await runCase('assert.deepStrictEqual({ a: [1] }, { a: [1] })', recorder)
  const [first, , again] = seen
  assert.not.ok(first === again, 'each run builds its own values')
  assert.equal(first, again)
})

test('node:assert agrees with itself on every generated case (the harness adds no noise)', async () => {
  const report = await compareWithNode(inputs(cases()), NODE, NODE)
  const mismatches = [...report.structural, ...report.messages]
  assert.ok(mismatches.length === 0, `\n${formatMismatches(mismatches, 10)}`)
})

test('@daebug/assert agrees with node:assert on every generated case', async () => {
  const report = await compareWithNode(inputs(cases()), NODE, IMPLEMENTATION)
  console.log(formatSummary(`conformance, generated (seed ${SEED})`, report))
  if (process.env.DAEBUG_CONFORMANCE_VERBOSE)
    console.log(
      formatMismatches([...new Set([...report.structural, ...report.messages])], Infinity),
    )
  const structural = report.structural.length
    ? `pass/fail, class, code or operator differ on ${report.structural.length} case(s):\n${formatMismatches(report.structural, 15)}\n`
    : ''
  const messages =
    messageAgreement(report) < 0.98
      ? `messages agree on fewer than 98% of the failing cases; the differing ones:\n${formatMismatches(report.messages, 15)}\n`
      : ''
  assert.ok(!structural && !messages, `\n${structural}${messages}`)
})

test('partialDeepStrictEqual passes wherever deepStrictEqual does (current docs: a superset)', async () => {
  // Current Node no longer equates distinct WeakMaps, WeakSets and Promises, which Node 20 does.
  const identityOnly = new Set(['weakmap', 'weakset', 'promise'])
  const deep = /assert\.(deepEqual|notDeepEqual|deepStrictEqual|notDeepStrictEqual)\(/
  const candidates = cases().filter(
    (c) => deep.test(c.code) && !c.rules.some((rule) => identityOnly.has(rule)),
  )
  const equal: ConformanceInput[] = []
  for (const c of candidates) {
    const code = c.code.replace(deep, 'assert.deepStrictEqual(')
    if ((await runCase(code, nodeStrict)).result === 'pass')
      equal.push({
        label: `gen#${c.id}`,
        binding: 'strict',
        code: code.replace(deep, 'assert.partialDeepStrictEqual('),
        expect: 'pass',
      })
  }
  assert.ok(equal.length >= 500, `only ${equal.length} deep-equal pairs`)
  const report = await compareWithNode(equal, NODE, IMPLEMENTATION)
  assert.ok(
    report.structural.length === 0,
    `partialDeepStrictEqual fails ${report.structural.length} of ${equal.length} pairs deepStrictEqual accepts:\n${formatMismatches(report.structural, 15)}`,
  )
})

test.run()
