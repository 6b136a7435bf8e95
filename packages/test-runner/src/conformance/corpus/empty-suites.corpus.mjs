// Conformance: suites with no tests, with only skipped tests, and hooks in an empty suite.
import { after, before, describe, it, test } from 'node:test'

const log = []

describe('no tests', () => {})
describe('only hooks', () => {
  before(() => {
    log.push('before in a suite without tests')
  })
  after(() => {
    log.push('after in a suite without tests')
  })
})
describe('only skipped tests', () => {
  before(() => {
    log.push('before in a suite of skipped tests')
  })
  it.skip('skipped')
})
describe('nested empty', () => {
  describe('inner empty', () => {})
})
test('report', (t) => {
  t.diagnostic(log.join(' | '))
})
