// Conformance: how tests are named: by a string, by a function's name, anonymously, and odd strings.
import { describe, it, test } from 'node:test'

test(function namedByFunction() {})
test(() => {})
test('', () => {})
test('spaces   and\ttabs', () => {})
test('unicode ✓ ünïcödé 名前', () => {})
test('a # hash and a \\ backslash', () => {})
test('same name', () => {})
test('same name', () => {})
test(42, () => {})
describe(function namedSuite() {
  it(function namedIt() {})
})
describe('names in context', () => {
  it('t.name and t.fullName', (t) => {
    t.diagnostic(`${t.name} / ${t.fullName}`)
  })
})
