// Conformance: a suite's timeout option and tests inside it, and a test's timeout inside a suite.
import { after, describe, it } from 'node:test'

// Keeps the process alive while a test hangs, so that its timeout ends it (not a drained event loop).
const keepAlive = setInterval(() => {}, 1000)
after(() => clearInterval(keepAlive))

describe('suite with a short timeout', { timeout: 30 }, () => {
  it('fast', () => {})
  it('never settles', () => new Promise(() => {}))
  it('after the hanging test', () => {})
})

describe('suite without a timeout', () => {
  it('test timeout inside', { timeout: 15 }, () => new Promise(() => {}))
  it('next', () => {})
})
