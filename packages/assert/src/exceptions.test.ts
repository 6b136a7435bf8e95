/// <reference types="node" />
import nodeAssert from 'node:assert'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import ours from './index.js'
import { asyncOutcomeOf, outcomeOf } from './node-oracle.test-util.js'

// biome-ignore lint/suspicious/noExplicitAny: the cases call both modules with the same loose arguments.
type AnyAssert = any

function boom(): never {
  throw Object.assign(new Error('boom'), { code: 'E_BOOM', info: { deep: [1, 2] } })
}

class CustomError extends Error {}
class SameNameError extends Error {}
Object.defineProperty(SameNameError, 'name', { value: 'Error' })

/** Cases for `throws` (and `rejects`, with the function made async). */
const throwingCases: Record<string, [() => unknown, ...unknown[]]> = {
  'nothing expected': [boom],
  'a matching class': [boom, Error],
  'another class': [boom, TypeError],
  'a class with the same name and another prototype': [boom, SameNameError],
  'a custom class': [boom, CustomError],
  'a matching RegExp': [boom, /bo+m/],
  'a RegExp that does not match': [boom, /nope/],
  'a validation function returning true': [boom, (e: Error) => e.message === 'boom'],
  'a named validation function returning false': [
    boom,
    function isNope() {
      return false
    },
  ],
  'an anonymous validation function returning a value': [boom, () => 'yes'],
  'an arrow function as a validator': [boom, (e: unknown) => e instanceof Error],
  'a matching object': [boom, { message: 'boom', code: 'E_BOOM' }],
  'an object with a different property': [boom, { message: 'boom', code: 'E_OTHER' }],
  'an object with a missing property': [boom, { message: 'boom', missing: 1 }],
  'an object with RegExp values': [boom, { message: /bo/, code: /^E_/ }],
  'an object with a RegExp that does not match': [boom, { message: /x/, code: 'E_BOOM' }],
  'an object with nested values': [boom, { info: { deep: [1, 2] } }],
  'an object with nested values that differ': [boom, { info: { deep: [1, 3] } }],
  'an object and a message': [boom, { code: 'E_OTHER' }, 'custom message'],
  'an error instance': [boom, new Error('boom')],
  'an error instance of another class': [
    () => {
      throw new TypeError('boom')
    },
    new RangeError('boom'),
  ],
  'an error instance with another message': [boom, new Error('other')],
  'an empty object': [boom, {}],
  'a number': [boom, 5],
  'a string message': [boom, 'message'],
  'a string that is the error message': [boom, 'boom'],
  'a thrown string identical to the message': [
    () => {
      throw 'same'
    },
    'same',
  ],
  'two strings': [boom, 'a', 'b'],
  'a primitive thrown, an object expected': [
    () => {
      throw 'str'
    },
    { message: 'x' },
  ],
  'a primitive thrown, a class expected': [
    () => {
      throw 'str'
    },
    TypeError,
  ],
  'a primitive thrown, a RegExp expected': [
    () => {
      throw 42
    },
    /43/,
  ],
  'an error message argument': [boom, /nope/, new RangeError('mine')],
  'nothing thrown': [() => {}],
  'nothing thrown, class expected': [() => {}, TypeError],
  'nothing thrown, message': [() => {}, 'needed'],
  'nothing thrown, class and message': [() => {}, TypeError, 'needed'],
  'nothing thrown, RegExp expected': [() => {}, /x/],
}

test('throws checks what was thrown exactly like Node 20', () => {
  for (const [name, [fn, ...rest]] of Object.entries(throwingCases)) {
    const run = (a: AnyAssert) => a.throws(fn, ...rest)
    assert.equal(
      outcomeOf(() => run(ours)),
      outcomeOf(() => run(nodeAssert)),
      name,
    )
  }
})

test('rejects checks the rejection exactly like Node 20', async () => {
  for (const [name, [fn, ...rest]] of Object.entries(throwingCases)) {
    const run = (a: AnyAssert) => a.rejects(async () => fn(), ...rest)
    assert.equal(
      await asyncOutcomeOf(() => run(ours)),
      await asyncOutcomeOf(() => run(nodeAssert)),
      name,
    )
  }
})

