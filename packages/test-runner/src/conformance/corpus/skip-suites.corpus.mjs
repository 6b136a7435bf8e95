// Conformance: skipped suites (describe.skip, the skip option) with tests, nested suites and hooks inside.
import { after, before, beforeEach, describe, it, test } from 'node:test'

const log = []

describe.skip('describe.skip', () => {
  before(() => {
    log.push('before in a skipped suite')
  })
  beforeEach(() => {
    log.push('beforeEach in a skipped suite')
  })
  it('inside', () => {
    log.push('inside')
  })
  describe('nested', () => {
    it('deeper', () => {
      log.push('deeper')
    })
  })
})

describe('skip option with a reason', { skip: 'whole suite' }, () => {
  it('one', () => {
    log.push('one')
  })
})

describe('a suite with one skipped nested suite', () => {
  describe.skip('skipped inner', () => {
    it('never', () => {
      log.push('never')
    })
  })
  it('runs', () => {
    log.push('runs')
  })
})

after((t) => t.diagnostic(log.join(' | ')))
test('a top-level test after them', () => {})
