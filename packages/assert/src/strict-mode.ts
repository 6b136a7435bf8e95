/**
 * The named exports of `@daebug/assert/strict` (`node:assert/strict`), typed: the methods of
 * the strict variant, where `equal` is `strictEqual`, `deepEqual` is `deepStrictEqual`, ….
 */

import { assertStrict } from './assert.js'
import type { AssertStrict } from './assert-types.js'

export { AssertionError } from './assertion-error.js'

/** Tests that `value` is truthy. */
export const ok: AssertStrict['ok'] = assertStrict.ok
/** Tests `Object.is(actual, expected)` (the strict `equal`). */
export const equal: AssertStrict['equal'] = assertStrict.equal
/** Tests `!Object.is(actual, expected)` (the strict `notEqual`). */
export const notEqual: AssertStrict['notEqual'] = assertStrict.notEqual
/** Tests `Object.is(actual, expected)`. */
export const strictEqual: AssertStrict['strictEqual'] = assertStrict.strictEqual
/** Tests `!Object.is(actual, expected)`. */
export const notStrictEqual: AssertStrict['notStrictEqual'] = assertStrict.notStrictEqual
/** Tests strict deep equality (the strict `deepEqual`). */
export const deepEqual: AssertStrict['deepEqual'] = assertStrict.deepEqual
/** Tests that the values are not strictly deep-equal (the strict `notDeepEqual`). */
export const notDeepEqual: AssertStrict['notDeepEqual'] = assertStrict.notDeepEqual
/** Tests strict deep equality. */
export const deepStrictEqual: AssertStrict['deepStrictEqual'] = assertStrict.deepStrictEqual
/** Tests that the values are not strictly deep-equal. */
export const notDeepStrictEqual: AssertStrict['notDeepStrictEqual'] =
  assertStrict.notDeepStrictEqual
/** Tests that `actual` holds everything in `expected`, strictly. */
export const partialDeepStrictEqual: AssertStrict['partialDeepStrictEqual'] =
  assertStrict.partialDeepStrictEqual
/** Expects `fn` to throw (matching `error` when given). */
export const throws: AssertStrict['throws'] = assertStrict.throws
/** Expects a promise, or the promise `fn` returns, to reject (matching `error` when given). */
export const rejects: AssertStrict['rejects'] = assertStrict.rejects
/** Expects `fn` not to throw. */
export const doesNotThrow: AssertStrict['doesNotThrow'] = assertStrict.doesNotThrow
/** Expects a promise, or the promise `fn` returns, not to reject. */
export const doesNotReject: AssertStrict['doesNotReject'] = assertStrict.doesNotReject
/** Tests that `string` matches `regexp`. */
export const match: AssertStrict['match'] = assertStrict.match
/** Tests that `string` does not match `regexp`. */
export const doesNotMatch: AssertStrict['doesNotMatch'] = assertStrict.doesNotMatch
/** Throws `value` (as an `AssertionError`) unless it is `null` or `undefined`. */
export const ifError: AssertStrict['ifError'] = assertStrict.ifError
/** Throws an `AssertionError` (`'Failed'` by default). */
export const fail: AssertStrict['fail'] = assertStrict.fail
/** The strict variant itself. */
export const strict: AssertStrict = assertStrict
