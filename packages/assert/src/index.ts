/**
 * @module
 * `@daebug/assert`: node:assert for every realm (SPEC §6). Node 20's assertions, messages,
 * diffs and errors, with no `node:*` import and no dependency, for browsers, workers, Node, Bun
 * and Deno. `@daebug/assert/strict` is `node:assert/strict`.
 *
 * @example
 * import assert from '@daebug/assert'
 * assert.deepStrictEqual({ a: [1, 2] }, { a: [1, 2] })
 */
export { assert as default } from './assert.js'
export type { Assert, AssertPredicate, AssertStrict } from './assert-types.js'
export type { AssertionErrorOptions } from './assertion-error.js'
export * from './legacy-mode.js'
