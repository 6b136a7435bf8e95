// Conformance: hooks that fail through their done callback or a rejected promise.
import { before, beforeEach, describe, it } from 'node:test'

describe('done(err) in before', () => {
  before((_t, done) => {
    setTimeout(() => done(new Error('done with an error')), 1)
  })
  it('x', () => {})
})

describe('beforeEach rejects with a non-error', () => {
  beforeEach(async () => {
    throw 'a string from a hook'
  })
  it('y', () => {})
})

describe('a healthy suite after them', () => {
  it('z', () => {})
})
