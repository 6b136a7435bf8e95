/// <reference types="node" />
import { format as nodeFormat, inspect as nodeInspect } from 'node:util'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type InspectOptions, inspect, inspectArgs, losslessJson } from './inspect.js'
import { assertValues } from './inspect-assert-values.test-util.js'
import * as layoutModule from './inspect-layout.js'
import { mulberry32 } from './seeded-random.test-util.js'

// Node's options that match inspect()'s defaults (SPEC §3.2).
const nodeOptions = { depth: 6, maxArrayLength: 100, maxStringLength: 10_000 }

function withStack<T extends Error>(error: T, stack: string): T {
  error.stack = stack
  return error
}

class Foo {
  x = 1
}
class Empty {}
class Bar extends Empty {}
class ValidationError extends Error {}

function cyclic(): unknown {
  const value: Record<string, unknown> = { a: 1 }
  value.self = value
  return value
}

/** [what, value, exact text, whether util.inspect prints exactly the same] */
const kinds: Array<[string, unknown, string, boolean]> = [
  ['a string', 'a', "'a'", true],
  ['a string with a single quote', "it's", `"it's"`, true],
  ['a string with both quotes', `it's "x"`, '`it\'s "x"`', true],
  ['a string with a newline', 'line\nbreak', "'line\\nbreak'", true],
  [
    'a string with control characters and surrogates',
    '\x01\x7f\ud800x\udc00\ud83d\ude00',
    "'\\x01\\x7F\\ud800x\\udc00😀'",
    true,
  ],
  ['undefined', undefined, 'undefined', true],
  ['null', null, 'null', true],
  ['negative zero', -0, '-0', true],
  ['NaN', Number.NaN, 'NaN', true],
  ['Infinity', Number.POSITIVE_INFINITY, 'Infinity', true],
  ['a bigint', 12n, '12n', true],
  ['a symbol', Symbol('x'), 'Symbol(x)', true],
  ['a boolean', true, 'true', true],
  ['a number', 1.5, '1.5', true],
  ['a named function', function named() {}, '[Function: named]', true],
  ['an anonymous function', (() => () => {})(), '[Function (anonymous)]', true],
  ['an async function', async function f() {}, '[AsyncFunction: f]', true],
  ['a generator function', function* g() {}, '[GeneratorFunction: g]', true],
  ['an async generator function', async function* h() {}, '[AsyncGeneratorFunction: h]', true],
  ['a class', Foo, '[class Foo]', true],
  ['a subclass', Bar, '[class Bar extends Empty]', true],
  [
    'a function with properties',
    Object.assign(function f() {}, { x: 1 }),
    '[Function: f] { x: 1 }',
    true,
  ],
  ['a date', new Date(0), '1970-01-01T00:00:00.000Z', true],
  ['an invalid date', new Date(Number.NaN), 'Invalid Date', true],
  ['a regexp', /a+b/gi, '/a+b/gi', true],
  ['a boxed number', new Number(3), '[Number: 3]', true],
  ['a boxed string', new String('x'), "[String: 'x']", true],
  ['a boxed boolean', new Boolean(false), '[Boolean: false]', true],
  ['a boxed bigint', Object(1n), '[BigInt: 1n]', true],
  ['a boxed symbol', Object(Symbol('s')), '[Symbol: Symbol(s)]', true],
  [
    'an error with a stack',
    withStack(new Error('boom'), 'Error: boom\n    at run (app.js:1:2)'),
    'Error: boom\n    at run (app.js:1:2)',
    true,
  ],
  ['an error without frames', withStack(new Error('bare'), 'Error: bare'), '[Error: bare]', true],
  [
    'an error subclass',
    withStack(new ValidationError('v'), 'Error: v\n    at f (x.js:6:6)'),
    'ValidationError: v\n    at f (x.js:6:6)',
    true,
  ],
  [
    'an error with a cause',
    withStack(
      new Error('outer', {
        cause: withStack(new Error('inner'), 'Error: inner\n    at b (x.js:2:2)'),
      }),
      'Error: outer\n    at a (x.js:1:1)',
    ),
    'Error: outer\n    at a (x.js:1:1) {\n  [cause]: Error: inner\n      at b (x.js:2:2)\n}',
    true,
  ],
  [
    'an AggregateError',
    withStack(
      new AggregateError([withStack(new Error('a'), 'Error: a\n    at d (x.js:4:4)'), 1], 'many'),
      'AggregateError: many\n    at c (x.js:3:3)',
    ),
    'AggregateError: many\n    at c (x.js:3:3) {\n  [errors]: [\n    Error: a\n        at d (x.js:4:4),\n    1\n  ]\n}',
    true,
  ],
  [
    'an error with properties',
    Object.assign(withStack(new Error('p'), 'Error: p\n    at e (x.js:5:5)'), { code: 'E_X' }),
    "Error: p\n    at e (x.js:5:5) {\n  code: 'E_X'\n}",
    true,
  ],
  [
    'an error inside an object',
    { e: withStack(new RangeError('r'), 'RangeError: r\n    at g (x.js:7:7)') },
    '{\n  e: RangeError: r\n      at g (x.js:7:7)\n}',
    true,
  ],
  ['an array', [1, 2, 3], '[ 1, 2, 3 ]', true],
  ['an empty array', [], '[]', true],
  // biome-ignore lint/suspicious/noSparseArray: the hole is what is previewed
  ['an array with a hole', [1, , 3], '[ 1, <1 empty item>, 3 ]', true],
  ['an array of holes', new Array(5), '[ <5 empty items> ]', true],
  ['an array with a property', Object.assign([1, 2], { foo: 'bar' }), "[ 1, 2, foo: 'bar' ]", true],
  ['a typed array', new Uint8Array([1, 2, 3]), 'Uint8Array(3) [ 1, 2, 3 ]', true],
  ['a float typed array', new Float64Array([1.5, -0]), 'Float64Array(2) [ 1.5, -0 ]', true],
  ['a bigint typed array', new BigInt64Array([1n]), 'BigInt64Array(1) [ 1n ]', true],
  [
    'an ArrayBuffer',
    new Uint8Array([1, 2]).buffer,
    'ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 }',
    true,
  ],
  [
    'a DataView',
    new DataView(new ArrayBuffer(2)),
    'DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}',
    true,
  ],
  ['an object', { a: 1, 'b-c': 2, [Symbol('s')]: 3 }, "{ a: 1, 'b-c': 2, [Symbol(s)]: 3 }", true],
  ['an empty object', {}, '{}', true],
  [
    'numeric and odd keys',
    { 1: 1, _ok: 2, $d: 3, 'a b': 4 },
    "{ '1': 1, _ok: 2, '$d': 3, 'a b': 4 }",
    true,
  ],
  [
    'a null-prototype object',
    Object.assign(Object.create(null), { a: 1 }),
    '[Object: null prototype] { a: 1 }',
    true,
  ],
  ['a class instance', new Foo(), 'Foo { x: 1 }', true],
  ['an empty class instance', new Empty(), 'Empty {}', true],
  ['a namespace-like built-in', Math, 'Object [Math] {}', true],
  [
    'an arguments object',
    (function (..._args: unknown[]) {
      // biome-ignore lint/complexity/noArguments: the arguments object is what is previewed
      return arguments
    })(1, 2),
    "[Arguments] { '0': 1, '1': 2 }",
    true,
  ],
  [
    'a Map',
    new Map([
      ['a', 1],
      ['b', 2],
    ]),
    "Map(2) { 'a' => 1, 'b' => 2 }",
    true,
  ],
  ['a Set', new Set([1]), 'Set(1) { 1 }', true],
  ['an empty Map', new Map(), 'Map(0) {}', true],
  ['a WeakMap', new WeakMap(), 'WeakMap { <items unknown> }', true],
  ['a WeakSet', new WeakSet(), 'WeakSet { <items unknown> }', true],
  ['a pending promise', new Promise(() => {}), 'Promise { <pending> }', true],
  ['a resolved promise', Promise.resolve(1), 'Promise { <pending> }', false],
  [
    'getters and setters',
    {
      get a() {
        return 1
      },
      set b(_: number) {},
      get c() {
        return 1
      },
      set c(_: number) {},
    },
    '{ a: [Getter], b: [Setter], c: [Getter/Setter] }',
    true,
  ],
  ['a cycle', cyclic(), '<ref *1> { a: 1, self: [Circular *1] }', true],
]

