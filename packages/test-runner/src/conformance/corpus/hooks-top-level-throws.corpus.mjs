// Conformance: top-level before and afterEach hooks that throw, seen by top-level tests and suites.
import { afterEach, before, describe, it, test } from 'node:test'

let calls = 0
before(() => {
  throw new Error('global setup failed')
})
afterEach(() => {
  calls += 1
  if (calls === 2) throw new Error('the second afterEach failed')
})

test('first', () => {})
test('second', () => {})
describe('a suite', () => {
  it('inside', () => {})
})
test('last', () => {})