test('Error as the expected class of a thrown string is called as a validation function', () => {
  const run = (a: AnyAssert) =>
    a.throws(() => {
      throw 'str'
    }, Error)
  const firstLines = (outcome: { message?: unknown }) => String(outcome.message).split('\n')[0]
  const ourOutcome = outcomeOf(() => run(ours))
  const nodeOutcome = outcomeOf(() => run(nodeAssert))
  assert.is(firstLines(ourOutcome), firstLines(nodeOutcome))
  assert.is(
    firstLines(ourOutcome),
    'The "Error" validation function is expected to return "true". Received Error: str',
  )
})

test('throws and rejects refuse what is not a function or a promise', async () => {
  for (const fn of [5, 'x', null, {}]) {
    assert.equal(
      outcomeOf(() => (ours as AnyAssert).throws(fn)),
      outcomeOf(() => (nodeAssert as AnyAssert).throws(fn)),
    )
    assert.equal(
      await asyncOutcomeOf(() => (ours as AnyAssert).rejects(fn)),
      await asyncOutcomeOf(() => (nodeAssert as AnyAssert).rejects(fn)),
    )
  }
})

test('rejects takes a promise or a thenable with catch, and reports a function that returns none', async () => {
  const thenable = {
    // biome-ignore lint/suspicious/noThenProperty: a thenable is the case.
    then: (_: unknown, reject: (reason: unknown) => void) => reject(new Error('late')),
    catch: () => undefined,
  }
  const cases: Record<string, (a: AnyAssert) => Promise<unknown>> = {
    'a rejected promise': (a) => a.rejects(Promise.reject(new Error('x')), /x/),
    'a resolved promise': (a) => a.rejects(Promise.resolve(1)),
    'a thenable': (a) => a.rejects(thenable, /late/),
    'a function returning a value': (a) => a.rejects(() => 1),
    'a function throwing synchronously': (a) =>
      a.rejects(() => {
        throw new Error('sync')
      }, /other/),
    'a resolving function with a message': (a) => a.rejects(async () => 1, 'needed'),
  }
  for (const [name, run] of Object.entries(cases)) {
    assert.equal(
      await asyncOutcomeOf(() => run(ours)),
      await asyncOutcomeOf(() => run(nodeAssert)),
      name,
    )
  }
})

test('doesNotThrow and doesNotReject report unwanted errors and rethrow the others', async () => {
  const cases: Record<string, [() => unknown, ...unknown[]]> = {
    'nothing thrown': [() => 1],
    'an error': [boom],
    'an error and a message': [boom, 'custom'],
    'a matching class': [boom, Error],
    'another class': [boom, TypeError],
    'a matching RegExp': [boom, /boom/],
    'a RegExp that does not match': [boom, /nope/],
    'a validation function': [boom, () => true],
    'a validation function returning false': [boom, () => false],
    'an object': [boom, { message: 'boom' }],
    'a thrown string': [
      () => {
        throw 'str'
      },
    ],
    'a thrown null': [
      () => {
        throw null
      },
    ],
  }
  for (const [name, [fn, ...rest]] of Object.entries(cases)) {
    const sync = (a: AnyAssert) => a.doesNotThrow(fn, ...rest)
    assert.equal(
      outcomeOf(() => sync(ours)),
      outcomeOf(() => sync(nodeAssert)),
      name,
    )
    const async = (a: AnyAssert) => a.doesNotReject(async () => fn(), ...rest)
    assert.equal(
      await asyncOutcomeOf(() => async(ours)),
      await asyncOutcomeOf(() => async(nodeAssert)),
      name,
    )
  }
})

test('the error of throws names the thrower and starts at the caller', () => {
  function callerOfThrows() {
    ours.throws(() => undefined)
  }
  try {
    callerOfThrows()
    assert.unreachable()
  } catch (error) {
    assert.is((error as Error).message, 'Missing expected exception.')
    const frames = String((error as Error).stack)
      .split('\n')
      .filter((line) => line.startsWith('    at '))
    assert.match(String(frames[0]), /callerOfThrows/)
  }
})

test.run()
