// Conformance: --test-name-pattern with a plain string runs the matching tests and skips the others.
// flags: --test-name-pattern=apple
import { describe, it, test } from 'node:test'

test('apple pie', () => {})
test('banana split', () => {
  throw new Error('must not run')
})
test('pineapple', () => {})
describe('fruit', () => {
  it('apple crumble', () => {})
  it('cherry tart', () => {})
})
describe('apples', () => {
  it('every test in a matching suite', () => {})
})
