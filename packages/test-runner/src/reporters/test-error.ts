/**
 * Test failures as Node's reporters print them. An event that crossed the wire carries its error
 * as a plain `TestErrorInfo` (`{name, message, stack, …own enumerable properties}`);
 * {@link reviveTestError} makes it an error again, so that protocol's `inspect` prints it as
 * `util.inspect` printed the original. {@link toTestErrorInfo} is the way back, for JSON.
 */
import {
  fieldOf,
  type InspectOptions,
  inspect,
  isError,
  type TestErrorInfo,
} from '@daebug/protocol'

export { fieldOf, isError, toTestErrorInfo } from '@daebug/protocol'

/** `util.inspect`'s defaults with the `breakLength: Infinity` of Node's reporters. */
const NODE_REPORTER_INSPECT: InspectOptions = {
  depth: 2,
  breakLength: Infinity,
  maxItems: 100,
  maxStringLength: 10_000,
  maxLength: Infinity,
}

const SHOWN_BY_STACK = new Set(['name', 'message', 'stack'])

type Fields = Record<string, unknown>

function isErrorInfo(value: unknown): value is TestErrorInfo & Fields {
  if (typeof value !== 'object' || value === null || isError(value)) return false
  const { name, message } = value as Fields
  return typeof name === 'string' && typeof message === 'string'
}

/** A prototype whose constructor is named `name`, so that `inspect` sees the original class. */
function errorPrototype(name: string): object {
  const builtin = (globalThis as Fields)[name]
  if (
    typeof builtin === 'function' &&
    (builtin === Error || builtin.prototype instanceof Error) &&
    builtin.name === name
  ) {
    return builtin.prototype as object
  }
  const named = { [name]: class extends Error {} }
  return named[name]!.prototype
}

function defineData(target: object, key: string, value: unknown, enumerable: boolean): void {
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true })
}

/**
 * Turns a serialised error (`{name, message, stack, …}`, its `cause` too) back into an error
 * whose class name, stack and own enumerable properties are those of the original; anything
 * else is returned as it is. `name`, `message` and `stack` are not enumerable, as on real errors;
 * `cause` is enumerable only on Node's `ERR_TEST_FAILURE` wrapper, which assigns it.
 */
export function reviveTestError(value: unknown): unknown {
  if (!isErrorInfo(value)) return value
  const error = new Error(value.message)
  Object.setPrototypeOf(error, errorPrototype(value.name))
  defineData(error, 'name', value.name, false)
  defineData(error, 'stack', value.stack, false)
  const assignsCause = value.code === 'ERR_TEST_FAILURE'
  for (const [key, field] of Object.entries(value)) {
    if (SHOWN_BY_STACK.has(key)) continue
    if (key === 'cause') defineData(error, key, reviveTestError(field), assignsCause)
    else defineData(error, key, field, true)
  }
  return error
}

/** Errors of node:assert and @daebug/assert: their `util.inspect.custom` hook shows depth 0. */
function isNodeAssertion(value: unknown): value is Error & Fields {
  return (
    isError(value) &&
    fieldOf(value, 'name') === 'AssertionError' &&
    fieldOf(value, 'code') === 'ERR_ASSERTION'
  )
}

/** node:assert's `addEllipsis`, kept as it is (it keeps the end of strings over 512 characters). */
function addEllipsis(text: string): string {
  const lines = text.split('\n', 11)
  if (lines.length > 10) return `${lines.slice(0, 10).join('\n')}\n...`
  if (text.length > 512) return `${text.slice(512)}...`
  return text
}

/** Runs `print` with long `actual`/`expected` strings shortened, as the assertion's hook does. */
function withShortStrings(error: Fields, print: () => string): string {
  const { actual, expected } = error
  try {
    if (typeof actual === 'string') error.actual = addEllipsis(actual)
    if (typeof expected === 'string') error.expected = addEllipsis(expected)
  } catch {}
  try {
    return print()
  } finally {
    try {
      error.actual = actual
      error.expected = expected
    } catch {}
  }
}

/**
 * A thrown value as Node's reporters print it (`util.inspect` with `breakLength: Infinity`):
 * an assertion error at depth 0 (its inspect hook), everything else at depth 2.
 */
export function inspectTestError(value: unknown): string {
  const error = reviveTestError(value)
  if (isNodeAssertion(error)) {
    return withShortStrings(error, () => inspect(error, { ...NODE_REPORTER_INSPECT, depth: 0 }))
  }
  const cause = fieldOf(error, 'cause')
  if (isError(error) && isNodeAssertion(cause)) {
    const others = Object.keys(error).filter((key) => key !== 'cause')
    const flat = others.every((key) => {
      const field = fieldOf(error, key)
      return typeof field !== 'object' || field === null
    })
    // The hook prints the cause's properties at depth 0, one level below the wrapper: the same
    // as depth 1 for the whole wrapper, as long as the wrapper has no other object to show.
    if (flat)
      return withShortStrings(cause, () => inspect(error, { ...NODE_REPORTER_INSPECT, depth: 1 }))
  }
  return inspect(error, NODE_REPORTER_INSPECT)
}

/** A value's text the way Node's TAP reporter prints a YAML scalar. */
export function inspectScalar(value: unknown): string {
  return inspect(value, NODE_REPORTER_INSPECT)
}
