// Conformance: an unhandled rejection while an async test runs fails that test.
import { test } from 'node:test'

test('a promise rejects and nobody handles it', async () => {
  Promise.reject(new Error('nobody caught me'))
  await new Promise((resolve) => setTimeout(resolve, 40))
})

test('the next test passes', () => {})