test('every kind of value previews with the exact text util.inspect prints', () => {
  for (const [what, value, expected, sameAsNode] of kinds) {
    assert.is(inspect(value), expected, what)
    if (sameAsNode) assert.is(nodeInspect(value, nodeOptions), expected, `node: ${what}`)
  }
})

test('a Firefox or Safari stack gets the Name: message line and indented frames', () => {
  const error = withStack(new TypeError('bad'), 'run@http://x/app.js:1:2\n@http://x/app.js:3:4\n')
  assert.is(inspect(error), 'TypeError: bad\n    run@http://x/app.js:1:2\n    @http://x/app.js:3:4')
})

test('a module namespace prints as a null-prototype Module', () => {
  assert.is(inspect(layoutModule), nodeInspect(layoutModule, nodeOptions))
  assert.match(inspect(layoutModule), /^\[Module: null prototype\] \{/)
})

test('cycles through several objects are numbered like node', () => {
  const a: Record<string, unknown> = { name: 'a' }
  const b: Record<string, unknown> = { name: 'b', a }
  a.b = b
  a.self = a
  const map = new Map<string, unknown>()
  map.set('map', map)
  for (const value of [a, [a, b], map, { list: [a], again: a }]) {
    assert.is(inspect(value), nodeInspect(value, nodeOptions))
  }
  assert.is(
    inspect([a, b]),
    "[\n  <ref *1> {\n    name: 'a',\n    b: { name: 'b', a: [Circular *1] },\n    self: [Circular *1]\n  },\n  <ref *2> {\n    name: 'b',\n    a: <ref *1> { name: 'a', b: [Circular *2], self: [Circular *1] }\n  }\n]",
  )
})

test('long arrays of numbers are grouped into right-aligned columns', () => {
  const numbers = Array.from({ length: 30 }, (_, i) => i)
  assert.is(
    inspect(numbers),
    '[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,\n   9, 10, 11, 12, 13, 14, 15, 16, 17,\n  18, 19, 20, 21, 22, 23, 24, 25, 26,\n  27, 28, 29\n]',
  )
  const words = Array.from({ length: 12 }, (_, i) => `w${i}`)
  assert.is(
    inspect(words),
    "[\n  'w0', 'w1',  'w2',\n  'w3', 'w4',  'w5',\n  'w6', 'w7',  'w8',\n  'w9', 'w10', 'w11'\n]",
  )
})

test('objects that do not fit in 80 columns put one entry per line', () => {
  const value = {
    aaaaaaaaaa: 'bbbbbbbbbbbbbbb',
    cccccccccccc: 'ddddddddddddddddd',
    eeeeeeeee: [1, 2, 3],
    ffffffff: { g: 1 },
  }
  assert.is(
    inspect(value),
    "{\n  aaaaaaaaaa: 'bbbbbbbbbbbbbbb',\n  cccccccccccc: 'ddddddddddddddddd',\n  eeeeeeeee: [ 1, 2, 3 ],\n  ffffffff: { g: 1 }\n}",
  )
  const nested = { a: { b: { c: { d: 1 } } } }
  assert.is(inspect(nested), '{\n  a: { b: { c: { d: 1 } } }\n}')
  assert.is(inspect(nested), nodeInspect(nested, nodeOptions))
})

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

const sampleStrings = [
  'a',
  "it's",
  'say "hi"',
  'tab\there',
  'line\nbreak',
  'ünïcödé',
  '日本語テキスト',
  'back\\slash',
  'x'.repeat(40),
  `mixed '"\``,
  '',
  'emoji 😀',
  `${'long '.repeat(30)}\nand more\n${'z'.repeat(50)}`,
]
const sampleKeys = [
  'a',
  'b',
  'longPropertyName',
  'with-dash',
  '1',
  '0',
  'with space',
  '_u',
  '$d',
  'ünï',
]

/**
 * Values of every kind that both previewers handle the same way. Left out on purpose (they
 * differ, see the top of inspect.ts): settled promises, iterators, Proxies, Buffers, URLs,
 * custom inspect methods, getters for `Symbol.toStringTag`, objects with more than 100
 * properties and previews longer than 64 KiB.
 */
function generate(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const int = (max: number) => Math.floor(random() * max)
  switch (depth > 3 ? int(9) : int(22)) {
    case 0:
      return pick(sampleStrings)
    case 1:
      return pick([0, -0, 1, -1.5, 12.5, 1e21, 2 ** 53, Number.NaN, -Infinity, 42, 1e-7])
    case 2:
      return pick([true, false, null, undefined])
    case 3:
      return BigInt(int(1_000_000)) * pick([1n, -1n, 10n ** 20n])
    case 4:
      return Symbol(pick(['', 'desc', 'with space']))
    case 5:
      return new Date(pick([0, 1_700_000_000_000, Number.NaN, -1e13]))
    case 6:
      return pick([/a+b/g, /x/, /[/]/imsu])
    case 7:
      return pick([function named() {}, () => {}, async function asyncOne() {}, Point, Empty])
    case 8:
      return pick([
        new Number(int(100)),
        new String(pick(sampleStrings).slice(0, 20)),
        new Boolean(true),
      ])
    case 9:
    case 10:
    case 11: {
      const length = pick([0, 1, 3, 7, 12, 30, 120])
      const numeric = random() > 0.5
      const array: unknown[] = []
      for (let i = 0; i < length; i++) {
        if (random() < 0.05) continue
        array[i] = numeric
          ? int(random() > 0.7 ? 100_000 : 100) * (random() > 0.8 ? -1 : 1)
          : generate(random, depth + 1)
      }
      array.length = length
      if (random() < 0.1) Object.assign(array, { extra: generate(random, depth + 1) })
      return array
    }
    case 12:
    case 13:
    case 14: {
      const object: Record<string | symbol, unknown> = random() < 0.1 ? Object.create(null) : {}
      for (let i = 0, count = pick([0, 1, 2, 4, 8]); i < count; i++) {
        object[pick(sampleKeys)] = generate(random, depth + 1)
      }
      if (random() < 0.1) object[Symbol('sym')] = 1
      if (random() < 0.1)
        Object.defineProperty(object, 'getter', { get: () => 1, enumerable: true })
      return object
    }
    case 15:
      return new Map(
        Array.from({ length: int(5) }, () => [
          generate(random, depth + 1),
          generate(random, depth + 1),
        ]),
      )
    case 16:
      return new Set(Array.from({ length: int(6) }, () => generate(random, depth + 1)))
    case 17: {
      const Kind = pick([Uint8Array, Int16Array, Float64Array, Uint32Array] as const)
      const signed = Kind === Int16Array || Kind === Float64Array
      return new Kind(
        Array.from({ length: pick([0, 2, 8, 40, 150]) }, () => int(300) - (signed ? 150 : 0)),
      )
    }
    case 18:
      return new Point(int(10), int(10))
    case 19:
      return pick([
        new Empty(),
        new ArrayBuffer(int(5)),
        new DataView(new ArrayBuffer(2)),
        new WeakMap(),
      ])
    case 20: {
      const error = new (pick([Error, TypeError, RangeError]))(pick(['boom', 'multi\nline', '']))
      error.stack = `${error.name}${error.message ? `: ${error.message}` : ''}\n    at fn (file.js:1:2)`
      if (random() < 0.3) Object.assign(error, { code: 'E_CODE' })
      return error
    }
    default: {
      const node: Record<string, unknown> = { name: pick(sampleStrings).slice(0, 10) }
      node.children = [generate(random, depth + 1), generate(random, depth + 1)]
      if (random() < 0.3) node.self = node
      return node
    }
  }
}

test('600 generated values of mixed kinds preview exactly as util.inspect prints them', () => {
  const random = mulberry32(20_240_601)
  for (let i = 0; i < 600; i++) {
    const value = generate(random, 0)
    const expected = nodeInspect(value, nodeOptions)
    assert.is(inspect(value, { maxLength: Number.POSITIVE_INFINITY }), expected, `value #${i}`)
  }
})

/** The options of Node's assert messages, as `inspect` takes them and as util.inspect does. */
function assertOptions(breakLength: number, compact: number | false = false) {
  const ours: InspectOptions = {
    depth: 1000,
    maxItems: Number.POSITIVE_INFINITY,
    maxStringLength: Number.POSITIVE_INFINITY,
    maxLength: Number.POSITIVE_INFINITY,
    compact,
    sorted: true,
    getters: true,
    breakLength,
  }
  const node = {
    compact,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Number.POSITIVE_INFINITY,
    maxStringLength: Number.POSITIVE_INFINITY,
    breakLength,
    sorted: true,
    getters: true,
    showHidden: false,
    showProxy: false,
  }
  return { ours, node }
}

// 80 is what Node 20's assert really uses (it leaves breakLength at util.inspect's default).
const assertBreakLengths = [128, Number.POSITIVE_INFINITY, 80]

test("with assert's options, every kind of value prints exactly what util.inspect prints", () => {
  assert.ok(assertValues.length >= 60)
  for (const breakLength of assertBreakLengths) {
    const { ours, node } = assertOptions(breakLength)
    for (const [what, value] of assertValues) {
      assert.is(inspect(value, ours), nodeInspect(value, node), `${what} (${breakLength})`)
    }
  }
})

test("with assert's options, 300 generated values print exactly what util.inspect prints", () => {
  const variants: Array<[number, number | false]> = [
    [128, false],
    [Number.POSITIVE_INFINITY, false],
    [80, 1],
    [Number.POSITIVE_INFINITY, 5],
  ]
  for (const [breakLength, compact] of variants) {
    const { ours, node } = assertOptions(breakLength, compact)
    const random = mulberry32(20_250_301)
    for (let i = 0; i < 300; i++) {
      const value = generate(random, 0)
      assert.is(inspect(value, ours), nodeInspect(value, node), `value #${i} (${breakLength})`)
    }
  }
})

test('sorted orders keys, Map and Set entries by their text; array items keep their order', () => {
  const value = {
    b: new Set(['y', 'x']),
    a: Object.assign([2, 1], { d: 1, c: 2 }),
    m: new Map([
      ['k', 1],
      ['j', 2],
    ]),
  }
  assert.is(
    inspect(value, { sorted: true }),
    "{\n  a: [ 2, 1, c: 2, d: 1 ],\n  b: Set(2) { 'x', 'y' },\n  m: Map(2) { 'j' => 2, 'k' => 1 }\n}",
  )
})

test('getters: true shows what each getter returns, or what it threw', () => {
  const value = {
    get a() {
      return 1
    },
    get b() {
      return { c: 2 }
    },
    get d() {
      return 'x'
    },
    set d(_: string) {},
    get e() {
      throw new Error('denied')
    },
    set f(_: number) {},
  }
  assert.is(
    inspect(value, { getters: true }),
    "{\n  a: [Getter: 1],\n  b: [Getter] { c: 2 },\n  d: [Getter/Setter: 'x'],\n  e: [Getter: <Inspection threw (denied)>],\n  f: [Setter]\n}",
  )
  assert.is(
    inspect(value),
    '{\n  a: [Getter],\n  b: [Getter],\n  d: [Getter/Setter],\n  e: [Getter],\n  f: [Setter]\n}',
  )
})

test('compact: false puts every entry of a non-empty object on its own line', () => {
  assert.is(
    inspect({ a: [1], b: {}, c: [] }, { compact: false }),
    '{\n  a: [\n    1\n  ],\n  b: {},\n  c: []\n}',
  )
})

test('a URL prints as URL {} unless getters may run, then as its href like Node', () => {
  const url = new URL('https://example.com/path')
  assert.is(inspect(url), 'URL {}')
  assert.is(inspect({ url }, { getters: true }), '{ url: https://example.com/path }')
})

test('the deliberate differences from util.inspect print as documented', () => {
  class Tagged {
    get [Symbol.toStringTag]() {
      return 'Tag'
    }
  }
  assert.is(inspect(Promise.reject(new Error('no')).catch(() => {})), 'Promise { <pending> }')
  assert.is(inspect(new Map([[1, 2]]).keys()), '[Map Iterator] { <items unknown> }')
  assert.is(inspect(new Tagged()), 'Tagged {}')
  assert.is(inspect(Buffer.from([1, 2])), 'Buffer(2) [Uint8Array] [ 1, 2 ]')
  const many = Object.fromEntries(Array.from({ length: 102 }, (_, i) => [`k${i}`, i]))
  assert.match(inspect(many), /k99: 99,\n {2}\.\.\. 2 more properties\n\}$/)
})

