/// <reference types="node" />
import nodeAssert from 'node:assert'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import ours from './index.js'
import { outcomeOf } from './node-oracle.test-util.js'

// biome-ignore lint/suspicious/noExplicitAny: the cases call both modules with the same loose arguments.
type Case = (a: any) => unknown

const big = Array.from({ length: 120 }, (_, i) => i)
const cases: Array<[string, Case]> = [
  ['an object property', (a) => a.deepStrictEqual({ a: 1, b: [1, 2, 3] }, { a: 1, b: [1, 2, 4] })],
  ['nested arrays', (a) => a.deepStrictEqual([[[1, 2, 3]], 4, 5], [[[1, 2, '3']], 4, 5])],
  [
    'a long array with one change',
    (a) => a.deepStrictEqual(big, [...big.slice(0, 60), -1, ...big.slice(61)]),
  ],
  [
    'a long array with many changes',
    (a) =>
      a.deepStrictEqual(
        big,
        big.map((x) => x * 2),
      ),
  ],
  ['extra actual lines', (a) => a.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3])],
  ['extra expected lines', (a) => a.deepStrictEqual([1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8])],
  ['values alike but not equal', (a) => a.deepStrictEqual({ a: Symbol('x') }, { a: Symbol('x') })],
  ['strictEqual of alike objects', (a) => a.strictEqual({ a: 1 }, { a: 1 })],
  ['strictEqual of different objects', (a) => a.strictEqual({ a: 1 }, { a: 2 })],
  [
    'strictEqual of alike functions',
    (a) =>
      a.strictEqual(
        () => 1,
        () => 1,
      ),
  ],
  [
    'strictEqual with a mismatch marker',
    (a) => a.strictEqual('hello world, this is it', 'hello world, this is not'),
  ],
  ['strictEqual long strings', (a) => a.strictEqual('x'.repeat(200), 'y'.repeat(200))],
  [
    'strictEqual multiline',
    (a) => a.strictEqual('a\nb\nc\nd\ne\nf\ng\nh', 'a\nb\nc\nd\ne\nf\ng\ni'),
  ],
  ['deepEqual of objects', (a) => a.deepEqual({ a: 1 }, { a: 2 })],
  ['deepEqual of a long value', (a) => a.deepEqual(big, [])],
  ['notDeepEqual', (a) => a.notDeepEqual({ a: 1 }, { a: 1 })],
  ['notDeepEqual of loosely equal objects', (a) => a.notDeepEqual({ a: 1 }, { a: '1' })],
  ['notDeepStrictEqual', (a) => a.notDeepStrictEqual({ a: 1 }, { a: 1 })],
  ['notDeepStrictEqual of a long array', (a) => a.notDeepStrictEqual(big, [...big])],
  [
    'notStrictEqual of one object',
    (a) => {
      const o = { a: 1 }
      a.notStrictEqual(o, o)
    },
  ],
  ['notStrictEqual of a number', (a) => a.notStrictEqual(1, 1)],
  ['equal of objects', (a) => a.equal({ a: 1 }, { a: 1 })],
  ['errors', (a) => a.deepStrictEqual(new Error('a'), new Error('b'))],
  ['maps', (a) => a.deepStrictEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 2 }]]))],
  ['sets', (a) => a.deepStrictEqual(new Set([1, 2]), new Set([1, 3]))],
  ['dates', (a) => a.deepStrictEqual(new Date(0), new Date(1))],
  ['typed arrays', (a) => a.deepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))],
  ['a null-prototype object', (a) => a.deepStrictEqual(Object.create(null), {})],
  [
    'a class instance',
    (a) => {
      class Foo {
        x = 1
      }
      a.deepStrictEqual(new Foo(), { x: 1 })
    },
  ],
  ['zeros', (a) => a.deepStrictEqual(0, -0)],
  ['strictEqual of zeros', (a) => a.strictEqual(0, -0)],
  ['undefined vs null', (a) => a.deepStrictEqual(undefined, null)],
  [
    'objects with cycles',
    (a) => {
      const x: Record<string, unknown> = { a: 1 }
      x.self = x
      const y: Record<string, unknown> = { a: 2 }
      y.self = y
      a.deepStrictEqual(x, y)
    },
  ],
  [
    'throws with an object',
    (a) =>
      a.throws(
        () => {
          throw Object.assign(new Error('boom'), { code: 'X' })
        },
        { message: 'boom', code: 'Y' },
      ),
  ],
  [
    'throws with an object of RegExps',
    (a) =>
      a.throws(
        () => {
          throw Object.assign(new Error('boom'), { code: 'X' })
        },
        { message: /bo/, code: 'Y' },
      ),
  ],
  [
    'throws with an error instance',
    (a) =>
      a.throws(() => {
        throw new TypeError('boom')
      }, new RangeError('boom')),
  ],
  [
    'throws of a primitive with an object',
    (a) =>
      a.throws(
        () => {
          throw 'str'
        },
        { message: 'x' },
      ),
  ],
  [
    'throws of a primitive with a class',
    (a) =>
      a.throws(() => {
        throw 'str'
      }, TypeError),
  ],
  [
    'throws of a class with the same name',
    (a) => {
      class TypeError2 extends Error {}
      Object.defineProperty(TypeError2, 'name', { value: 'Error' })
      a.throws(() => {
        throw new Error('x')
      }, TypeError2)
    },
  ],
  ['ifError of an object', (a) => a.ifError({ message: '' })],
  ['fail with two objects', (a) => a.fail({ a: 1 }, [1])],
  [
    'a long string split on its line breaks',
    (a) => a.deepStrictEqual({ s: 'x\n'.repeat(45) }, { s: 'y' }),
  ],
  [
    'a change followed by many equal lines',
    (a) => a.deepStrictEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
  ],
  [
    'a change at the top',
    (a) =>
      a.deepStrictEqual(
        { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 },
        { a: 0, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 },
      ),
  ],
  [
    'a change in the middle',
    (a) =>
      a.deepStrictEqual(
        { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11 },
        { a: 1, b: 2, c: 3, d: 4, e: 5, f: 0, g: 7, h: 8, i: 9, j: 10, k: 11 },
      ),
  ],
  [
    'a getter',
    (a) =>
      a.deepStrictEqual(
        {
          get x() {
            return 1
          },
        },
        { x: 2 },
      ),
  ],
  ['deepEqual with an undefined message', (a) => a.deepEqual([1, 2], [1, 3], undefined)],
]

test('diffs and value previews in messages read exactly like Node 20', () => {
  for (const [name, run] of cases) {
    assert.equal(
      outcomeOf(() => run(ours)),
      outcomeOf(() => run(nodeAssert)),
      name,
    )
  }
})

test('a long diff is cut after about fifty lines and says lines were skipped', () => {
  try {
    ours.deepStrictEqual(
      big,
      big.map((x) => x * 2),
    )
    assert.unreachable()
  } catch (error) {
    const lines = (error as Error).message.split('\n')
    assert.is(lines[1], '+ actual - expected ... Lines skipped')
    assert.is(lines[lines.length - 1], '...')
    assert.ok(lines.length < 60)
  }
})

test.run()
