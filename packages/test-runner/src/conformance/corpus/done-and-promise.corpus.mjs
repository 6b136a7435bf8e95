// Conformance: a function that takes done and also returns a promise; a done test that never calls done.
import { after, test } from 'node:test'

// Keeps the process alive while a test hangs, so that its timeout ends it (not a drained event loop).
const keepAlive = setInterval(() => {}, 1000)
after(() => clearInterval(keepAlive))

test('async function with done', async (_t, done) => {
  done()
})
test('returns a promise and calls done', (_t, done) => {
  done()
  return Promise.resolve()
})
test('throws before calling done', (_t, _done) => {
  throw new Error('sync throw in a done test')
})
test('never calls done (with a timeout)', { timeout: 20 }, (_t, _done) => {})
test('calls done after the timeout', { timeout: 10 }, (_t, done) => {
  setTimeout(done, 40)
})
test('a test after them', async () => {
  await new Promise((resolve) => setTimeout(resolve, 50))
})
