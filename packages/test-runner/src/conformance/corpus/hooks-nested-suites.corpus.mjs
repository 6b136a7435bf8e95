// Conformance: hooks at the top level and in three levels of describe, each kind twice, in node's order.
import { after, afterEach, before, beforeEach, describe, it, test } from 'node:test'

const log = []
const hooks = (level) => {
  before(() => {
    log.push(`${level} before`)
  })
  before(() => {
    log.push(`${level} before 2`)
  })
  beforeEach((t) => {
    log.push(`${level} beforeEach ${t.name}`)
  })
  beforeEach(() => {
    log.push(`${level} beforeEach 2`)
  })
  afterEach((t) => {
    log.push(`${level} afterEach ${t.name}`)
  })
  afterEach(() => {
    log.push(`${level} afterEach 2`)
  })
  after(() => {
    log.push(`${level} after`)
  })
  after(() => {
    log.push(`${level} after 2`)
  })
}

hooks('root')
after((t) => t.diagnostic(log.join(' | ')))

describe('outer', () => {
  hooks('outer')
  it('outer test', () => {
    log.push('outer test')
  })
  describe('middle', () => {
    hooks('middle')
    it('middle test', () => {
      log.push('middle test')
    })
    describe('inner', () => {
      hooks('inner')
      it('inner test 1', () => {
        log.push('inner test 1')
      })
      it('inner test 2', () => {
        log.push('inner test 2')
      })
    })
    it('middle test after inner', () => {
      log.push('middle test after inner')
    })
  })
})

test('a top-level test after the suites', () => {
  log.push('top-level test')
})
