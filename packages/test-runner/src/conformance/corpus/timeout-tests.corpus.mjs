// Conformance: per-test timeouts: a test that never settles, one that settles in time, and its signal.
import assert from 'node:assert'
import { after, test } from 'node:test'

// Keeps the process alive while a test hangs, so that its timeout ends it (not a drained event loop).
const keepAlive = setInterval(() => {}, 1000)
after(() => clearInterval(keepAlive))

let signalOfTimedOut
test('never settles', { timeout: 20 }, (t) => {
  signalOfTimedOut = t.signal
  return new Promise(() => {})
})
test('the timed-out test saw its signal aborted', () => {
  assert.strictEqual(signalOfTimedOut.aborted, true)
})
test('settles in time', { timeout: 1000 }, async () => {
  await new Promise((resolve) => setTimeout(resolve, 5))
})
test('a sync test with a timeout', { timeout: 1000 }, () => {})
test('timeout: Infinity', { timeout: Number.POSITIVE_INFINITY }, () => {})
test('a slow async test', { timeout: 15 }, async () => {
  await new Promise((resolve) => setTimeout(resolve, 60))
})
test('the signal of a passing test is not aborted', (t) => {
  assert.strictEqual(t.signal.aborted, false)
})
