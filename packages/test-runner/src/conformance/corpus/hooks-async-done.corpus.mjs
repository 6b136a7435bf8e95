// Conformance: async hooks and hooks that take a done callback finish before what follows them.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'

const log = []
const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
after((t) => t.diagnostic(log.join(' | ')))

describe('async hooks', () => {
  before(async () => {
    await tick(5)
    log.push('before (async)')
  })
  beforeEach((_t, done) => {
    setTimeout(() => {
      log.push('beforeEach (done)')
      done()
    }, 2)
  })
  afterEach(async () => {
    await tick(2)
    log.push('afterEach (async)')
  })
  after((_t, done) => {
    setTimeout(() => {
      log.push('after (done)')
      done()
    }, 2)
  })
  it('first', () => {
    log.push('first')
  })
  it('second', async () => {
    await tick(1)
    log.push('second')
  })
})

describe('a later suite', () => {
  it('sees every earlier hook finished', () => {
    log.push('later')
  })
})
