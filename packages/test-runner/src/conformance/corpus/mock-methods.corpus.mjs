// Conformance: mock.method() on objects, restoreAll, and t.mock restoring itself after the test.
import assert from 'node:assert'
import { mock, test } from 'node:test'

const counter = {
  value: 1,
  read() {
    return this.value
  },
}

test('mock.method replaces and records', () => {
  const method = mock.method(counter, 'read', () => 99)
  assert.strictEqual(counter.read(), 99)
  assert.strictEqual(method.mock.callCount(), 1)
  assert.strictEqual(method.mock.calls[0].this, counter)
  mock.restoreAll()
  assert.strictEqual(counter.read(), 1)
})

test('mock.method without an implementation spies', () => {
  const method = mock.method(counter, 'read')
  assert.strictEqual(counter.read(), 1)
  assert.strictEqual(method.mock.calls[0].result, 1)
  method.mock.restore()
})

let leaked
test('t.mock.method is restored after its test', (t) => {
  leaked = t.mock.method(counter, 'read', () => 'mocked')
  assert.strictEqual(counter.read(), 'mocked')
})

test('the previous test restored it', () => {
  assert.strictEqual(counter.read(), 1)
  assert.strictEqual(typeof leaked.mock.callCount(), 'number')
})

test('mocking a missing method throws', () => {
  assert.throws(() => mock.method(counter, 'nothingHere'), { code: 'ERR_INVALID_ARG_VALUE' })
})
