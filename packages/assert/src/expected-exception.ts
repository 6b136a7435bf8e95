/**
 * Whether a thrown value matches what `throws`/`rejects` (and `doesNotThrow`/`doesNotReject`)
 * were told to expect, and Node's message when it does not.
 */

import { invalidArgType, invalidArgValue } from './argument-errors.js'
import { AssertionError } from './assertion-error.js'
import { innerFail } from './comparisons.js'
import { isDeepStrictEqual } from './deep-equal.js'
import { inspectDefault } from './preview.js'
import { execRegExp } from './string-match.js'
import { isError, isRegExp } from './value-kinds.js'

// biome-ignore lint/complexity/noBannedTypes: the assertion that failed, any function.
type Assertion = Function
type Keyed = Record<PropertyKey, unknown>

/**
 * The properties of one side of an object validation, shown in the diff: for `expected`, a
 * `RegExp` that matched is replaced by the matched string so that only real differences show.
 */
class Comparison {
  constructor(source: Keyed, keys: PropertyKey[], actual?: Keyed) {
    for (const key of keys) {
      if (!(key in source)) continue
      const value = source[key]
      const actualValue = actual?.[key]
      const matched =
        typeof actualValue === 'string' &&
        isRegExp(value) &&
        execRegExp(value, actualValue) !== null
      ;(this as unknown as Keyed)[key] = matched ? actualValue : value
    }
  }
}

function compareExceptionKey(
  actual: Keyed,
  expected: Keyed,
  key: PropertyKey,
  message: unknown,
  keys: PropertyKey[],
  fn: Assertion,
): void {
  if (key in actual && isDeepStrictEqual(actual[key], expected[key])) return
  if (message) innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn })
  const error = new AssertionError({
    actual: new Comparison(actual, keys),
    expected: new Comparison(expected, keys, actual),
    operator: 'deepStrictEqual',
    stackStartFn: fn,
  })
  error.actual = actual
  error.expected = expected
  error.operator = fn.name
  throw error
}

/** Validation by an object: each of its keys (and `name`, `message` for an error) must match. */
function matchesObject(actual: unknown, expected: object, message: unknown, fn: Assertion) {
  if (typeof actual !== 'object' || actual === null) {
    const error = new AssertionError({
      actual,
      expected,
      message: message as string | undefined,
      operator: 'deepStrictEqual',
      stackStartFn: fn,
    })
    error.operator = fn.name
    throw error
  }
  const keys: PropertyKey[] = Object.keys(expected)
  if (expected instanceof Error) keys.push('name', 'message')
  else if (keys.length === 0) throw invalidArgValue('error', expected, 'may not be an empty object')
  const actualKeyed = actual as Keyed
  const expectedKeyed = expected as Keyed
  for (const key of keys) {
    const actualValue = actualKeyed[key]
    const expectedValue = expectedKeyed[key]
    if (
      typeof actualValue === 'string' &&
      isRegExp(expectedValue) &&
      execRegExp(expectedValue, actualValue) !== null
    ) {
      continue
    }
    compareExceptionKey(actualKeyed, expectedKeyed, key, message, keys, fn)
  }
}

/** `error` is a subclass of this realm's `Error`. */
function isErrorClass(expected: object): boolean {
  return Object.prototype.isPrototypeOf.call(Error, expected)
}

function instanceMessage(actual: unknown, expected: { name: string }): string {
  let message = `The error is expected to be an instance of "${expected.name}". Received `
  if (!isError(actual)) return `${message}"${inspectDefault(actual, -1)}"`
  const name = actual.constructor?.name || actual.name
  message +=
    expected.name === name ? 'an error with identical name but a different prototype.' : `"${name}"`
  if (actual.message) message += `\n\nError message:\n\n${actual.message}`
  return message
}

/**
 * Checks a thrown value against `expected` (a `RegExp`, a class, a validation function, an
 * object or an error) and throws Node's `AssertionError` when it does not match.
 */
export function expectedException(
  actual: unknown,
  expected: object,
  message: unknown,
  fn: Assertion,
): void {
  let generated = false
  if (typeof expected !== 'function') {
    if (!isRegExp(expected)) {
      matchesObject(actual, expected, message, fn)
      return
    }
    const input = String(actual)
    if (execRegExp(expected, input) !== null) return
    if (!message) {
      generated = true
      message = `The input did not match the regular expression ${inspectDefault(expected)}. Input:\n\n${inspectDefault(input)}\n`
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return
  } else if (isErrorClass(expected)) {
    if (!message) {
      generated = true
      message = instanceMessage(actual, expected)
    }
  } else {
    const result = Reflect.apply(expected, {}, [actual])
    if (result === true) return
    if (!message) {
      generated = true
      const name = expected.name ? `"${expected.name}" ` : ''
      message = `The ${name}validation function is expected to return "true". Received ${inspectDefault(result)}`
      if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`
    }
  }
  const error = new AssertionError({
    actual,
    expected,
    message: message as string | undefined,
    operator: fn.name,
    stackStartFn: fn,
  })
  error.generatedMessage = generated
  throw error
}

/** For `doesNotThrow`/`doesNotReject`: whether the thrown value is the kind they refuse. */
export function hasMatchingError(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return execRegExp(expected, String(actual)) !== null
    throw invalidArgType('expected', ['Function', 'RegExp'], expected)
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true
  if (isErrorClass(expected)) return false
  return Reflect.apply(expected, {}, [actual]) === true
}
