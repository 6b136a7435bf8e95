/**
 * The value assertions of node:assert: `ok`, the (deep) (strict) (not) equal family,
 * `partialDeepStrictEqual`, `ifError` and `fail`. Each checks its
 * arguments like Node and throws an `AssertionError` that starts its stack at the caller.
 */

import { missingArgs } from './argument-errors.js'
import { AssertionError, type AssertionErrorOptions } from './assertion-error.js'
import { isDeepEqual, isDeepStrictEqual, isPartialDeepStrictEqual } from './deep-equal.js'
import { inspectDefault } from './preview.js'
import { isError } from './value-kinds.js'

// biome-ignore lint/complexity/noBannedTypes: the stack start is any function.
type StackStart = Function

/** What a failed assertion reports; `message` is whatever the caller passed. */
export interface Failure extends Omit<AssertionErrorOptions, 'message'> {
  message: unknown
}

/** The failure of an assertion: a message that is an `Error` is thrown as it is. */
export function innerFail(failure: Failure): never {
  if (failure.message instanceof Error) throw failure.message
  throw new AssertionError(failure as AssertionErrorOptions)
}

/**
 * `assert(value)` / `ok(value)`. Node quotes the failing call from the caller's source file;
 * a browser cannot read it synchronously, so the message is Node's fallback for code without a
 * readable source (`eval`, `new Function`): `0 == true`.
 */
export function innerOk(fn: StackStart, args: unknown[]): void {
  const [value, message] = args
  if (value) return
  let text: unknown = message
  let generated = false
  if (args.length === 0) {
    generated = true
    text = 'No value argument passed to `assert.ok()`'
  } else if (message == null) {
    generated = true
  } else if (isError(message)) {
    throw message
  }
  const error = new AssertionError({
    actual: value,
    expected: true,
    message: text as string | undefined,
    operator: '==',
    stackStartFn: fn,
  })
  error.generatedMessage = generated
  throw error
}

/** Tests that `value` is truthy. */
export function ok(...args: unknown[]): void {
  innerOk(ok, args)
}

/** Tests `actual == expected` (or both `NaN`). */
export function equal(actual: unknown, expected: unknown, message?: string | Error): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  // biome-ignore lint/suspicious/noDoubleEquals: equal() is defined by `==`.
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal })
  }
}

/** Tests `actual != expected` (and not both `NaN`). */
export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  // biome-ignore lint/suspicious/noDoubleEquals: notEqual() is defined by `==`.
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual })
  }
}

/** Tests `Object.is(actual, expected)`. */
export function strictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (!Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual })
  }
}

/** Tests `!Object.is(actual, expected)`. */
export function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (Object.is(actual, expected)) {
    const stackStartFn = notStrictEqual
    innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn })
  }
}

/** Tests loose deep equality (primitives by `==`, prototypes ignored). */
export function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (!isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual })
  }
}

/** Tests that `actual` and `expected` are not loosely deep-equal. */
export function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual })
  }
}

/** Tests strict deep equality (primitives by `Object.is`, prototypes compared). */
export function deepStrictEqual(
  actual: unknown,
  expected: unknown,
  message?: string | Error,
): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (!isDeepStrictEqual(actual, expected)) {
    const stackStartFn = deepStrictEqual
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn })
  }
}

/** Tests that `actual` and `expected` are not strictly deep-equal. */
export function notDeepStrictEqual(
  actual: unknown,
  expected: unknown,
  message?: string | Error,
): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (isDeepStrictEqual(actual, expected)) {
    const stackStartFn = notDeepStrictEqual
    innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn })
  }
}

/**
 * Tests that `actual` holds everything in `expected`, strictly: extra properties, elements,
 * set members and map entries of `actual` are allowed (current Node's rules).
 */
export function partialDeepStrictEqual(
  actual: unknown,
  expected: unknown,
  message?: string | Error,
): void {
  // biome-ignore lint/complexity/noArguments: Node counts arguments (a passed undefined counts).
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (!isPartialDeepStrictEqual(actual, expected)) {
    const stackStartFn = partialDeepStrictEqual
    innerFail({ actual, expected, message, operator: 'partialDeepStrictEqual', stackStartFn })
  }
}

/**
 * Throws `err` (as an `AssertionError` that keeps `err`'s frames) unless it is `null` or
 * `undefined`: for callbacks' error arguments.
 */
export function ifError(err: unknown): void {
  if (err === null || err === undefined) return
  let message = 'ifError got unwanted exception: '
  const record = err as { message?: unknown; constructor?: { name?: unknown }; stack?: unknown }
  if (typeof err === 'object' && typeof record.message === 'string') {
    message +=
      record.message.length === 0 && record.constructor ? record.constructor.name : record.message
  } else {
    message += inspectDefault(err)
  }
  const error = new AssertionError({
    actual: err,
    expected: null,
    operator: 'ifError',
    message,
    stackStartFn: ifError,
  })
  const originalStack = record.stack
  if (typeof originalStack === 'string' && typeof error.stack === 'string') {
    error.stack = joinStacks(error.stack, originalStack)
  }
  throw error
}

/**
 * The new error's frames down to the first frame the original shares with it, then the
 * original's frames: where `ifError` was called, and where the error was made.
 */
function joinStacks(newStack: string, originalStack: string): string {
  const framesStart = originalStack.indexOf('\n    at')
  if (framesStart === -1) return newStack
  const originalFrames = originalStack.slice(framesStart + 1).split('\n')
  let newFrames = newStack.split('\n')
  for (const frame of originalFrames) {
    const position = newFrames.indexOf(frame)
    if (position !== -1) {
      newFrames = newFrames.slice(0, position)
      break
    }
  }
  return `${newFrames.join('\n')}\n${originalFrames.join('\n')}`
}

let warnedAboutFail = false

/** Node warns once per process that `fail()` with more than one argument is deprecated. */
function warnAboutFailArguments(): void {
  if (warnedAboutFail) return
  warnedAboutFail = true
  const host = globalThis as { process?: { emitWarning?: (...args: string[]) => void } }
  host.process?.emitWarning?.(
    'assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.',
    'DeprecationWarning',
    'DEP0094',
  )
}

/**
 * Throws an `AssertionError` with `message` (`'Failed'` by default), or `message` itself when it
 * is an `Error`. The deprecated form `fail(actual, expected, message, operator, stackStartFn)`
 * is supported too.
 */
export function fail(
  actual?: unknown,
  expected?: unknown,
  message?: string | Error,
  operator?: string,
  stackStartFn?: StackStart,
): never {
  // biome-ignore lint/complexity/noArguments: the deprecated forms are told apart by their count.
  const count = arguments.length
  let text: unknown = message
  let internalMessage = false
  if (actual == null && count <= 1) {
    internalMessage = true
    text = 'Failed'
  } else if (count === 1) {
    text = actual
    actual = undefined
  } else {
    warnAboutFailArguments()
    if (count === 2) operator = '!='
  }
  if (text instanceof Error) throw text
  const error = new AssertionError({
    actual,
    expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message: text as string | undefined,
  })
  if (internalMessage) error.generatedMessage = true
  throw error
}
