// Conformance: a test marked both skip and todo, in each spelling.
import { describe, it, test } from 'node:test'

test('skip and todo options', { skip: true, todo: true }, () => {
  throw new Error('must not run')
})
test('skip and todo reasons', { skip: 'skip reason', todo: 'todo reason' }, () => {})
test.skip('test.skip with a todo option', { todo: 'todo reason' }, () => {})
test.todo('test.todo with a skip option', { skip: 'skip reason' }, () => {})
test('t.skip in a todo test', { todo: true }, (t) => {
  t.skip('runtime skip')
})
test('t.todo in a test that then skips', (t) => {
  t.todo('runtime todo')
  t.skip('runtime skip')
})
describe.skip('describe.skip with a todo test', () => {
  it.todo('todo inside')
})
