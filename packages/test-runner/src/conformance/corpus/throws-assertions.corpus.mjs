// Conformance: assertion failures of node:assert as test failures, each with node's message.
import assert from 'node:assert'
import { test } from 'node:test'

test('strictEqual', () => {
  assert.strictEqual(1, 2)
})
test('deepStrictEqual', () => {
  assert.deepStrictEqual({ a: [1, 2], b: 'x' }, { a: [1, 3], b: 'x' })
})
test('ok', () => {
  assert.ok(0)
})
test('a message of our own', () => {
  assert.equal(1, 2, 'one is not two')
})
test('throws with the wrong error', () => {
  assert.throws(
    () => {
      throw new TypeError('wrong')
    },
    { name: 'RangeError' },
  )
})
test('rejects when nothing rejects', async () => {
  await assert.rejects(Promise.resolve(1))
})
test('match', () => {
  assert.match('abc', /x/)
})
test('fail', () => {
  assert.fail('failed on purpose')
})
test('assertions that pass', () => {
  assert.deepStrictEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]]))
  assert.throws(() => {
    throw new Error('x')
  }, /x/)
})
