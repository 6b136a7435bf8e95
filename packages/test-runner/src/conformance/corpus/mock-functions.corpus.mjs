// Conformance: mock.fn(): calls, arguments, results, errors, implementations, callCount and reset.
import assert from 'node:assert'
import { mock, test } from 'node:test'

test('records calls', () => {
  const fn = mock.fn((a, b) => a + b)
  assert.strictEqual(fn(1, 2), 3)
  fn.call('ctx', 3, 4)
  assert.strictEqual(fn.mock.callCount(), 2)
  assert.deepStrictEqual(fn.mock.calls[0].arguments, [1, 2])
  assert.strictEqual(fn.mock.calls[0].result, 3)
  assert.strictEqual(fn.mock.calls[1].this, 'ctx')
  assert.strictEqual(fn.mock.calls[1].error, undefined)
})

test('records thrown errors', () => {
  const fn = mock.fn(() => {
    throw new Error('inside mock')
  })
  assert.throws(() => fn(), /inside mock/)
  assert.strictEqual(fn.mock.calls[0].error.message, 'inside mock')
  assert.strictEqual(fn.mock.calls[0].result, undefined)
})

test('an empty mock returns undefined', () => {
  const fn = mock.fn()
  assert.strictEqual(fn('x'), undefined)
  assert.strictEqual(fn.mock.callCount(), 1)
})

test('implementations', () => {
  const fn = mock.fn(() => 'original')
  fn.mock.mockImplementation(() => 'replaced')
  fn.mock.mockImplementationOnce(() => 'once')
  assert.deepStrictEqual([fn(), fn()], ['once', 'replaced'])
  fn.mock.restore()
  assert.strictEqual(fn(), 'original')
})

test('resetCalls and mock.reset', () => {
  const fn = mock.fn()
  fn()
  fn.mock.resetCalls()
  assert.strictEqual(fn.mock.callCount(), 0)
  fn()
  mock.reset()
  assert.strictEqual(fn.mock.callCount(), 1)
})

test('a failing expectation on a mock', () => {
  const fn = mock.fn()
  fn(1)
  assert.strictEqual(fn.mock.callCount(), 2)
})