test('getters are never invoked, not even to find a class name or a stack', () => {
  let calls = 0
  const count = () => {
    calls++
    return 1
  }
  class WithGetters {
    get value() {
      return count()
    }
    get [Symbol.toStringTag]() {
      return String(count())
    }
  }
  const error = new Error('e')
  Object.defineProperty(error, 'stack', { get: count })
  Object.defineProperty(error, 'cause', { get: count })
  const values: unknown[] = [
    {
      get a() {
        return count()
      },
    },
    new WithGetters(),
    Object.defineProperty([1, 2], 0, { get: count, enumerable: true }),
    Object.defineProperty({}, 'nodeType', { get: count, enumerable: true }),
    error,
    Object.defineProperty(function f() {}, 'name', { get: count }),
  ]
  for (const value of values) inspect(value)
  inspectArgs(['%s %o %O', ...values])
  losslessJson(values[0])
  assert.is(calls, 0)
  assert.is(inspect(values[0]), '{ a: [Getter] }')
  assert.is(inspect(error), '[Error: e] { [cause]: [Getter] }')
})

test("a DOMException's name and message, host getters on its prototype, are read", () => {
  // Chromium's DOMException: no own properties, `name` and `message` host getters on the
  // prototype. A bound function's source is `[native code]`, like a host getter's.
  const hostGetter = (value: string) => (() => value).bind(null)
  function DOMException() {}
  const prototype = Object.create(Error.prototype, {
    constructor: { value: DOMException, configurable: true, writable: true },
    name: { get: hostGetter('AbortError'), enumerable: true, configurable: true },
    message: { get: hostGetter('stopped'), enumerable: true, configurable: true },
    [Symbol.toStringTag]: { value: 'DOMException', configurable: true },
  })
  DOMException.prototype = prototype
  const exception = Object.create(prototype)
  assert.is(inspect(exception), '[DOMException [AbortError]: stopped]')
  assert.is(inspect({ exception }), '{ exception: [DOMException [AbortError]: stopped] }')
  // Node's own DOMException without its stack has the same shape (its getters are JavaScript).
  const node = new globalThis.DOMException('stopped', 'AbortError')
  delete (node as { stack?: string }).stack
  assert.is(nodeInspect(node), '[DOMException [AbortError]: stopped]')

  let calls = 0
  // V8 formats a stack lazily, reading name and message then: it is fixed before they turn getters.
  const error = Object.defineProperties(withStack(new Error('e'), 'Error: e'), {
    name: { get: () => String(++calls) },
    message: { get: () => String(++calls) },
  })
  assert.is(inspect(error), '[Error: e]')
  assert.is(calls, 0)
})

