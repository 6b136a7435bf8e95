// Conformance: t.plan() not met: too few, too many, a failing assertion, and a plan in a subtest.
import { test } from 'node:test'

test('too few', (t) => {
  t.plan(3)
  t.assert.ok(true)
})

test('too many', (t) => {
  t.plan(1)
  t.assert.ok(true)
  t.assert.ok(true)
})

test('a failing assertion is reported, not the plan', (t) => {
  t.plan(2)
  t.assert.strictEqual(1, 2)
})

test('subtests short of the plan', async (t) => {
  t.plan(3)
  await t.test('only one', () => {})
})

test('a subtest with its own plan', async (t) => {
  await t.test('child', (t) => {
    t.plan(2)
    t.assert.ok(true)
  })
})

test('plain assert does not count', (t) => {
  t.plan(1)
  if (!t.assert) throw new Error('t.assert is missing')
})
