// Conformance: a suite's after hook throws after its tests passed: the suite fails, its tests keep their results.
import { after, describe, it, test } from 'node:test'

describe('after throws', () => {
  after(() => {
    throw new Error('teardown failed')
  })
  it('one', () => {})
  it('two', () => {})
})

describe('after rejects in a nested suite', () => {
  describe('inner', () => {
    after(async () => {
      throw new Error('inner teardown failed')
    })
    it('three', () => {})
  })
  it('four', () => {})
})

test('a later top-level test runs', () => {})