test('a Proxy whose traps throw yields a note instead of a throw', () => {
  const thrower = new Proxy(
    {},
    new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('trap!')
        },
      },
    ),
  )
  const fnThrower = new Proxy(function f() {}, {
    ownKeys() {
      throw new Error('no keys')
    },
    getPrototypeOf() {
      throw new Error('no proto')
    },
  })
  assert.is(inspect(thrower), '<Inspection threw (trap!)>')
  assert.is(inspect({ p: thrower, q: 1 }), '{ p: <Inspection threw (trap!)>, q: 1 }')
  assert.is(inspect([thrower, 2]), '[ <Inspection threw (trap!)>, 2 ]')
  assert.is(
    inspect(new Map([[thrower, thrower]])),
    'Map(1) { <Inspection threw (trap!)> => <Inspection threw (trap!)> }',
  )
  assert.is(inspect(fnThrower), '<Inspection threw (no keys)>')
  assert.is(
    inspectArgs(['%s %o', thrower, thrower]),
    '<Inspection threw (trap!)> <Inspection threw (trap!)>',
  )
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  assert.is(inspect({ revoked: proxy }), '{ revoked: <Revoked Proxy> }')
  assert.is(losslessJson(thrower), undefined)
})

test('a Proxy with harmless traps previews its target', () => {
  const reactive = new Proxy(
    { a: 1, list: [1, 2] },
    { get: (target, key) => Reflect.get(target, key) },
  )
  assert.is(inspect(reactive), '{ a: 1, list: [ 1, 2 ] }')
  assert.is(inspect(new Proxy([1, 2], {})), '[ 1, 2 ]')
})

