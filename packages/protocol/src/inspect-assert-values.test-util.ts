/// <reference types="node" />
/**
 * Values of every kind `inspect` supports, for the differential tests that print them with the
 * options of Node's assert messages (inspect.test.ts).
 */

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
class WithStatic {
  static count = 2
  value = 1
}
class Tagged {
  a = 1
  get [Symbol.toStringTag]() {
    return 'Tag'
  }
}
class Accessors {
  #v = 3
  get proto() {
    return this.#v
  }
}

function cyclic(): unknown {
  const value: Record<string, unknown> = { a: 1 }
  value.self = value
  return value
}
function deep(levels: number): unknown {
  let value: unknown = { leaf: true }
  for (let i = 0; i < levels; i++) value = { [`level${levels - i}`]: value, n: i }
  return value
}
const multiline = `${'first line of a long text, '.repeat(6)}\nsecond line\n${'z'.repeat(130)}\nend`

/** [what, value] */
export const assertValues: Array<[string, unknown]> = [
  ['a string', 'a'],
  ['an empty string', ''],
  ['a string with a single quote', "it's"],
  ['a string with both quotes', `it's "x"`],
  ['a string with all three quotes', `it's "x" \`y\``],
  ['a short string with a newline', 'line\nbreak'],
  ['a long multi-line string', multiline],
  ['a long multi-line string inside objects', { outer: { inner: [multiline] } }],
  ['a string with control characters', '\x01\t\x7f\ud800😀\\'],
  ['undefined', undefined],
  ['null', null],
  ['negative zero', -0],
  ['NaN and infinities', [Number.NaN, Number.POSITIVE_INFINITY, -Infinity]],
  ['numbers', [1.5, 1e21, 2 ** 53, 1e-7]],
  ['a bigint', -12n],
  ['booleans', [true, false]],
  ['symbols', [Symbol('x'), Symbol(), Symbol.iterator, Symbol('with space')]],
  ['an empty array', []],
  ['an array', [1, 'two', [3, [4]]]],
  // biome-ignore lint/suspicious/noSparseArray: holes are what is printed
  ['an array with holes', [1, , 3, , , 6]],
  ['an array of holes', new Array(5)],
  ['an array with extra keys', Object.assign([1, 2], { zeta: 1, alpha: 2, [Symbol('s')]: 3 })],
  ['a long array of numbers', Array.from({ length: 30 }, (_, i) => i * 7)],
  ['an array of 150 strings', Array.from({ length: 150 }, (_, i) => `s${i}`)],
  ['an array of objects', [{ b: 1, a: 2 }, { c: [] }, {}]],
  ['a typed array', new Uint8Array([3, 1, 2])],
  ['an empty typed array', new Uint8Array(0)],
  ['a float typed array', new Float64Array([1.5, -0, Number.NaN])],
  ['a bigint typed array', new BigInt64Array([1n, -2n])],
  ['a typed array with a property', Object.assign(new Int16Array(2), { tag: 'x' })],
  ['an ArrayBuffer', new Uint8Array([1, 2, 255]).buffer],
  ['an empty ArrayBuffer', new ArrayBuffer(0)],
  ['a SharedArrayBuffer', new SharedArrayBuffer(2)],
  ['a DataView', new DataView(new ArrayBuffer(3), 1)],
  [
    'a Map',
    new Map<unknown, unknown>([
      ['b', 1],
      ['a', { z: 1, y: [2] }],
      [1, 'one'],
    ]),
  ],
  [
    'a Map with object keys',
    new Map([
      [{ k: 1 }, new Set([1])],
      [[2], null],
    ]),
  ],
  ['an empty Map', new Map()],
  ['a Map with a property', Object.assign(new Map([[1, 2]]), { extra: true })],
  ['a Set', new Set<unknown>(['b', 'a', 3, 1, 10, 2, { o: 1 }])],
  ['an empty Set', new Set()],
  ['a WeakMap', new WeakMap([[{}, 1]])],
  ['a WeakSet', new WeakSet([{}])],
  ['a pending promise', new Promise(() => {})],
  ['a pending promise with a property', Object.assign(new Promise(() => {}), { id: 7 })],
  ['a date', new Date(1_700_000_000_000)],
  ['an invalid date', new Date(Number.NaN)],
  ['a date with a property', Object.assign(new Date(0), { note: 'epoch' })],
  ['a regexp', /a+b/gi],
  ['a regexp with lastIndex', Object.assign(/x/g, { lastIndex: 3 })],
  ['a regexp with a property', Object.assign(/y/, { flagged: 1 })],
  ['an error with frames', withStack(new Error('boom'), 'Error: boom\n    at run (app.js:1:2)')],
  ['an error without frames', withStack(new Error('bare'), 'Error: bare')],
  ['a real error', new TypeError('real')],
  ['an error subclass', withStack(new ValidationError('v'), 'Error: v\n    at f (x.js:6:6)')],
  [
    'an error with a cause',
    withStack(
      new Error('outer', {
        cause: withStack(new Error('inner'), 'Error: inner\n    at b (x.js:2:2)'),
      }),
      'Error: outer\n    at a (x.js:1:1)',
    ),
  ],
  ['an error with a plain cause', new Error('with cause', { cause: { code: 42, at: 'x' } })],
  [
    'an AggregateError',
    withStack(
      new AggregateError([withStack(new Error('a'), 'Error: a\n    at d (x.js:4:4)'), 1], 'many'),
      'AggregateError: many\n    at c (x.js:3:3)',
    ),
  ],
  [
    'an error with properties',
    Object.assign(withStack(new RangeError('p'), 'RangeError: p\n    at e (x.js:5:5)'), {
      status: 500,
      code: 'E_X',
    }),
  ],
  ['errors inside an object', { e: withStack(new Error('r'), 'Error: r\n    at g (x.js:7:7)') }],
  ['a boxed number', new Number(3)],
  ['a boxed string with a property', Object.assign(new String('ab'), { extra: 1 })],
  ['a boxed boolean', new Boolean(false)],
  ['a boxed bigint', Object(1n)],
  ['a boxed symbol', Object(Symbol('s'))],
  ['a class instance', new Foo()],
  ['an empty class instance', new Empty()],
  ['a subclass instance', Object.assign(new Bar(), { b: 2, a: 1 })],
  ['an instance with a Symbol.toStringTag getter', new Tagged()],
  ['an instance with a prototype getter', new Accessors()],
  ['an object', { b: 1, a: 'x', c: [1, 2], 'd-e': null, 1: 'one', _u: undefined }],
  ['an empty object', {}],
  ['an object with __proto__ and odd keys', JSON.parse('{"__proto__": 1, "a b": 2, "$": 3}')],
  ['a null-prototype object', Object.assign(Object.create(null), { b: 1, a: { c: 2 } })],
  ['an empty null-prototype object', Object.create(null)],
  ['symbol keys', { [Symbol('b')]: 1, a: 2, [Symbol('a')]: 3, [Symbol.iterator]: 4 }],
  ['a non-enumerable key', Object.defineProperty({ shown: 1 }, 'hidden', { value: 2 })],
  ['an own toStringTag', { [Symbol.toStringTag]: 'Own', v: 1 }],
  ['a built-in namespace', Math],
  [
    'getters and setters',
    {
      get a() {
        return 1
      },
      set b(_: number) {},
      get c() {
        return 'c'
      },
      set c(_: string) {},
    },
  ],
  [
    'getters returning objects, null and undefined',
    {
      get object() {
        return { inner: [1, 2] }
      },
      get nothing() {
        return null
      },
      get missing() {
        return undefined
      },
      get text() {
        return multiline
      },
    },
  ],
  [
    'getters that throw',
    {
      get error() {
        throw new Error('no access')
      },
      get string() {
        throw 'plain'
      },
      after: { nested: 1 },
    },
  ],
  [
    'a getter returning a function',
    {
      get fn() {
        return () => 1
      },
      later: { nested: { deeper: 1 } },
    },
  ],
  [
    'an array index getter',
    Object.defineProperty([1, 2], 0, { get: () => 'got', enumerable: true }),
  ],
  ['a cycle', cyclic()],
  [
    'a cycle through an array and a Map',
    (() => {
      const root: Record<string, unknown> = { name: 'root' }
      const map = new Map<string, unknown>([['root', root]])
      root.children = [map, root]
      return root
    })(),
  ],
  ['twenty levels of nesting', deep(20)],
  ['a named function', function named() {}],
  ['an anonymous function', (() => () => {})()],
  [
    'async and generator functions',
    [async function f() {}, function* g() {}, async function* h() {}],
  ],
  ['a class', Foo],
  ['a subclass', Bar],
  ['a class with a static property', WithStatic],
  ['a function with properties', Object.assign(function f() {}, { z: 1, a: { b: 2 } })],
  [
    'an arguments object',
    (function (..._args: unknown[]) {
      // biome-ignore lint/complexity/noArguments: the arguments object is what is printed
      return arguments
    })('x', 2),
  ],
  [
    'an object with 150 keys',
    Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i])),
  ],
  ['keys in code unit order', { b: 1, B: 2, a: 3, Z: 4, é: 5, _: 6, 10: 7, 9: 8 }],
  ['a Proxy without traps', new Proxy({ b: [1], a: 2 }, {})],
  ['a Buffer', Buffer.from([1, 2, 3])],
  ['a URL', new URL('https://example.com/a?b=1')],
  [
    'a getter returning its own object',
    (() => {
      const value = {
        get me(): unknown {
          return value
        },
      }
      return value
    })(),
  ],
  [
    'an enumerable getter on a class instance',
    Object.defineProperty(new Foo(), 'computed', { get: () => [1, { a: 1 }], enumerable: true }),
  ],
  [
    'an error with own name and message',
    Object.assign(withStack(new Error('m'), 'Error: m\n    at q (x.js:1:1)'), { name: 'Custom' }),
  ],
  [
    'an error with an inherited cause getter',
    (() => {
      class Caused extends Error {
        override get cause() {
          return 'from the prototype'
        }
      }
      return withStack(new Caused('c'), 'Error: c\n    at w (x.js:1:1)')
    })(),
  ],
  ['a Set of long multi-line strings', new Set([multiline, 'b\nc'])],
]
