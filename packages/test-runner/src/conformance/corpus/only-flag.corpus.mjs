// Conformance: with --test-only, only tests and suites marked only run; the rest are skipped.
// flags: --test-only
import { describe, it, test } from 'node:test'

test.only('test.only', () => {})
test('an unmarked test', () => {
  throw new Error('must not run')
})
test('only: true', { only: true }, () => {})
test('only: false', { only: false }, () => {})
describe('a suite with it.only inside', () => {
  it.only('it.only', () => {})
  it('not marked', () => {})
})
describe.only('describe.only', () => {
  it('every test of an only suite runs', () => {})
  it('this one too', () => {})
})
describe('an unmarked suite', () => {
  it('inside it', () => {})
})
test.only('runOnly in a test', async (t) => {
  t.runOnly(true)
  await t.test('marked subtest', { only: true }, () => {})
  await t.test('unmarked subtest', () => {})
})
