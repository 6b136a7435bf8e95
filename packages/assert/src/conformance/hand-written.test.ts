/// <reference types="node" />
import nodeAssert from 'node:assert'
import nodeStrict from 'node:assert/strict'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import implementationAssert from '../index.js'
import implementationStrict from '../strict.js'
import { handWrittenCases } from './cases.js'
import {
  type AssertModules,
  type ConformanceInput,
  compareWithNode,
  formatMismatches,
  formatSummary,
  messageAgreement,
} from './compare-with-node.js'
import { compileCase } from './run-case.js'

const NODE: AssertModules = { assert: nodeAssert, strict: nodeStrict }
const IMPLEMENTATION: AssertModules = { assert: implementationAssert, strict: implementationStrict }

/** Every hand-written case, once with the legacy module and once with the strict one. */
const inputs: ConformanceInput[] = (['assert', 'strict'] as const).flatMap((binding) =>
  handWrittenCases.map(({ code, expect, note }, index) => ({
    label: `hand#${index}`,
    binding,
    code,
    ...(expect ? { expect } : {}),
    ...(note ? { note } : {}),
  })),
)

test('there are at least 150 distinct hand-written cases, and each one compiles', () => {
  const codes = handWrittenCases.map((c) => c.code)
  assert.ok(codes.length >= 150, `${codes.length} cases`)
  assert.is(new Set(codes).size, codes.length, 'no case is written twice')
  for (const code of codes) compileCase(code)
})

test('every partialDeepStrictEqual case has a documented outcome, and only those do', () => {
  const wrong = handWrittenCases.filter(
    (c) => c.code.includes('partialDeepStrictEqual') !== (c.expect !== undefined),
  )
  assert.equal(
    wrong.map((c) => c.code),
    [],
  )
})

test('node:assert agrees with itself on every hand-written case (the harness adds no noise)', async () => {
  const judged = inputs.filter((input) => !input.expect)
  const report = await compareWithNode(judged, NODE, NODE)
  const mismatches = [...report.structural, ...report.messages]
  assert.ok(mismatches.length === 0, `\n${formatMismatches(mismatches, 10)}`)
})

test('@daebug/assert agrees with node:assert (and the docs) on every hand-written case', async () => {
  const report = await compareWithNode(inputs, NODE, IMPLEMENTATION)
  console.log(formatSummary('conformance, hand-written (legacy + strict)', report))
  if (process.env.DAEBUG_CONFORMANCE_VERBOSE)
    console.log(
      formatMismatches([...new Set([...report.structural, ...report.messages])], Infinity),
    )
  const structural = report.structural.length
    ? `pass/fail, class, code or operator differ on ${report.structural.length} case(s):\n${formatMismatches(report.structural, 20)}\n`
    : ''
  const messages =
    messageAgreement(report) < 0.98
      ? `messages agree on fewer than 98% of the failing cases; the differing ones:\n${formatMismatches(report.messages, 20)}\n`
      : ''
  assert.ok(!structural && !messages, `\n${structural}${messages}`)
})

test.run()
