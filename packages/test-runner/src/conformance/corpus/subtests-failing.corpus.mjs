// Conformance: failing subtests fail their parents, which say how many subtests failed.
import assert from 'node:assert'
import { describe, it, test } from 'node:test'

test('one failing child', async (t) => {
  await t.test('passes', () => {})
  await t.test('fails', () => {
    assert.deepStrictEqual({ a: 1 }, { a: 2 })
  })
})

test('two failing children', async (t) => {
  await t.test('first fails', () => {
    throw new Error('first')
  })
  await t.test('second fails', async () => {
    throw new Error('second')
  })
})

test('a failing grandchild', async (t) => {
  await t.test('child', async (t) => {
    await t.test('grandchild', () => {
      throw new Error('deep')
    })
  })
})

test('the parent fails itself after a failing child', async (t) => {
  await t.test('child', () => {
    throw new Error('child')
  })
  throw new Error('parent')
})

describe('a suite with a failing test', () => {
  it('fails', () => {
    throw new Error('in a suite')
  })
  it('passes', () => {})
})
