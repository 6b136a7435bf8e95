// Conformance: --test-name-pattern against subtests and nested suite names, with hooks.
// flags: --test-name-pattern=target
import { after, before, beforeEach, describe, it, test } from 'node:test'

const log = []
after((t) => t.diagnostic(log.join(' | ')))

describe('outer', () => {
  before(() => {
    log.push('outer before')
  })
  beforeEach((t) => {
    log.push(`beforeEach ${t.name}`)
  })
  it('target inside', () => {
    log.push('target inside')
  })
  it('other inside', () => {
    log.push('other inside')
  })
  describe('inner target suite', () => {
    it('child of a matching suite', () => {
      log.push('child of a matching suite')
    })
  })
})

describe('unmatched suite', () => {
  before(() => {
    log.push('unmatched before')
  })
  it('no', () => {})
})

test('target parent', async (t) => {
  await t.test('subtest not matching', () => {
    log.push('subtest not matching')
  })
  await t.test('target subtest', () => {
    log.push('target subtest')
  })
})

test('unmatched parent', async (t) => {
  await t.test('target subtest of an unmatched parent', () => {
    log.push('target subtest of an unmatched parent')
  })
})
