// Conformance: an uncaught exception thrown by a timer while an async test runs fails that test.
import { test } from 'node:test'

test('a timer throws while the test waits', async () => {
  setTimeout(() => {
    throw new Error('thrown from a timer')
  }, 1)
  await new Promise((resolve) => setTimeout(resolve, 40))
})

test('the next test is not affected', async () => {
  await new Promise((resolve) => setTimeout(resolve, 1))
})