test('values whose own methods throw never make inspect or inspectArgs throw', () => {
  const hostile = {
    toString() {
      throw new Error('toString')
    },
    [Symbol.toPrimitive]() {
      throw new Error('toPrimitive')
    },
  }
  const weirdError = Object.assign(Object.create(Error.prototype), { message: 42 })
  assert.is(
    inspect(hostile),
    '{\n  toString: [Function: toString],\n  [Symbol(Symbol.toPrimitive)]: [Function: [Symbol.toPrimitive]]\n}',
  )
  assert.is(
    inspectArgs(['%s|%d|%i|%f|%j', hostile, hostile, hostile, hostile, 1n]),
    '<Inspection threw (toPrimitive)>|NaN|NaN|NaN|<Inspection threw (Do not know how to serialize a BigInt)>',
  )
  assert.type(inspect(weirdError), 'string')
  assert.type(
    inspect(
      Object.create(
        new Proxy(
          {},
          {
            getPrototypeOf: () => {
              throw new Error('x')
            },
          },
        ),
      ),
    ),
    'string',
  )
})

/** A fake element as a page's DOM would show it, with plain data properties. */
function fakeElement(outerHTML: string, tagName: string): object {
  return { nodeType: 1, tagName, outerHTML }
}

test('DOM-like elements print as their opening tag, an ellipsis and the closing tag', () => {
  assert.is(
    inspect(fakeElement('<div id="app" class="x"><span>hi</span></div>', 'DIV')),
    '<div id="app" class="x">…</div>',
  )
  assert.is(inspect(fakeElement('<div title="a>b"></div>', 'DIV')), '<div title="a>b"></div>')
  assert.is(inspect(fakeElement('<br>', 'BR')), '<br>')
  assert.is(
    inspect(fakeElement('<clipPath id="c"></clipPath>', 'clipPath')),
    '<clipPath id="c"></clipPath>',
  )
  const long = fakeElement(`<p style="${'x'.repeat(400)}">text</p>`, 'P')
  assert.is(inspect(long), `<p style="${'x'.repeat(288)}…>…</p>`)
  assert.is(inspect({ nodeType: 1, tagName: 'SPAN' }), '<span></span>')
})

