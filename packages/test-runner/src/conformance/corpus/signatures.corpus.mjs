// Conformance: the argument forms of test, it and describe: (name), (name, options), (options, fn), (fn), and undefined gaps.
import { describe, it, test } from 'node:test'

test('a name only')
test('a name and options', { timeout: 1000 })
test('name, undefined, fn', undefined, () => {})
test({ timeout: 1000 }, function optionsAndFunction() {})
test('name, options, fn', { concurrency: 1 }, () => {})
describe('describe with options', { timeout: 1000 }, () => {
  it('an it with a name only')
  it('an it with options', {}, () => {})
})
describe('an empty suite', () => {})
it('it at the top level', () => {})
