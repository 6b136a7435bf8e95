// Conformance: subtests the parent does not await: sync ones finish, pending ones are cancelled when the parent ends.
import { test } from 'node:test'

test('an unawaited async subtest', (t) => {
  t.test('still pending when the parent ends', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50))
  })
})

test('an unawaited sync subtest', (t) => {
  t.test('finishes at once', () => {})
})

test('an async parent that forgets one of two', async (t) => {
  await t.test('awaited', () => {})
  t.test('forgotten', () => new Promise(() => {}))
})

test('the next test', () => {})
