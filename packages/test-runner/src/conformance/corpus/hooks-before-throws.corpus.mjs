// Conformance: a suite's before hook throws: its tests fail as hook failures, its after hooks still run, sibling suites run.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'

const log = []
after((t) => t.diagnostic(log.join(' | ')))

describe('broken setup', () => {
  before(() => {
    log.push('before')
    throw new Error('setup failed')
  })
  beforeEach(() => {
    log.push('beforeEach')
  })
  afterEach(() => {
    log.push('afterEach')
  })
  after(() => {
    log.push('after')
  })
  it('one', () => {
    log.push('one')
  })
  it('two', () => {
    log.push('two')
  })
  describe('nested', () => {
    it('three', () => {
      log.push('three')
    })
  })
})

describe('sibling', () => {
  it('runs', () => {
    log.push('sibling')
  })
})
