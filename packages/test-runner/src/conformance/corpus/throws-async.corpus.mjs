// Conformance: asynchronous failures: rejections with errors and non-errors, after awaits and timers.
import { test } from 'node:test'

test('async throw', async () => {
  throw new Error('async')
})
test('throw after an await', async () => {
  await new Promise((resolve) => setTimeout(resolve, 1))
  throw new RangeError('after await')
})
test('a returned rejected promise', () => Promise.reject(new Error('returned rejection')))
test('a rejection with a string', () => Promise.reject('rejected string'))
test('a rejection with undefined', async () => {
  await Promise.reject(undefined)
})
test('a returned thenable that rejects', () => ({
  // biome-ignore lint/suspicious/noThenProperty: the corpus checks thenables on purpose
  then(_resolve, reject) {
    reject(new Error('thenable'))
  },
}))
test('an async test that passes', async () => {
  await new Promise((resolve) => setTimeout(resolve, 1))
})
