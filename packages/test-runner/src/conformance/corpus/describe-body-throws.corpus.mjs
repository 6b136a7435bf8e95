// Conformance: describe bodies that throw or reject while the suite is being built.
import { describe, it, test } from 'node:test'

describe('throws after registering a test', () => {
  it('registered before the throw', () => {})
  throw new Error('describe body failed')
})

describe('an async body that rejects', async () => {
  it('registered before the rejection', () => {})
  await Promise.resolve()
  throw new Error('async describe body failed')
})

describe('an async body that registers after an await', async () => {
  await new Promise((resolve) => setTimeout(resolve, 1))
  it('registered after an await', () => {})
})

test('a top-level test after them', () => {})
