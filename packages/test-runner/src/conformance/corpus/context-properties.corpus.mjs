// Conformance: what a test context offers: name, fullName, signal, assert, mock, and what hooks see.
import assert from 'node:assert'
import { beforeEach, describe, it, test } from 'node:test'

const seen = []
beforeEach((t) => {
  seen.push(`beforeEach sees ${t.name}`)
})

test('context basics', (t) => {
  assert.strictEqual(t.name, 'context basics')
  assert.strictEqual(t.fullName, 'context basics')
  assert.strictEqual(typeof t.signal.aborted, 'boolean')
  assert.strictEqual(typeof t.assert.deepStrictEqual, 'function')
  assert.strictEqual(typeof t.mock.fn, 'function')
  assert.strictEqual(typeof t.diagnostic, 'function')
})

describe('suite', () => {
  it('full names join with " > "', async (t) => {
    t.diagnostic(t.fullName)
    await t.test('sub', (t) => {
      t.diagnostic(t.fullName)
    })
  })
})

test('t.assert failures fail the test', (t) => {
  t.assert.strictEqual('a', 'b')
})

test('report', (t) => {
  t.diagnostic(seen.join(' | '))
})
