// Conformance: top-level before, after, beforeEach and afterEach around plain tests.
import assert from 'node:assert'
import { after, afterEach, before, beforeEach, test } from 'node:test'

const log = []
before(() => {
  log.push('before')
})
beforeEach((t) => {
  log.push(`beforeEach ${t.name}`)
})
afterEach((t) => {
  log.push(`afterEach ${t.name}`)
})
after((t) => {
  log.push('after')
  t.diagnostic(log.join(' | '))
})

test('first', () => {
  log.push('first')
})

test('second', async () => {
  await Promise.resolve()
  log.push('second')
})

test('third fails, and the hooks still run', () => {
  log.push('third')
  assert.strictEqual(1, 2)
})

test('the hooks so far ran in order', (t) => {
  t.diagnostic(log.join(' | '))
})
