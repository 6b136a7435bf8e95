// Conformance: only inside nested suites: an only test deep in unmarked suites, and an only suite containing only tests.
// flags: --test-only
import { after, before, describe, it } from 'node:test'

const log = []
after((t) => t.diagnostic(log.join(' | ')))

describe('outer', () => {
  before(() => {
    log.push('outer before')
  })
  describe('middle', () => {
    it('middle unmarked', () => {
      log.push('middle unmarked')
    })
    describe('inner', () => {
      it.only('deep only', () => {
        log.push('deep only')
      })
      it('inner unmarked', () => {
        log.push('inner unmarked')
      })
    })
  })
  it('outer unmarked', () => {
    log.push('outer unmarked')
  })
})

describe.only('only suite', () => {
  it.only('marked', () => {
    log.push('marked')
  })
  it('unmarked in an only suite', () => {
    log.push('unmarked in an only suite')
  })
  describe('unmarked nested suite', () => {
    it('nested', () => {
      log.push('nested')
    })
  })
})
