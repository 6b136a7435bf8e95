// Conformance: hooks with a timeout option that never finish, and a hook that finishes in time.
import { after, before, beforeEach, describe, it } from 'node:test'

// Keeps the process alive while a test hangs, so that its timeout ends it (not a drained event loop).
const keepAlive = setInterval(() => {}, 1000)
after(() => clearInterval(keepAlive))

const never = () => new Promise(() => {})

describe('before times out', () => {
  before(never, { timeout: 20 })
  it('cannot run', () => {})
})

describe('beforeEach times out', () => {
  beforeEach(never, { timeout: 20 })
  it('one', () => {})
  it('two', () => {})
})

describe('after takes a done callback and never calls it', () => {
  after((_t, _done) => {}, { timeout: 20 })
  it('passes before the after hook', () => {})
})

describe('a hook finishes in time', () => {
  before(() => new Promise((resolve) => setTimeout(resolve, 5)), { timeout: 2000 })
  it('runs', () => {})
})
