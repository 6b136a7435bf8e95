// Conformance: awaited subtests three levels deep, sync and async, with names and full names.
import assert from 'node:assert'
import { test } from 'node:test'

test('level 0', async (t) => {
  assert.strictEqual(t.name, 'level 0')
  await t.test('level 1a', async (t) => {
    await t.test('level 2', async (t) => {
      t.diagnostic(t.fullName)
      await t.test('level 3', () => {})
    })
  })
  await t.test('level 1b', () => {})
  const result = await t.test('level 1c', async () => 42)
  t.diagnostic(`t.test resolved to ${result}`)
})

test('sync parent with sync subtests started in a row', (t) => {
  t.test('first', () => {})
  t.test('second', () => {})
})
