// Conformance: suite() as describe(), and the .skip/.todo/.only spellings on suite, describe, it and test.
import { describe, it, suite, test } from 'node:test'

suite('suite()', () => {
  test('a test in suite()', () => {})
  suite.skip('suite.skip', () => {
    test('never', () => {})
  })
  suite.todo('suite.todo', () => {
    test('todo suite test', () => {})
  })
})

describe('describe()', () => {
  it('an it', () => {})
  it.skip('it.skip')
  it.todo('it.todo')
})

test.describe('test.describe', () => {
  test.it('test.it', () => {})
})
