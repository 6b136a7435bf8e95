// Conformance: hooks registered after the tests of their suite still run, in registration order.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'

const log = []
after((t) => t.diagnostic(log.join(' | ')))

describe('hooks last', () => {
  it('a', () => {
    log.push('a')
  })
  it('b', () => {
    log.push('b')
  })
  afterEach((t) => {
    log.push(`afterEach ${t.name}`)
  })
  beforeEach((t) => {
    log.push(`beforeEach ${t.name}`)
  })
  after(() => {
    log.push('after')
  })
  before(() => {
    log.push('before')
  })
})

describe('hooks in the middle', () => {
  it('c', () => {
    log.push('c')
  })
  beforeEach((t) => {
    log.push(`beforeEach ${t.name}`)
  })
  it('d', () => {
    log.push('d')
  })
})
