// Conformance: a test that schedules a throw for after it ended; the error is reported once the test is over.
import { test } from 'node:test'

test('ends before its timer throws', () => {
  setTimeout(() => {
    throw new Error('too late')
  }, 5)
})

test('runs while the late error happens', async () => {
  await new Promise((resolve) => setTimeout(resolve, 40))
})
