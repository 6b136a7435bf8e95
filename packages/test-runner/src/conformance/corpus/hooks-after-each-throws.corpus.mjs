// Conformance: an afterEach hook that throws fails a test that passed, and keeps a failing test's own error.
import assert from 'node:assert'
import { after, afterEach, describe, it } from 'node:test'

const log = []
after((t) => t.diagnostic(log.join(' | ')))

describe('afterEach throws', () => {
  afterEach((t) => {
    log.push(`afterEach ${t.name}`)
    throw new Error(`cleanup after ${t.name} failed`)
  })
  it('passes', () => {
    log.push('passes')
  })
  it('fails', () => {
    log.push('fails')
    assert.fail('the test itself failed')
  })
})

describe('afterEach rejects', () => {
  afterEach(async () => {
    await Promise.resolve()
    throw new RangeError('async cleanup failed')
  })
  it('passes too', () => {})
})