test('DOM-like elements with attributes and child nodes are read without outerHTML', () => {
  const attributes = Object.assign(
    [
      { name: 'id', value: 'main' },
      { name: 'data-q', value: 'say "hi"' },
    ],
    {},
  )
  const element = {
    nodeType: 1,
    localName: 'main',
    tagName: 'MAIN',
    attributes,
    firstChild: { nodeType: 3 },
  }
  assert.is(inspect(element), '<main id="main" data-q="say &quot;hi&quot;">…</main>')
  assert.is(
    inspect({ ...element, firstChild: null }),
    '<main id="main" data-q="say &quot;hi&quot;"></main>',
  )
})

test('text, comment, document and doctype nodes get short names', () => {
  assert.is(inspect({ nodeType: 3, nodeName: '#text', data: 'hello' }), "#text 'hello'")
  assert.is(inspect({ nodeType: 8, nodeName: '#comment', data: ' note ' }), '<!-- note -->')
  assert.is(inspect({ nodeType: 9, nodeName: '#document' }), '#document')
  assert.is(inspect({ nodeType: 10, nodeName: 'html', name: 'html' }), '<!DOCTYPE html>')
  assert.is(inspect({ nodeType: 11, nodeName: '#document-fragment' }), '#document-fragment')
  assert.is(inspect({ nodeType: 3, other: 1 }), '{ nodeType: 3, other: 1 }')
})

class NodeList {
  constructor(items: unknown[]) {
    items.forEach((item, i) => {
      Object.defineProperty(this, i, { value: item, enumerable: true })
    })
    Object.defineProperty(this, 'length', { value: items.length })
  }
}
Object.defineProperty(NodeList.prototype, Symbol.toStringTag, { value: 'NodeList' })

const li = (text: string) => fakeElement(`<li>${text}</li>`, 'LI')

test('NodeList-like collections print their nodes like an array', () => {
  assert.is(
    inspect(new NodeList([li('a'), li('b'), li('c')])),
    'NodeList(3) [ <li>…</li>, <li>…</li>, <li>…</li> ]',
  )
  assert.is(inspect(new NodeList([])), 'NodeList(0) []')
  const long = inspect(new NodeList(Array.from({ length: 150 }, (_, i) => li(String(i)))), {
    maxItems: 2,
  })
  assert.is(long, 'NodeList(150) [ <li>…</li>, <li>…</li>, ... 148 more items ]')
  assert.is(inspect({ list: new NodeList([li('a')]) }, { depth: 0 }), '{ list: [NodeList] }')
})

