/// <reference types="node" />
import nodeAssert from 'node:assert'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import ours from './index.js'
import { outcomeOf } from './node-oracle.test-util.js'

// biome-ignore lint/suspicious/noExplicitAny: the cases call both modules with the same loose arguments.
type AnyAssert = any
type Case = (a: AnyAssert) => unknown

/** Each case runs against node:assert and this package; the outcomes must be identical. */
function expectSameOutcomes(cases: Record<string, Case>): void {
  for (const [name, run] of Object.entries(cases)) {
    assert.equal(
      outcomeOf(() => run(ours)),
      outcomeOf(() => run(nodeAssert)),
      name,
    )
  }
}

test('passing comparisons return nothing, as in Node', () => {
  expectSameOutcomes({
    ok: (a) => a.ok(1),
    'assert itself': (a) => a('x'),
    equal: (a) => a.equal(1, '1'),
    'equal NaN': (a) => a.equal(Number.NaN, Number.NaN),
    notEqual: (a) => a.notEqual(1, 2),
    strictEqual: (a) => a.strictEqual(Number.NaN, Number.NaN),
    notStrictEqual: (a) => a.notStrictEqual(0, -0),
    deepEqual: (a) => a.deepEqual({ a: [1] }, { a: ['1'] }),
    deepStrictEqual: (a) => a.deepStrictEqual({ a: [1] }, { a: [1] }),
    notDeepStrictEqual: (a) => a.notDeepStrictEqual({ a: [1] }, { a: ['1'] }),
    match: (a) => a.match('abc', /b/),
    doesNotMatch: (a) => a.doesNotMatch('abc', /x/),
    'ifError null': (a) => a.ifError(null),
    'ifError undefined': (a) => a.ifError(undefined),
  })
})

test('failed primitive comparisons read exactly like Node 20', () => {
  expectSameOutcomes({
    'strictEqual of short values': (a) => a.strictEqual(1, 2),
    'strictEqual of strings with a common start': (a) =>
      a.strictEqual('hello world, this is it', 'hello world, this is not'),
    'strictEqual of long strings': (a) => a.strictEqual('x'.repeat(200), 'y'.repeat(200)),
    'strictEqual of multi-line strings': (a) =>
      a.strictEqual('a\nb\nc\nd\ne\nf\ng\nh', 'a\nb\nc\nd\ne\nf\ng\ni'),
    'strictEqual of a long string with a line break': (a) =>
      a.strictEqual(`${'y'.repeat(100)}\nz`, 'b'),
    'strictEqual of zeros': (a) => a.strictEqual(0, -0),
    'strictEqual with a message': (a) => a.strictEqual(1, 2, 'custom'),
    'strictEqual with an empty message': (a) => a.strictEqual(1, 2, ''),
    'strictEqual with an Error message': (a) => a.strictEqual(1, 2, new TypeError('mine')),
    equal: (a) => a.equal(1, 2),
    'equal with a falsy message': (a) => a.equal(1, 2, 0),
    notEqual: (a) => a.notEqual(1, '1'),
    'notStrictEqual of short values': (a) => a.notStrictEqual(1, 1),
    'notStrictEqual of longer values': (a) => a.notStrictEqual('abcdefg', 'abcdefg'),
    'deepEqual of primitives': (a) => a.deepEqual(1, 2),
    'deepStrictEqual of number and string': (a) => a.deepStrictEqual(1, '1'),
    'deepStrictEqual of zeros': (a) => a.deepStrictEqual(0, -0),
    'deepStrictEqual of undefined and null': (a) => a.deepStrictEqual(undefined, null),
  })
})

test('assert and ok with a falsy value say what they got, as Node does for eval code', () => {
  const fromEval = outcomeOf(() => new Function('a', 'a.ok(0)')(nodeAssert))
  assert.equal(
    outcomeOf(() => ours.ok(0)),
    fromEval,
  )
  assert.equal(
    outcomeOf(() => ours(null)),
    outcomeOf(() => new Function('a', 'a(null)')(nodeAssert)),
  )
  expectSameOutcomes({
    'ok without arguments': (a) => a.ok(),
    'ok with a message': (a) => a.ok(false, 'nope'),
    'ok with an Error message': (a) => a.ok('', new RangeError('thrown as it is')),
    'strict without arguments': (a) => a.strict(),
  })
  assert.equal(
    outcomeOf(() => ours.strict(0)),
    outcomeOf(() => new Function('a', 'a.strict(0)')(nodeAssert)),
  )
})

