// Conformance: skipping with test.skip, it.skip and the skip option (true, false, a reason, an empty reason).
import { describe, it, test } from 'node:test'

let ran = []
test.skip('skipped with test.skip', () => {
  ran.push('test.skip')
  throw new Error('must not run')
})
test.skip('test.skip without a function')
test('skip: true', { skip: true }, () => {
  throw new Error('must not run')
})
test('skip: a reason', { skip: 'not on Tuesdays' }, () => {
  throw new Error('must not run')
})
test('skip: an empty reason', { skip: '' }, () => {
  ran.push('empty reason runs')
})
test('skip: false', { skip: false }, () => {
  ran.push('skip false runs')
})
describe('in a suite', () => {
  it.skip('it.skip', () => {})
  it('it with skip: a reason', { skip: 'later' }, () => {})
  it('runs', () => {})
})
test('report', (t) => {
  t.diagnostic(ran.join(' | '))
  ran = []
})
