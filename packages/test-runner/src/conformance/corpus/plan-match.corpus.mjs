// Conformance: t.plan() met exactly: by t.assert calls, by subtests, and by both.
import { test } from 'node:test'

test('three assertions', (t) => {
  t.plan(3)
  t.assert.ok(true)
  t.assert.strictEqual(1, 1)
  t.assert.deepStrictEqual([1], [1])
})

test('two subtests', async (t) => {
  t.plan(2)
  await t.test('one', () => {})
  await t.test('two', () => {})
})

test('an assertion and a subtest', async (t) => {
  t.plan(2)
  t.assert.ok(1)
  await t.test('sub', () => {})
})

test('plan zero and nothing', (t) => {
  t.plan(0)
})

test('assertions after an await count', async (t) => {
  t.plan(2)
  await Promise.resolve()
  t.assert.ok(true)
  await new Promise((resolve) => setTimeout(resolve, 1))
  t.assert.equal(2, 2)
})
