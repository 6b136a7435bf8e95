// Conformance: only without --test-only: everything runs, and node says why only did nothing.
import { describe, it, test } from 'node:test'

test.only('test.only', () => {})
test('an unmarked test', () => {})
describe.only('describe.only', () => {
  it.only('it.only', () => {})
  it('unmarked', () => {})
})
test('only: true', { only: true }, () => {})
