// Conformance: tests registered before and after a top-level await all run, in order.
import { describe, it, test } from 'node:test'

test('before the await', () => {})
await new Promise((resolve) => setTimeout(resolve, 5))
test('after the await', () => {})
describe('a suite after the await', () => {
  it('inside', () => {})
})
