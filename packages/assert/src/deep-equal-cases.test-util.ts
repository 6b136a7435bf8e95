/// <reference types="node" />
/**
 * Pairs of values that exercise each rule of Node's deep equality, for comparing this
 * package's results with Node's. Each entry is built fresh by a function, since some
 * comparisons (a RegExp's lastIndex, a Set search) could be affected by a previous run.
 */
import { runInNewContext } from 'node:vm'

type Pair = [unknown, unknown]

function withExtra<T extends object>(target: T, extra: Record<PropertyKey, unknown>): T {
  return Object.assign(target, extra)
}

function nonEnumerable<T extends object>(target: T, key: PropertyKey, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: false, configurable: true })
  return target
}

function cycle(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const value: Record<string, unknown> = { ...extra }
  value.self = value
  return value
}

function errorWith(message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), extra)
}

function nested(depth: number, leaf: unknown): unknown {
  let value: unknown = leaf
  for (let i = 0; i < depth; i++) value = { next: value }
  return value
}

function regExpAt(lastIndex: number): RegExp {
  const regexp = /a/g
  regexp.lastIndex = lastIndex
  return regexp
}

/** Marks a hole in `sparse([1, hole, 3])`. */
export const hole: unique symbol = Symbol('hole')

/** An array with holes where `hole` stands. */
export function sparse(items: unknown[]): unknown[] {
  const array: unknown[] = []
  array.length = items.length
  items.forEach((item, index) => {
    if (item !== hole) array[index] = item
  })
  return array
}

const symbol = Symbol('s')
const sharedKey = { id: 1 }

