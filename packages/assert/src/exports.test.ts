/// <reference types="node" />
import nodeAssert, * as nodeNamed from 'node:assert'
import nodeStrict, * as nodeStrictNamed from 'node:assert/strict'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import ours, * as named from './index.js'
import oursStrict, * as strictNamed from './strict.js'

// Node 20 also has the deprecated CallTracker; current Node adds partialDeepStrictEqual.
const skipped = new Set(['CallTracker'])
const added = new Set(['partialDeepStrictEqual'])

function publicKeys(keys: string[]): string[] {
  return keys.filter((key) => !skipped.has(key) && !added.has(key)).sort()
}

test('the named exports are node:assert and node:assert/strict ones', () => {
  assert.equal(publicKeys(Object.keys(named)), publicKeys(Object.keys(nodeNamed)))
  assert.equal(publicKeys(Object.keys(strictNamed)), publicKeys(Object.keys(nodeStrictNamed)))
  assert.ok('partialDeepStrictEqual' in named && 'partialDeepStrictEqual' in strictNamed)
})

test('assert is ok carrying every method, in Node order, with Node names and lengths', () => {
  assert.is(ours, named.ok)
  assert.is(ours.ok, ours)
  const nodeKeys = Object.keys(nodeAssert).filter((key) => !skipped.has(key))
  assert.equal(
    Object.keys(ours).filter((key) => !added.has(key)),
    nodeKeys,
  )
  for (const key of nodeKeys) {
    const mine = (ours as unknown as Record<string, { name: string; length: number }>)[key]!
    const node = (nodeAssert as unknown as Record<string, { name: string; length: number }>)[key]!
    assert.is(mine.name, node.name, `name of ${key}`)
    assert.is(mine.length, node.length, `length of ${key}`)
    assert.is((named as Record<string, unknown>)[key], mine, `named export ${key}`)
  }
  assert.is(ours.name, nodeAssert.name)
  assert.is(ours.length, nodeAssert.length)
})

test('the strict variant is its own function with the strict comparisons under the loose names', () => {
  assert.is(oursStrict, ours.strict)
  assert.is(oursStrict.strict, oursStrict)
  assert.is(named.strict, oursStrict)
  assert.is(oursStrict.name, nodeStrict.name)
  assert.is(oursStrict.equal, ours.strictEqual)
  assert.is(oursStrict.notEqual, ours.notStrictEqual)
  assert.is(oursStrict.deepEqual, ours.deepStrictEqual)
  assert.is(oursStrict.notDeepEqual, ours.notDeepStrictEqual)
  assert.is(oursStrict.ok, ours.ok)
  assert.is(strictNamed.equal, ours.strictEqual)
  assert.is(strictNamed.ok, ours.ok)
  assert.is(strictNamed.AssertionError, ours.AssertionError)
  assert.equal(
    Object.keys(oursStrict).filter((key) => !added.has(key)),
    Object.keys(nodeStrict).filter((key) => !skipped.has(key)),
  )
})

test('assertions narrow types for TypeScript like @types/node', () => {
  const text: unknown = 'text'
  named.ok(typeof text === 'string')
  assert.is(text.toUpperCase(), 'TEXT')
  const two: unknown = 2
  oursStrict.equal(two, 2 as const)
  const sum: 3 = (two + 1) as 3
  assert.is(sum, 3)
  const nothing: Error | null = null
  ours.ifError(nothing)
})

test('AssertionError has Node 20 fields, order, name and string form', () => {
  const options = { actual: 1, expected: 2, operator: 'strictEqual' }
  const mine = new ours.AssertionError(options)
  const node = new nodeAssert.AssertionError(options)
  assert.is(mine.message, node.message)
  assert.equal(Object.keys(mine), Object.keys(node))
  assert.equal(Object.getOwnPropertyNames(mine).sort(), Object.getOwnPropertyNames(node).sort())
  assert.is(mine.name, 'AssertionError')
  assert.is(Object.getOwnPropertyDescriptor(mine, 'name')?.enumerable, false)
  assert.is(String(mine), String(node))
  assert.ok(mine instanceof Error)
  assert.is(mine.generatedMessage, true)
  assert.is(new ours.AssertionError({ message: 'mine' }).generatedMessage, false)
})

test('Node prints an AssertionError of this package as it prints its own', async () => {
  const { inspect } = await import('node:util')
  const long = 'line\n'.repeat(20)
  const withoutStack = (error: Error) => {
    error.stack = 'stack'
    return inspect(error)
  }
  assert.is(
    withoutStack(new ours.AssertionError({ actual: long, expected: 'x', operator: 'strictEqual' })),
    withoutStack(
      new nodeAssert.AssertionError({ actual: long, expected: 'x', operator: 'strictEqual' }),
    ),
  )
})

test.run()