test('a window-like global with self references and many properties does not explode', () => {
  const win: Record<string, unknown> = { document: { nodeType: 9, nodeName: '#document' } }
  win.window = win
  win.self = win
  for (let i = 0; i < 2000; i++) win[`prop${i}`] = { nested: { deeper: [1, 2, 3], again: win } }
  Object.defineProperty(win, 'onclick', {
    get() {
      throw new Error('never called')
    },
    enumerable: true,
  })
  const text = inspect(win)
  assert.ok(
    text.startsWith(
      '<ref *1> {\n  document: #document,\n  window: [Circular *1],\n  self: [Circular *1],',
    ),
  )
  assert.ok(text.endsWith('  ... 1904 more properties\n}'), text.slice(-80))
  assert.ok(text.length < 10_000)
})

test('objects deeper than depth print as [Object], [Array] or their class name', () => {
  const value = {
    a: { b: { c: {} } },
    list: [[1]],
    foo: { inner: new Foo() },
    map: { m: new Map([[1, 2]]) },
  }
  const expected =
    '{\n  a: { b: [Object] },\n  list: [ [Array] ],\n  foo: { inner: [Foo] },\n  map: { m: [Map] }\n}'
  assert.is(inspect(value, { depth: 1 }), expected)
  assert.is(nodeInspect(value, { depth: 1 }), expected)
  const deep = JSON.parse(`${'{"a":'.repeat(10)}1${'}'.repeat(10)}`)
  assert.match(inspect(deep), /\{ a: \[Object\] \}/)
  assert.is(inspect(deep), nodeInspect(deep, nodeOptions))
})

test('collections show maxItems entries and count the rest', () => {
  const array = Array.from({ length: 1000 }, (_, i) => i)
  assert.match(inspect(array), /99,\n {2}\.\.\. 900 more items\n\]$/)
  assert.is(inspect(array), nodeInspect(array, nodeOptions))
  assert.is(inspect(array, { maxItems: 3 }), '[ 0, 1, 2, ... 997 more items ]')
  assert.is(inspect(new Set([1, 2, 3]), { maxItems: 1 }), 'Set(3) { 1, ... 2 more items }')
  assert.is(
    inspect(
      new Map([
        [1, 2],
        [3, 4],
      ]),
      { maxItems: 1 },
    ),
    'Map(2) { 1 => 2, ... 1 more item }',
  )
  assert.is(inspect(new Uint8Array(5), { maxItems: 2 }), 'Uint8Array(5) [ 0, 0, ... 3 more items ]')
  assert.is(
    inspect(new ArrayBuffer(5), { maxItems: 2 }),
    'ArrayBuffer {\n  [Uint8Contents]: <00 00 ... 3 more bytes>,\n  byteLength: 5\n}',
  )
  assert.is(inspect({ a: 1, b: 2, c: 3 }, { maxItems: 2 }), '{ a: 1, b: 2, ... 1 more property }')
})

test('strings are cut at maxStringLength and say how many characters were cut', () => {
  assert.is(inspect('abcdef', { maxStringLength: 2 }), "'ab'... 4 more characters")
  assert.is(inspect({ s: 'abc' }, { maxStringLength: 2 }), "{ s: 'ab'... 1 more character }")
  const long = 'x'.repeat(10_123)
  assert.ok(inspect(long).endsWith("x'... 123 more characters"))
  assert.is(inspect(long), nodeInspect(long, nodeOptions))
})

test('the whole preview is cut at maxLength with a final line saying how much was cut', () => {
  const value = Array.from({ length: 50 }, (_, i) => `item number ${i}`)
  const full = inspect(value)
  const cut = inspect(value, { maxLength: 200 })
  assert.ok(cut.length <= 200)
  const note = `… (${(full.length - cut.indexOf('\n…')).toLocaleString('en-US')} more characters cut)`
  assert.is(cut, `${full.slice(0, cut.indexOf('\n…'))}\n${note}`)
  const big = inspect('y'.repeat(70_000), { maxStringLength: 100_000 })
  assert.is(big.length, 65_536)
  assert.ok(big.endsWith(`${'y'.repeat(10)}\n… (4,496 more characters cut)`), big.slice(-40))
  assert.is(
    inspectArgs(['z'.repeat(100)], { maxLength: 50 }),
    `${'z'.repeat(23)}\n… (77 more characters cut)`,
  )
})

test('a million-element array previews in a few hundred characters', () => {
  const million = Array.from({ length: 1_000_000 }, (_, i) => i)
  const text = inspect(million)
  assert.ok(text.length < 1000)
  assert.ok(text.endsWith('  ... 999900 more items\n]'))
  const holes = new Array(1_000_000)
  holes[999_999] = 1
  assert.is(inspect(holes), '[ <999999 empty items>, 1 ]')
  const sparse: number[] = []
  sparse[2 ** 31] = 1
  assert.is(inspect(sparse), '[ <2147483648 empty items>, 1 ]')
  assert.ok(inspect(new Float64Array(1_000_000)).length < 1000)
})

test('an object with 100,000 keys previews its first 100 and counts the rest', () => {
  const object: Record<string, number> = {}
  for (let i = 0; i < 100_000; i++) object[`key${i}`] = i
  const text = inspect(object)
  assert.ok(text.length < 2000)
  assert.ok(text.endsWith('  key99: 99,\n  ... 99900 more properties\n}'))
})