/** Named builders of value pairs, each covering one rule (equal or not). */
export const deepEqualCases: Record<string, () => Pair> = {
  'same number': () => [1, 1],
  'number and string': () => [1, '1'],
  'zero and minus zero': () => [0, -0],
  'NaN and NaN': () => [Number.NaN, Number.NaN],
  'null and undefined': () => [null, undefined],
  'bigint and number': () => [1n, 1],
  'bigint and string': () => [1n, '1'],
  'true and 1': () => [true, 1],
  'string with spaces and number': () => [' 1 ', 1],
  'two symbols': () => [Symbol('a'), Symbol('a')],
  'same symbol': () => [symbol, symbol],
  'two functions': () => [() => 1, () => 1],
  'empty objects': () => [{}, {}],
  'object and null-prototype object': () => [{}, Object.create(null)],
  'same keys in another order': () => [
    { a: 1, b: 2 },
    { b: 2, a: 1 },
  ],
  'loosely equal property': () => [{ a: 1 }, { a: '1' }],
  'missing property': () => [{ a: 1 }, { a: 1, b: undefined }],
  'non-enumerable property differs': () => [nonEnumerable({ a: 1 }, 'b', 1), { a: 1 }],
  'class instance and plain object': () => {
    class Point {
      x = 1
    }
    return [new Point(), { x: 1 }]
  },
  'object with a custom tag': () => [{ [Symbol.toStringTag]: 'Foo' }, {}],
  'enumerable symbol keys': () => [{ [symbol]: 1 }, { [symbol]: 1 }],
  'different symbol values': () => [{ [symbol]: 1 }, { [symbol]: 2 }],
  'symbol key on one side': () => [{ [symbol]: 1 }, {}],
  'non-enumerable symbol key': () => [nonEnumerable({}, symbol, 1), {}],
  'arrays equal': () => [
    [1, 2, [3]],
    [1, 2, [3]],
  ],
  'arrays loosely equal': () => [
    [1, 2],
    ['1', '2'],
  ],
  'arrays of different length': () => [[1, 2], [1]],
  'hole and undefined': () => [sparse([1, hole, 3]), [1, undefined, 3]],
  'holes on both sides': () => [sparse([1, hole, 3]), sparse([1, hole, 3])],
  'holes at different places': () => [sparse([1, hole, 3, 4]), sparse([1, 3, hole, 4])],
  'array with an extra property': () => [withExtra([1], { extra: true }), [1]],
  'arrays with the same extra property': () => [withExtra([1], { x: 1 }), withExtra([1], { x: 1 })],
  'array with a symbol property': () => [withExtra([1], { [symbol]: 1 }), [1]],
  'array and array-like object': () => [[1], { 0: 1, length: 1 }],
  'arguments and array': () => [
    (function (..._: unknown[]) {
      // biome-ignore lint/complexity/noArguments: the arguments object is the case.
      return arguments
    })(1),
    [1],
  ],
  'maps equal': () => [new Map([['a', 1]]), new Map([['a', 1]])],
  'maps with loosely equal keys': () => [new Map([[1, 'a']]), new Map([['1', 'a']])],
  'maps with loosely equal values': () => [new Map([['a', 1]]), new Map([['a', '1']])],
  'maps with object keys': () => [new Map([[{ a: 1 }, 'x']]), new Map([[{ a: 1 }, 'x']])],
  'maps with object keys swapped': () => [
    new Map([
      [{}, 'a'],
      [{}, 'b'],
    ]),
    new Map([
      [{}, 'b'],
      [{}, 'a'],
    ]),
  ],
  'maps with a shared key': () => [new Map([[sharedKey, 1]]), new Map([[sharedKey, 1]])],
  'maps with null and undefined keys': () => [new Map([[null, 1]]), new Map([[undefined, 1]])],
  'maps of different size': () => [new Map([['a', 1]]), new Map()],
  'map with an extra property': () => [withExtra(new Map(), { a: 1 }), new Map()],
  'sets equal': () => [new Set([1, 2]), new Set([2, 1])],
  'sets with loosely equal members': () => [new Set([1, 2]), new Set(['1', 2])],
  'sets with objects': () => [new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 1 }])],
  'sets with unequal objects': () => [new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 2 }])],
  'sets with null and undefined': () => [new Set([null]), new Set([undefined])],
  'sets with NaN': () => [new Set([Number.NaN]), new Set([Number.NaN])],
  'set and map': () => [new Set(), new Map()],
  'typed arrays equal': () => [new Uint8Array([1, 2]), new Uint8Array([1, 2])],
  'typed arrays of other kinds': () => [new Uint8Array([1, 2]), new Int8Array([1, 2])],
  'clamped and plain bytes': () => [new Uint8ClampedArray([1]), new Uint8Array([1])],
  'float arrays with zeros': () => [new Float64Array([0]), new Float64Array([-0])],
  'float arrays with NaN': () => [new Float32Array([Number.NaN]), new Float32Array([Number.NaN])],
  'bigint arrays': () => [new BigInt64Array([1n]), new BigInt64Array([2n])],
  'typed array views at offsets': () => [
    new Uint16Array(new Uint16Array([9, 1, 2]).buffer, 2),
    new Uint16Array([1, 2]),
  ],
  'typed array with an extra property': () => [
    withExtra(new Uint8Array(1), { x: 1 }),
    new Uint8Array(1),
  ],
  'data views': () => [
    new DataView(new Uint8Array([1]).buffer),
    new DataView(new Uint8Array([1]).buffer),
  ],
  'data views differ': () => [
    new DataView(new Uint8Array([1]).buffer),
    new DataView(new Uint8Array([2]).buffer),
  ],
  'array buffers': () => [new Uint8Array([1]).buffer, new Uint8Array([1]).buffer],
  'array buffers differ': () => [new Uint8Array([1]).buffer, new Uint8Array([1, 0]).buffer],
  'shared and plain buffer': () => [new SharedArrayBuffer(1), new ArrayBuffer(1)],
  'shared buffers': () => [new SharedArrayBuffer(2), new SharedArrayBuffer(2)],
  'dates equal': () => [new Date(0), new Date(0)],
  'dates differ': () => [new Date(0), new Date(1)],
  'invalid dates': () => [new Date(Number.NaN), new Date(Number.NaN)],
  'date with a property': () => [withExtra(new Date(0), { a: 1 }), new Date(0)],
  'date and fake date': () => [new Date(0), Object.create(Date.prototype)],
  'regexps equal': () => [/a/g, /a/g],
  'regexps with other flags': () => [/a/g, /a/i],
  'regexps with other lastIndex': () => [regExpAt(1), regExpAt(0)],
  'regexp and string': () => [/a/, '/a/'],
  'boxed numbers': () => [new Number(1), new Number(1)],
  'boxed numbers differ': () => [new Number(1), new Number(2)],
  'boxed zeros': () => [new Number(0), new Number(-0)],
  'boxed and primitive string': () => [new String('a'), 'a'],
  'boxed strings': () => [new String('a'), Object('a')],
  'boxed booleans': () => [new Boolean(true), new Boolean(false)],
  'boxed bigints': () => [Object(1n), Object(1n)],
  'boxed symbols': () => [Object(symbol), Object(symbol)],
  'boxed string and boxed number': () => [new String('1'), new Number(1)],
  'boxed number and plain object': () => [new Number(1), {}],
  'errors equal': () => [new Error('a'), new Error('a')],
  'errors with other messages': () => [new Error('a'), new Error('b')],
  'errors of other kinds': () => [new Error('a'), new TypeError('a')],
  'errors with other names': () => [errorWith('a', { name: 'X' }), new Error('a')],
  'errors with causes': () => [new Error('a', { cause: 1 }), new Error('a', { cause: 1 })],
  'errors with other causes': () => [new Error('a', { cause: 1 }), new Error('a', { cause: '1' })],
  'error with a cause and one without': () => [
    new Error('a', { cause: undefined }),
    new Error('a'),
  ],
  'aggregate errors': () => [new AggregateError([1], 'a'), new AggregateError([1], 'a')],
  'aggregate errors differ': () => [new AggregateError([1], 'a'), new AggregateError([2], 'a')],
  'error with an enumerable message': () => [errorWith('a', { message: 'a' }), new Error('a')],
  'errors with own properties': () => [errorWith('a', { code: 1 }), errorWith('a', { code: '1' })],
  'error and plain object': () => [new Error('a'), { message: 'a', name: 'Error' }],
  'weak maps': () => [new WeakMap(), new WeakMap([[{}, 1]])],
  'weak maps with properties': () => [new WeakMap(), withExtra(new WeakMap(), { a: 1 })],
  'weak sets': () => [new WeakSet(), new WeakSet()],
  promises: () => [Promise.resolve(1), Promise.resolve(2)],
  urls: () => [new URL('https://a.test/x'), new URL('https://a.test/x')],
  'urls differ': () => [new URL('https://a.test/x'), new URL('https://a.test/y')],
  'url and object': () => [new URL('https://a.test/'), {}],
  'getters compared by value': () => [
    {
      get a() {
        return 1
      },
    },
    { a: 1 },
  ],
  'objects with cycles': () => [cycle(), cycle()],
  'cycles of other lengths': () => {
    const a: Record<string, unknown> = {}
    const b: Record<string, unknown> = {}
    a.next = { next: a }
    b.next = b
    return [a, b]
  },
  'cycles with other values': () => [cycle({ v: 1 }), cycle({ v: 2 })],
  'arrays with cycles': () => {
    const a: unknown[] = [1]
    const b: unknown[] = [1]
    a.push(a)
    b.push(b)
    return [a, b]
  },
  'map holding itself': () => {
    const a = new Map<unknown, unknown>()
    const b = new Map<unknown, unknown>()
    a.set('self', a)
    b.set('self', b)
    return [a, b]
  },
  'deep nesting': () => [nested(1000, 1), nested(1000, 1)],
  'deep nesting differs at the bottom': () => [nested(1000, 1), nested(1000, '1')],
  'map from another realm': () => [runInNewContext('new Map([[1, 2]])'), new Map([[1, 2]])],
  'array from another realm': () => [runInNewContext('[1, 2]'), [1, 2]],
  'error from another realm': () => [runInNewContext('new Error("a")'), new Error('a')],
  'date from another realm': () => [runInNewContext('new Date(0)'), new Date(0)],
  'object from another realm': () => [runInNewContext('({ a: 1 })'), { a: 1 }],
  'proxy of a map': () => [new Proxy(new Map(), {}), new Map()],
  'proxy of an object': () => [new Proxy({ a: 1 }, {}), { a: 1 }],
}
