/**
 * The types of the assert module: the `assert` function with its methods, and its strict
 * variant, typed like `@types/node`'s `node:assert` so that narrowing works the same.
 */

import type { AssertionError } from './assertion-error.js'

/** A class whose instances `throws`/`rejects` accept. */
// biome-ignore lint/suspicious/noExplicitAny: any constructor, as in @types/node.
export type ErrorClass = abstract new (...args: any[]) => object

/** What a thrown value is checked against: a class, a `RegExp`, a validation function, an object. */
export type AssertPredicate = RegExp | ErrorClass | ((thrown: unknown) => unknown) | object | Error

/** The message argument: a text, or an `Error` to throw instead of the `AssertionError`. */
export type Message = string | Error

/** `throws` and its overloads. */
export interface Throws {
  (fn: () => unknown, message?: Message): void
  (fn: () => unknown, error: AssertPredicate, message?: Message): void
}

/** `rejects` / `doesNotReject`. */
export interface Rejects {
  (promiseFn: (() => Promise<unknown>) | Promise<unknown>, message?: Message): Promise<void>
  (
    promiseFn: (() => Promise<unknown>) | Promise<unknown>,
    error: AssertPredicate,
    message?: Message,
  ): Promise<void>
}

/** `doesNotThrow`. */
export interface DoesNotThrow {
  (fn: () => unknown, message?: Message): void
  (fn: () => unknown, error: AssertPredicate, message?: Message): void
}

/** `fail`, with its deprecated five-argument form. */
export interface Fail {
  (message?: Message): never
  (
    actual: unknown,
    expected: unknown,
    message?: Message,
    operator?: string,
    // biome-ignore lint/complexity/noBannedTypes: any function, as in Node's signature.
    stackStartFn?: Function,
  ): never
}

/** Every method of the assert module, in legacy (loose) mode. */
export interface AssertMethods {
  ok(value: unknown, message?: Message): asserts value
  equal(actual: unknown, expected: unknown, message?: Message): void
  notEqual(actual: unknown, expected: unknown, message?: Message): void
  deepEqual(actual: unknown, expected: unknown, message?: Message): void
  notDeepEqual(actual: unknown, expected: unknown, message?: Message): void
  deepStrictEqual<T>(actual: unknown, expected: T, message?: Message): asserts actual is T
  notDeepStrictEqual(actual: unknown, expected: unknown, message?: Message): void
  strictEqual<T>(actual: unknown, expected: T, message?: Message): asserts actual is T
  notStrictEqual(actual: unknown, expected: unknown, message?: Message): void
  partialDeepStrictEqual(actual: unknown, expected: unknown, message?: Message): void
  throws: Throws
  rejects: Rejects
  doesNotThrow: DoesNotThrow
  doesNotReject: Rejects
  ifError(value: unknown): asserts value is null | undefined
  match(value: string, regexp: RegExp, message?: Message): void
  doesNotMatch(value: string, regexp: RegExp, message?: Message): void
  fail: Fail
  AssertionError: typeof AssertionError
}

/** The strict variant (`node:assert/strict`): `equal` is `strictEqual`, and so on. */
export interface AssertStrict
  extends Omit<AssertMethods, 'equal' | 'notEqual' | 'deepEqual' | 'notDeepEqual'> {
  (value: unknown, message?: Message): asserts value
  equal<T>(actual: unknown, expected: T, message?: Message): asserts actual is T
  notEqual(actual: unknown, expected: unknown, message?: Message): void
  deepEqual<T>(actual: unknown, expected: T, message?: Message): asserts actual is T
  notDeepEqual(actual: unknown, expected: unknown, message?: Message): void
  strict: AssertStrict
}

/** The assert module's default export: `assert(value)` is `assert.ok(value)`. */
export interface Assert extends AssertMethods {
  (value: unknown, message?: Message): asserts value
  strict: AssertStrict
}
