// Conformance: t.diagnostic() at several depths and several per test, beside results.
import { describe, it, test } from 'node:test'

test('one diagnostic', (t) => {
  t.diagnostic('hello')
})
test('two diagnostics and a subtest', async (t) => {
  t.diagnostic('first')
  await t.test('sub', (t) => {
    t.diagnostic('from the subtest')
  })
  t.diagnostic('second')
})
test('a diagnostic in a failing test', (t) => {
  t.diagnostic('before failing')
  throw new Error('failed')
})
describe('suite', () => {
  it('in a suite', (t) => {
    t.diagnostic('inside a suite')
  })
})
test('a multi-line diagnostic', (t) => {
  t.diagnostic('line one\nline two')
})
