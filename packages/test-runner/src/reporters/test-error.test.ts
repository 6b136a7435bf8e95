/// <reference types="node" />
import nodeAssert from 'node:assert/strict'
import { inspect as nodeInspect } from 'node:util'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { inspectTestError, reviveTestError, toTestErrorInfo } from './test-error.js'

// What Node's reporters call: util.inspect with the error's own inspect hook.
const asNodeReporters = (value: unknown): string =>
  nodeInspect(value, { colors: false, breakLength: Number.POSITIVE_INFINITY })

function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('did not throw')
}

/** Node's `ERR_TEST_FAILURE` wrapper around an error thrown by a test. */
function wrapped(cause: unknown): Error {
  const error = new Error('wrapped')
  Object.assign(error, { code: 'ERR_TEST_FAILURE', failureType: 'testCodeFailure', cause })
  return error
}

const throughJson = (error: Error): unknown => JSON.parse(JSON.stringify(toTestErrorInfo(error)))

const cases: Record<string, () => Error> = {
  'an assertion error with a diff': () =>
    thrown(() => nodeAssert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })),
  'an assertion error on long strings': () =>
    thrown(() => nodeAssert.strictEqual('x'.repeat(600), 'y'.repeat(600))),
  'an assertion error on many lines': () =>
    thrown(() => nodeAssert.strictEqual('a\n'.repeat(20), 'b\n'.repeat(20))),
  'a TypeError': () => thrown(() => (null as unknown as { a: number }).a),
  'an error with a cause and properties': () =>
    Object.assign(new RangeError('outer', { cause: new Error('inner') }), { status: 404 }),
  'an error without frames': () => Object.assign(new Error('bare'), { stack: 'Error: bare' }),
  'a custom error class': () => {
    class ParseError extends Error {
      override name = 'ParseError'
    }
    return new ParseError('bad input')
  },
}

for (const [label, make] of Object.entries(cases)) {
  test(`${label} prints as Node's reporters print it, alone and wrapped, after JSON`, () => {
    const error = make()
    assert.fixture(inspectTestError(throughJson(error)), asNodeReporters(error))
    assert.fixture(inspectTestError(error), asNodeReporters(error))
    const wrapper = wrapped(make())
    assert.fixture(inspectTestError(throughJson(wrapper)), asNodeReporters(wrapper))
  })
}

test('a serialised error lists name, message and stack first, then its own properties', () => {
  const error = Object.assign(new Error('boom', { cause: 'why' }), { code: 'E_BOOM' })
  const info = toTestErrorInfo(error)
  assert.equal(Object.keys(info), ['name', 'message', 'stack', 'code', 'cause'])
  assert.is(info.cause, 'why')
})

test('a cause that loops back is written as [Circular]', () => {
  const error = new Error('loop')
  ;(error as { cause?: unknown }).cause = error
  assert.is(toTestErrorInfo(error).cause, '[Circular]')
})

test('a revived error keeps the class name, and values that are not errors pass through', () => {
  const revived = reviveTestError({ name: 'TypeError', message: 'x', stack: 'TypeError: x' })
  assert.instance(revived, TypeError)
  assert.is(reviveTestError('text'), 'text')
  assert.equal(reviveTestError({ a: 1 }), { a: 1 })
})

test.run()
