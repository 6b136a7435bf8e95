// Conformance: t.skip() and t.skip(reason) inside a running test, in tests and subtests.
import assert from 'node:assert'
import { test } from 'node:test'

test('t.skip()', (t) => {
  t.skip()
})
test('t.skip(reason)', (t) => {
  t.skip('decided at run time')
})
test('t.skip() and then the body goes on and fails', (t) => {
  t.skip('skipped but still running')
  assert.strictEqual('the body', 'went on')
})
test('t.skip() in an async test', async (t) => {
  await Promise.resolve()
  t.skip('async')
})
test('a subtest skips itself', async (t) => {
  await t.test('child', (t) => {
    t.skip('child reason')
  })
  await t.test('sibling', () => {})
})
test('t.skip() called twice keeps the last reason', (t) => {
  t.skip('first reason')
  t.skip('second reason')
})
