/**
 * The assert module put together as Node's is: the default export is `ok` itself carrying every
 * method as a property, and `assert.strict` is a separate function carrying the same methods
 * with the strict comparisons in place of the loose ones (`equal` is `strictEqual`, …).
 */

import type { Assert, AssertStrict } from './assert-types.js'
import { AssertionError } from './assertion-error.js'
import {
  deepEqual,
  deepStrictEqual,
  equal,
  fail,
  ifError,
  innerOk,
  notDeepEqual,
  notDeepStrictEqual,
  notEqual,
  notStrictEqual,
  ok,
  partialDeepStrictEqual,
  strictEqual,
} from './comparisons.js'
import { doesNotReject, doesNotThrow, rejects, throws } from './exceptions.js'
import { doesNotMatch, match } from './string-match.js'

/** Tests that `value` is truthy (the strict variant's own function; Node names it `strict`). */
function strict(...args: unknown[]): void {
  innerOk(strict, args)
}

// The properties in Node's order, so that listing the module's keys gives Node's list.
const methods = {
  fail,
  AssertionError,
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  strictEqual,
  notStrictEqual,
  partialDeepStrictEqual,
  throws,
  rejects,
  doesNotThrow,
  doesNotReject,
  ifError,
  match,
  doesNotMatch,
}

/** The strict variant, `node:assert/strict`. */
export const assertStrict: AssertStrict = Object.assign(strict, methods, {
  equal: strictEqual,
  notEqual: notStrictEqual,
  deepEqual: deepStrictEqual,
  notDeepEqual: notDeepStrictEqual,
}) as unknown as AssertStrict
assertStrict.strict = assertStrict

/** The assert module, `node:assert`: `assert(value)` tests that `value` is truthy. */
export const assert: Assert = Object.assign(ok, methods, { strict: assertStrict }) as Assert
