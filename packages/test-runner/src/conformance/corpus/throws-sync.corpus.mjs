// Conformance: synchronous throws of errors and of values that are not errors.
import { test } from 'node:test'

class CustomError extends Error {
  constructor(message) {
    super(message)
    this.name = 'CustomError'
    this.code = 'E_CUSTOM'
  }
}

test('an Error', () => {
  throw new Error('plain')
})
test('a TypeError', () => {
  null.property
})
test('a custom error with a code', () => {
  throw new CustomError('custom')
})
test('an error with a cause', () => {
  throw new Error('outer', { cause: new Error('inner') })
})
test('a string', () => {
  throw 'just a string'
})
test('a number', () => {
  throw 42
})
test('undefined', () => {
  throw undefined
})
test('null', () => {
  throw null
})
test('an object', () => {
  throw { message: 'looks like an error', code: 'E_OBJ' }
})
test('a multi-line message', () => {
  throw new Error('line one\nline two')
})
