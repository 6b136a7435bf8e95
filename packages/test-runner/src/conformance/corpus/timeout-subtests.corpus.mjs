// Conformance: timeouts of subtests and of a parent whose subtest hangs.
import { after, test } from 'node:test'

// Keeps the process alive while a test hangs, so that its timeout ends it (not a drained event loop).
const keepAlive = setInterval(() => {}, 1000)
after(() => clearInterval(keepAlive))

test('a subtest times out', async (t) => {
  await t.test('hangs', { timeout: 15 }, () => new Promise(() => {}))
  await t.test('runs after', () => {})
})

test('the parent times out while its subtest hangs', { timeout: 25 }, async (t) => {
  await t.test('hanging child', () => new Promise(() => {}))
})

test('a test after them', () => {})
