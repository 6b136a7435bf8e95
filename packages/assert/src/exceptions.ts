/**
 * `throws`, `rejects`, `doesNotThrow` and `doesNotReject`: run a function (or await a promise)
 * and check what it threw against a class, a `RegExp`, a validation function, an object of
 * expected properties or an error instance, with Node's messages.
 */

import { ambiguousArgument, invalidArgType, invalidReturnValue } from './argument-errors.js'
import { innerFail } from './comparisons.js'
import { expectedException, hasMatchingError } from './expected-exception.js'
import { isPromise } from './value-kinds.js'

/** The outcome of a function that threw nothing: a private symbol, which no code can throw. */
const nothingThrown: unique symbol = Symbol('nothing thrown')

/** What was thrown or rejected with, or `nothingThrown`. */
type Outcome = unknown

const errorKinds = ['Object', 'Error', 'Function', 'RegExp']

function runForThrow(fn: unknown): Outcome {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn)
  try {
    fn()
  } catch (thrown) {
    return thrown
  }
  return nothingThrown
}

/** A native promise, or a thenable that also has `catch` (Node's rule for `rejects`). */
function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  if (isPromise(value)) return true
  const candidate = value as { then?: unknown; catch?: unknown } | null
  return (
    candidate !== null &&
    typeof candidate === 'object' &&
    typeof candidate.then === 'function' &&
    typeof candidate.catch === 'function'
  )
}

async function waitForRejection(promiseFn: unknown): Promise<Outcome> {
  let promise: unknown
  if (typeof promiseFn === 'function') {
    // A synchronous throw rejects the assertion with that error, unchecked, as in Node.
    promise = promiseFn()
    if (!isPromiseLike(promise))
      throw invalidReturnValue('instance of Promise', 'promiseFn', promise)
  } else if (isPromiseLike(promiseFn)) {
    promise = promiseFn
  } else {
    throw invalidArgType('promiseFn', ['Function', 'Promise'], promiseFn)
  }
  try {
    await promise
  } catch (reason) {
    return reason
  }
  return nothingThrown
}

/**
 * The checks of `throws`/`rejects` once the outcome is known. `args` are the caller's
 * `[error, message]`; a string `error` is the message (unless a message follows it).
 */
function expectsError(fn: typeof throws | typeof rejects, actual: Outcome, args: unknown[]) {
  let [error, message] = args
  if (typeof error === 'string') {
    if (args.length === 2) throw invalidArgType('error', errorKinds, error)
    if (typeof actual === 'object' && actual !== null) {
      const actualMessage = (actual as { message?: unknown }).message
      if (actualMessage === error) {
        throw ambiguousArgument(
          'error/message',
          `The error message "${actualMessage}" is identical to the message.`,
        )
      }
    } else if (actual === error) {
      throw ambiguousArgument('error/message', `The error "${actual}" is identical to the message.`)
    }
    message = error
    error = undefined
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw invalidArgType('error', errorKinds, error)
  }

  if (actual === nothingThrown) {
    let details = ''
    const name = (error as { name?: unknown } | undefined)?.name
    if (error && name) details += ` (${name})`
    details += message ? `: ${message}` : '.'
    const kind = fn === rejects ? 'rejection' : 'exception'
    innerFail({
      actual: undefined,
      expected: error,
      operator: fn.name,
      message: `Missing expected ${kind}${details}`,
      stackStartFn: fn,
    })
  }
  if (!error) return
  expectedException(actual, error as object, message, fn)
}

/** The checks of `doesNotThrow`/`doesNotReject` once the outcome is known. */
function expectsNoError(
  fn: typeof doesNotThrow | typeof doesNotReject,
  actual: Outcome,
  args: unknown[],
) {
  if (actual === nothingThrown) return
  let [error, message] = args
  if (typeof error === 'string') {
    message = error
    error = undefined
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.'
    const kind = fn === doesNotReject ? 'rejection' : 'exception'
    const actualMessage = (actual as { message?: unknown } | null | undefined)?.message
    innerFail({
      actual,
      expected: error,
      operator: fn.name,
      message: `Got unwanted ${kind}${details}\nActual message: "${actual && actualMessage}"`,
      stackStartFn: fn,
    })
  }
  throw actual
}

/** Expects `fn` to throw, and what it throws to match `error` when given. */
export function throws(fn: unknown, ...args: unknown[]): void {
  expectsError(throws, runForThrow(fn), args)
}

/** Expects the promise (or the promise `fn` returns) to reject, matching `error` when given. */
export async function rejects(promiseFn: unknown, ...args: unknown[]): Promise<void> {
  expectsError(rejects, await waitForRejection(promiseFn), args)
}

/** Expects `fn` not to throw (one that does not match `error` is rethrown as it is). */
export function doesNotThrow(fn: unknown, ...args: unknown[]): void {
  expectsNoError(doesNotThrow, runForThrow(fn), args)
}

/** Expects the promise (or the promise `fn` returns) not to reject. */
export async function doesNotReject(promiseFn: unknown, ...args: unknown[]): Promise<void> {
  expectsNoError(doesNotReject, await waitForRejection(promiseFn), args)
}
