// Conformance: todo tests (test.todo, the todo option, t.todo) that pass, fail, or have no function.
import assert from 'node:assert'
import { describe, it, test } from 'node:test'

test.todo('test.todo without a function')
test.todo('test.todo that passes', () => {})
test.todo('test.todo that fails', () => {
  assert.strictEqual(1, 2)
})
test('todo: true', { todo: true }, () => {})
test('todo: a reason, failing', { todo: 'not written yet' }, () => {
  throw new Error('unfinished')
})
test('todo: false', { todo: false }, () => {})
test('t.todo() at run time', (t) => {
  t.todo()
})
test('t.todo(reason) and then a failure', (t) => {
  t.todo('known bug')
  throw new Error('the known bug')
})
test('a failing subtest of a todo test', { todo: 'parent todo' }, async (t) => {
  await t.test('child fails', () => {
    throw new Error('child failed')
  })
})
describe.todo('describe.todo', () => {
  it('inside a todo suite', () => {})
  it('failing inside a todo suite', () => {
    throw new Error('fails in a todo suite')
  })
})
describe('a suite', () => {
  it.todo('it.todo')
})
