// Conformance: --test-name-pattern written as /regex/flags, anchored and case-insensitive.
// flags: --test-name-pattern=/^fast\s/i
import { describe, it, test } from 'node:test'

test('fast path', () => {})
test('FAST lane', () => {})
test('breakfast', () => {})
test('slow path', () => {})
describe('fast suite', () => {
  it('inside a matching suite', () => {})
})
describe('a suite', () => {
  it('fast test in an unmatched suite', () => {})
  it('slow test in an unmatched suite', () => {})
})
