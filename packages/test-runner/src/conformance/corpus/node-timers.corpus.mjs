// Conformance: a test file that also uses Node's own modules (node:timers/promises, node:events).
// node-only: imports node:timers/promises and node:events, which browsers do not have
import assert from 'node:assert'
import { EventEmitter, once } from 'node:events'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'

test('awaits node:timers/promises', async () => {
  assert.strictEqual(await sleep(2, 'done'), 'done')
})

test('waits for an event', async () => {
  const emitter = new EventEmitter()
  setImmediate(() => emitter.emit('ready', 7))
  assert.deepStrictEqual(await once(emitter, 'ready'), [7])
})

test('fails on a node-only value', async () => {
  assert.strictEqual(await sleep(1, 'x'), 'y')
})
