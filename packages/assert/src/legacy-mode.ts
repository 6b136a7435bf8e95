/**
 * The named exports of `@daebug/assert` (`node:assert`), typed: each is the very function that
 * `assert` carries under the same name.
 */

import { assert, assertStrict } from './assert.js'
import type { AssertMethods, AssertStrict } from './assert-types.js'

export { AssertionError } from './assertion-error.js'

/** Tests that `value` is truthy; `assert(value)` is the same call. */
export const ok: AssertMethods['ok'] = assert.ok
/** Tests `actual == expected` (or both `NaN`). */
export const equal: AssertMethods['equal'] = assert.equal
/** Tests `actual != expected` (and not both `NaN`). */
export const notEqual: AssertMethods['notEqual'] = assert.notEqual
/** Tests `Object.is(actual, expected)`. */
export const strictEqual: AssertMethods['strictEqual'] = assert.strictEqual
/** Tests `!Object.is(actual, expected)`. */
export const notStrictEqual: AssertMethods['notStrictEqual'] = assert.notStrictEqual
/** Tests loose deep equality. */
export const deepEqual: AssertMethods['deepEqual'] = assert.deepEqual
/** Tests that the values are not loosely deep-equal. */
export const notDeepEqual: AssertMethods['notDeepEqual'] = assert.notDeepEqual
/** Tests strict deep equality. */
export const deepStrictEqual: AssertMethods['deepStrictEqual'] = assert.deepStrictEqual
/** Tests that the values are not strictly deep-equal. */
export const notDeepStrictEqual: AssertMethods['notDeepStrictEqual'] = assert.notDeepStrictEqual
/** Tests that `actual` holds everything in `expected`, strictly. */
export const partialDeepStrictEqual: AssertMethods['partialDeepStrictEqual'] =
  assert.partialDeepStrictEqual
/** Expects `fn` to throw (matching `error` when given). */
export const throws: AssertMethods['throws'] = assert.throws
/** Expects a promise, or the promise `fn` returns, to reject (matching `error` when given). */
export const rejects: AssertMethods['rejects'] = assert.rejects
/** Expects `fn` not to throw. */
export const doesNotThrow: AssertMethods['doesNotThrow'] = assert.doesNotThrow
/** Expects a promise, or the promise `fn` returns, not to reject. */
export const doesNotReject: AssertMethods['doesNotReject'] = assert.doesNotReject
/** Tests that `string` matches `regexp`. */
export const match: AssertMethods['match'] = assert.match
/** Tests that `string` does not match `regexp`. */
export const doesNotMatch: AssertMethods['doesNotMatch'] = assert.doesNotMatch
/** Throws `value` (as an `AssertionError`) unless it is `null` or `undefined`. */
export const ifError: AssertMethods['ifError'] = assert.ifError
/** Throws an `AssertionError` (`'Failed'` by default). */
export const fail: AssertMethods['fail'] = assert.fail
/** The strict variant, `node:assert/strict`. */
export const strict: AssertStrict = assertStrict
