// Conformance: subtests inside it(), and test() and describe() used inside suites and tests.
import { describe, it, test } from 'node:test'

describe('suite', () => {
  it('it with subtests', async (t) => {
    await t.test('subtest of an it', () => {})
  })
  test('test() inside describe', () => {})
  describe('nested with test()', () => {
    test('deep test()', async (t) => {
      await t.test('deep subtest', () => {})
    })
  })
})

test('it() inside a running test', async () => {
  await it('an implicit subtest', () => {})
})

test('describe() inside a running test', async () => {
  await describe('a suite made inside a test', () => {
    it('its test', () => {})
  })
})
