// Conformance: only combined with skip and todo, with --test-only.
// flags: --test-only
import { describe, it, test } from 'node:test'

test.only('only and skip', { skip: 'skip wins' }, () => {
  throw new Error('must not run')
})
test.only('only and todo', { todo: 'todo reason' }, () => {})
test.only('only and a failing todo', { todo: true }, () => {
  throw new Error('todo failure')
})
test.skip('skip with only option', { only: true }, () => {})
describe.only('only suite with a skipped test', () => {
  it.skip('skipped inside', () => {})
  it.todo('todo inside')
  it('runs inside', () => {})
})
test('unmarked todo', { todo: true }, () => {})
