/// <reference types="node" />
import nodeAssert from 'node:assert'
import { isDeepStrictEqual as nodeIsDeepStrictEqual } from 'node:util'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { isDeepEqual, isDeepStrictEqual, isPartialDeepStrictEqual } from './deep-equal.js'
import { deepEqualCases, hole, sparse } from './deep-equal-cases.test-util.js'
import { label } from './node-oracle.test-util.js'
import { randomPair } from './random-values.test-util.js'

function nodeIsDeepEqual(actual: unknown, expected: unknown): boolean {
  try {
    nodeAssert.deepEqual(actual, expected)
    return true
  } catch {
    return false
  }
}

/** Runs both directions of both modes against Node, on fresh values each time. */
function expectSameAsNode(name: string, make: () => [unknown, unknown]): void {
  for (const [mode, ours, node] of [
    ['loose', isDeepEqual, nodeIsDeepEqual],
    ['strict', isDeepStrictEqual, nodeIsDeepStrictEqual],
  ] as const) {
    const [a, b] = make()
    const [c, d] = make()
    assert.is(ours(a, b), node(c, d), `${mode}: ${name}`)
    const [e, f] = make()
    const [g, h] = make()
    assert.is(ours(f, e), node(h, g), `${mode}, reversed: ${name}`)
  }
}

test('every rule of loose and strict deep equality decides like Node 20', () => {
  for (const [name, make] of Object.entries(deepEqualCases)) expectSameAsNode(name, make)
})

test('a value always deep-equals itself and its structural copy', () => {
  for (const [name, make] of Object.entries(deepEqualCases)) {
    const [a] = make()
    assert.ok(isDeepStrictEqual(a, a) || Number.isNaN(a), `itself: ${name}`)
  }
})

test('random nested values and their mutations compare like Node 20', () => {
  for (let seed = 1; seed <= 1500; seed++) {
    expectSameAsNode(`seed ${seed}`, () => randomPair(seed))
  }
})

test('partial deep equality accepts what the Node documentation accepts', () => {
  const accepted: Array<[unknown, unknown]> = [
    [
      { a: 1, b: 2 },
      { a: 1, b: 2 },
    ],
    [{ a: { b: { c: 1 } } }, { a: { b: { c: 1 } } }],
    [{ a: 1, b: 2, c: 3 }, { b: 2 }],
    [new Set(['value1', 'value2']), new Set(['value1', 'value2'])],
    [new Map([['key1', 'value1']]), new Map([['key1', 'value1']])],
    [new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])],
    [/abc/, /abc/],
    [[{ a: 5 }, { b: 5 }], [{ a: 5 }]],
    [new Set([{ a: 1 }, { b: 1 }]), new Set([{ a: 1 }])],
    [new Date(0), new Date(0)],
    [
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
      [4, 5, 8],
    ],
    [
      new Map([
        ['key1', 'value1'],
        ['key2', 'value2'],
      ]),
      new Map([['key2', 'value2']]),
    ],
    [123n, 123n],
    [new Date(Number.NaN), new Date(Number.NaN)],
    [sparse([1, hole, 2, 3]), [1, 3]],
    [[1, 2, 3], sparse([1, hole, 3])],
    [new Uint8Array([1, 2, 3, 4]), new Uint8Array([2, 4])],
    [Object.create({ inherited: true }), {}],
    [new Error('a', { cause: 1 }), new Error('a')],
    [Object.assign(new Error('a'), { code: 1 }), new Error('a')],
    [
      new Map([
        [
          { k: 1, extra: 1 },
          { v: 1, extra: 1 },
        ],
      ]),
      new Map([[{ k: 1 }, { v: 1 }]]),
    ],
  ]
  for (const [actual, expected] of accepted) {
    assert.ok(isPartialDeepStrictEqual(actual, expected), label(actual, expected))
  }
})

test('partial deep equality refuses what the Node documentation refuses', () => {
  const promise = Promise.resolve()
  const refused: Array<[unknown, unknown]> = [
    [{ a: 1 }, { a: 1, b: 2 }],
    [
      { a: 1, b: '2' },
      { a: 1, b: 2 },
    ],
    [{ a: { b: 2 } }, { a: { b: '2' } }],
    [
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
      [5, 4, 8],
    ],
    [0, -0],
    [1, '1'],
    [new Set([1]), new Set([1, 2])],
    [new Map([['a', 1]]), new Map([['a', 2]])],
    [new WeakMap(), new WeakMap()],
    [new WeakSet(), new WeakSet()],
    [promise, Promise.resolve()],
    [/a/g, /a/i],
    [new Error('a'), new Error('b')],
    [new Error('a'), new Error('a', { cause: 1 })],
    [{ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 2 }],
    [new Uint8Array([1, 2]), new Uint16Array([1, 2])],
    [[1], { 0: 1 }],
  ]
  for (const [actual, expected] of refused) {
    assert.not.ok(isPartialDeepStrictEqual(actual, expected), label(actual, expected))
  }
  assert.ok(isPartialDeepStrictEqual(promise, promise))
})

test('partial deep equality passes every case deepStrictEqual passes', () => {
  // Current Node no longer finds distinct weak collections or promises deep-equal, nor cycles
  // that loop back at different depths; Node 20 does.
  const changedSinceNode20 = new Set([
    'weak maps',
    'weak sets',
    'promises',
    'cycles of other lengths',
  ])
  for (const [name, make] of Object.entries(deepEqualCases)) {
    if (changedSinceNode20.has(name)) continue
    const [a, b] = make()
    if (nodeIsDeepStrictEqual(a, b)) assert.ok(isPartialDeepStrictEqual(a, b), name)
  }
  for (let seed = 1; seed <= 500; seed++) {
    const [a, b] = randomPair(seed)
    if (nodeIsDeepStrictEqual(a, b)) assert.ok(isPartialDeepStrictEqual(a, b), `seed ${seed}`)
  }
})

test('partial deep equality handles cycles on both sides', () => {
  const a: Record<string, unknown> = { extra: 1 }
  a.self = a
  const b: Record<string, unknown> = {}
  b.self = b
  assert.ok(isPartialDeepStrictEqual(a, b))
  const c: Record<string, unknown> = {}
  c.self = { self: c, v: 1 }
  assert.not.ok(isPartialDeepStrictEqual(b, c))
})

test.run()
