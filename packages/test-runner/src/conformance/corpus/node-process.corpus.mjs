// Conformance: a test file that uses Node's process object (nextTick, env, versions).
// node-only: uses process.nextTick and process.versions, which browsers do not have
import assert from 'node:assert'
import { test } from 'node:test'

test('process.nextTick runs before a timer', async () => {
  const order = []
  await new Promise((resolve) => {
    setTimeout(() => {
      order.push('timeout')
      resolve()
    }, 5)
    process.nextTick(() => order.push('nextTick'))
  })
  assert.deepStrictEqual(order, ['nextTick', 'timeout'])
})

test('process.versions has a node version', () => {
  assert.strictEqual(typeof process.versions.node, 'string')
})
