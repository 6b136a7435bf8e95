// Conformance: a subtest started after its parent finished.
import { test } from 'node:test'

test('parent', (t) => {
  setTimeout(() => {
    t.test('late child', () => {})
  }, 1)
})

test('waits for the late child', async () => {
  await new Promise((resolve) => setTimeout(resolve, 30))
})
