// Conformance: subtests with options: skip, todo, timeout, and the signature variants of t.test.
import { after, test } from 'node:test'

// Keeps the process alive while a test hangs, so that its timeout ends it (not a drained event loop).
const keepAlive = setInterval(() => {}, 1000)
after(() => clearInterval(keepAlive))

test('parent', async (t) => {
  await t.test('skip option', { skip: 'sub skip' }, () => {
    throw new Error('must not run')
  })
  await t.test('todo option', { todo: 'sub todo' }, () => {
    throw new Error('todo failure')
  })
  await t.test('timeout option', { timeout: 20 }, () => new Promise(() => {}))
  await t.test('no function')
  await t.test(async function namedFunction() {})
  await t.test({ skip: true }, function skippedByOptions() {})
  await t.test('a done callback', (_t, done) => {
    setTimeout(done, 1)
  })
})
