// Conformance: a beforeEach hook that throws fails the test it runs for; the test body does not run, afterEach does.
import { after, afterEach, beforeEach, describe, it } from 'node:test'

const log = []
after((t) => t.diagnostic(log.join(' | ')))

describe('beforeEach throws for one test', () => {
  beforeEach((t) => {
    log.push(`beforeEach ${t.name}`)
    if (t.name === 'second') throw new TypeError('cannot prepare second')
  })
  afterEach((t) => {
    log.push(`afterEach ${t.name}`)
  })
  it('first', () => {
    log.push('first')
  })
  it('second', () => {
    log.push('second')
  })
  it('third', () => {
    log.push('third')
  })
})
