/**
 * @module
 * `@daebug/assert/strict`: what `node:assert/strict` maps to. The default export is the strict
 * variant (`equal` is `strictEqual`, `deepEqual` is `deepStrictEqual`, …); the named exports are
 * its methods.
 *
 * @example
 * import assert from '@daebug/assert/strict'
 * assert.equal(1, 1)
 */
export { assertStrict as default } from './assert.js'
export type { Assert, AssertPredicate, AssertStrict } from './assert-types.js'
export type { AssertionErrorOptions } from './assertion-error.js'
export * from './strict-mode.js'