test('a wide and deep structure stops early and says more was cut', () => {
  const root: Record<string, unknown> = {}
  let level = root
  for (let depth = 0; depth < 7; depth++) {
    const next: Record<string, unknown> = {}
    for (let i = 0; i < 100; i++) level[`k${i}`] = next
    level = next
  }
  const text = inspect(root)
  assert.is(text.length, 65_536)
  assert.match(text, /\n… \(more than [\d,]+ characters cut\)$/)
})

test('inspectArgs formats console arguments like util.format', () => {
  class Plain {}
  const cases: unknown[][] = [
    ['%s', 'a'],
    ['%s %s', 'a'],
    ['%s:%s', 'a', 'b', 'c'],
    ['%d', '42'],
    ['%d', 5n],
    ['%d', -0],
    ['%i', 3.9],
    ['%i', '0x10'],
    ['%f', '1.5x'],
    ['%j', { a: 1 }],
    ['%j', undefined],
    ['%o', [1, { a: 2 }]],
    ['%O', { a: { b: 1 } }],
    ['%c styled', 'color: red'],
    ['100%% done', 1],
    ['%', 1],
    ['%x %s', 'y'],
    ['%s', { toString: () => 'custom' }],
    ['%s', new Date(0)],
    ['%s', [1, 2]],
    ['%s', { a: { b: 1 } }],
    ['%s', new Plain()],
    ['%s', Symbol('s')],
    ['%s', 5n],
    ['%s', null],
    ['%s', new Error('e')],
    ['%j', cyclic()],
    ['a', 'b', 1, null, undefined, { c: [1] }],
    [1, 'a', '%s'],
  ]
  for (const args of cases)
    assert.is(inspectArgs(args), nodeFormat(...args), JSON.stringify(String(args[0])))
  assert.is(inspectArgs([]), '')
})

test('inspectArgs leaves strings unquoted and previews everything else', () => {
  assert.is(
    inspectArgs(['user', 'ann', { id: 1 }, [1, 2], 'done']),
    'user ann { id: 1 } [ 1, 2 ] done',
  )
  assert.is(inspectArgs(['%s has %d items', 'cart', 3, { a: 1 }]), 'cart has 3 items { a: 1 }')
  assert.is(inspectArgs([fakeElement('<b>x</b>', 'B'), new Map()]), '<b>…</b> Map(0) {}')
})

test('losslessJson returns 2-space JSON for plain data', () => {
  const data = { a: 1, list: [true, null, 'x', { nested: -1.5 }], empty: {}, none: [] }
  assert.is(losslessJson(data), JSON.stringify(data, null, 2))
  assert.is(losslessJson('text'), '"text"')
  assert.is(losslessJson(Object.assign(Object.create(null), { a: 1 })), '{\n  "a": 1\n}')
  const shared = { x: 1 }
  assert.is(losslessJson([shared, shared]), JSON.stringify([shared, shared], null, 2))
})

test('losslessJson refuses anything JSON would drop or change', () => {
  class Instance {
    a = 1
  }
  const cycle: Record<string, unknown> = {}
  cycle.self = cycle
  const refused: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['a function', () => {}],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-0', -0],
    ['a bigint', 1n],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is refused
    ['a sparse array', [1, , 3]],
    ['a class instance', new Instance()],
    ['a cycle', cycle],
    ['a symbol key', { [Symbol('s')]: 1 }],
    ['a symbol key on an array', Object.assign([1], { [Symbol('s')]: 1 })],
    [
      'a getter',
      {
        get a() {
          return 1
        },
      },
    ],
    ['an index getter', Object.defineProperty([1], 0, { get: () => 1, enumerable: true })],
    ['a non-enumerable property', Object.defineProperty({}, 'hidden', { value: 1 })],
    ['an array with a property', Object.assign([1], { extra: 2 })],
    ['a nested undefined', { a: undefined }],
    ['a toJSON method', { toJSON: () => 1 }],
  ]
  for (const [what, value] of refused) assert.is(losslessJson(value), undefined, what)
})

test('losslessJson gives up on JSON longer than maxLength without walking all of it', () => {
  assert.is(losslessJson(Array.from({ length: 1_000_000 }, (_, i) => i)), undefined)
  assert.is(losslessJson({ a: 'x'.repeat(100) }, 50), undefined)
  assert.is(losslessJson({ a: 'x' }, 50), '{\n  "a": "x"\n}')
})

test("cleanStack rewrites an error's stack before it is shown, and a throwing one is ignored", () => {
  const error = new Error('boom')
  error.stack = 'Error: boom\n    at secret (internal.js:1:1)\n    at mine (app.js:2:3)'
  const clean = (stack: string) => stack.replace(/\n.*secret.*/, '')
  assert.is(
    inspect({ error }, { cleanStack: clean }),
    '{\n  error: Error: boom\n      at mine (app.js:2:3)\n}',
  )
  const broken = () => {
    throw new Error('no')
  }
  assert.is(inspect(error, { cleanStack: broken }), error.stack)
})

test.run()