test('missing arguments and bad arguments throw Node TypeErrors with codes', () => {
  expectSameOutcomes({
    'equal with one argument': (a) => a.equal(1),
    'deepStrictEqual with no argument': (a) => a.deepStrictEqual(),
    'notDeepEqual with one argument': (a) => a.notDeepEqual(1),
    'match with a string pattern': (a) => a.match('x', 'x'),
    'doesNotMatch with an object pattern': (a) => a.doesNotMatch('x', { source: 'x' }),
    'AssertionError with a number': (a) => new a.AssertionError(5),
    'AssertionError with null': (a) => new a.AssertionError(null),
    'AssertionError with an array': (a) => new a.AssertionError([]),
  })
})

test('match and doesNotMatch explain the mismatch like Node', () => {
  expectSameOutcomes({
    match: (a) => a.match('abc', /x/),
    doesNotMatch: (a) => a.doesNotMatch('abc', /b/),
    'match of a number': (a) => a.match(5, /x/),
    'doesNotMatch of an object': (a) => a.doesNotMatch({ a: 1 }, /x/),
    'match with a message': (a) => a.match('abc', /x/, 'custom'),
    'match with an Error message': (a) => a.match('abc', /x/, new Error('mine')),
  })
})

test('ifError wraps what it got, keeping its message', () => {
  expectSameOutcomes({
    'an error': (a) => a.ifError(new Error('bad')),
    'an error without message': (a) => a.ifError(new TypeError()),
    'an object with an empty message': (a) => a.ifError({ message: '' }),
    'a string': (a) => a.ifError('bad'),
    'a number': (a) => a.ifError(0),
    false: (a) => a.ifError(false),
  })
})

test('ifError keeps the frames of the original error under its own', () => {
  function makeError() {
    return new Error('original')
  }
  const original = makeError()
  const thrown = outcomeOf(() => ours.ifError(original))
  assert.ok(thrown.threw)
  try {
    ours.ifError(original)
  } catch (error) {
    const stack = String((error as Error).stack)
    assert.match(
      stack,
      /^AssertionError \[ERR_ASSERTION\]: ifError got unwanted exception: original/,
    )
    assert.match(stack, /makeError/)
  }
})

test('fail throws "Failed", a message, or the deprecated comparison', () => {
  expectSameOutcomes({
    'no argument': (a) => a.fail(),
    'a message': (a) => a.fail('boom'),
    null: (a) => a.fail(null),
    'an Error': (a) => a.fail(new TypeError('as is')),
    'two values': (a) => a.fail(1, 2),
    'two objects': (a) => a.fail({ a: 1 }, [1]),
    'values and message': (a) => a.fail(1, 2, 'msg'),
    'values and operator': (a) => a.fail(1, 2, undefined, '>'),
  })
})

test('the strict variant maps the loose names to the strict comparisons', () => {
  expectSameOutcomes({
    equal: (a) => a.strict.equal(1, '1'),
    notEqual: (a) => a.strict.notEqual(1, 1),
    deepEqual: (a) => a.strict.deepEqual({ a: 1 }, { a: '1' }),
    notDeepEqual: (a) => a.strict.notDeepEqual({ a: 1 }, { a: 1 }),
  })
})

test('the stack of an AssertionError starts at the caller of the assertion', () => {
  function callerOfStrictEqual() {
    ours.strictEqual(1, 2)
  }
  try {
    callerOfStrictEqual()
    assert.unreachable()
  } catch (error) {
    const lines = String((error as Error).stack).split('\n')
    assert.is(lines[0], 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:')
    const firstFrame = lines.find((line) => line.startsWith('    at '))
    assert.match(String(firstFrame), /callerOfStrictEqual/)
  }
})

test('partialDeepStrictEqual fails with the partial heading and a diff', () => {
  try {
    ours.partialDeepStrictEqual({ a: 1, b: 2 }, { a: 2 })
    assert.unreachable()
  } catch (error) {
    const { message, operator, generatedMessage } = error as InstanceType<
      typeof ours.AssertionError
    >
    assert.is(
      message,
      'Expected values to be partially and strictly deep-equal:\n+ actual - expected\n\n  {\n+   a: 1,\n+   b: 2\n-   a: 2\n  }',
    )
    assert.is(operator, 'partialDeepStrictEqual')
    assert.is(generatedMessage, true)
  }
  assert.equal(
    outcomeOf(() => (ours as AnyAssert).partialDeepStrictEqual(1)),
    outcomeOf(() => (nodeAssert as AnyAssert).deepStrictEqual(1)),
  )
})

test.run()
