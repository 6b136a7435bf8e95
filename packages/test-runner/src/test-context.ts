/**
 * The context a test's function receives (`t`), as node:test's `TestContext`: subtests, skip and
 * todo, plans, diagnostics, hooks for its subtests, `t.assert` and `t.mock`.
 */

import assert from '@daebug/assert'
import type { TestLocation } from '@daebug/protocol'
import { checkUint32 } from './argument-errors.js'
import type { HookOptions } from './hooks.js'
import { callerLocation } from './location.js'
import { MockTracker } from './mock.js'
import { TestFailureError } from './test-failure.js'
import { Test } from './test-node.js'
import type { TestFn, TestInit, TestOptions } from './test-options.js'
import { readRegistration } from './test-options.js'
import { startSubtest } from './test-run.js'

/** The assertions of `t.assert`: node:assert's, each counted by `t.plan()`. */
export type TestAssert = Pick<
  typeof assert,
  | 'deepEqual'
  | 'deepStrictEqual'
  | 'doesNotMatch'
  | 'doesNotReject'
  | 'doesNotThrow'
  | 'equal'
  | 'fail'
  | 'ifError'
  | 'match'
  | 'notDeepEqual'
  | 'notDeepStrictEqual'
  | 'notEqual'
  | 'notStrictEqual'
  | 'ok'
  | 'partialDeepStrictEqual'
  | 'rejects'
  | 'strictEqual'
  | 'throws'
>

const ASSERT_METHODS: readonly (keyof TestAssert)[] = [
  'deepEqual',
  'deepStrictEqual',
  'doesNotMatch',
  'doesNotReject',
  'doesNotThrow',
  'equal',
  'fail',
  'ifError',
  'match',
  'notDeepEqual',
  'notDeepStrictEqual',
  'notEqual',
  'notStrictEqual',
  'ok',
  'partialDeepStrictEqual',
  'rejects',
  'strictEqual',
  'throws',
]

const RESOLVED: Promise<void> = Promise.resolve()

/** What `test('name', (t) => …)` gives its function. */
export class TestContext {
  #test: Test
  #assert: TestAssert | undefined

  constructor(test: Test) {
    this.#test = test
  }

  /** Aborted when the test ends, times out or is cancelled. */
  get signal(): AbortSignal {
    return this.#test.signal
  }

  /** The test's name. */
  get name(): string {
    return this.#test.name
  }

  /** The test's name after its ancestors' names, joined with ` > `. */
  get fullName(): string {
    return this.#test.fullName
  }

  /** Why the test failed so far, or null. */
  get error(): unknown {
    return this.#test.error
  }

  /** Whether the test has passed (false while it runs). */
  get passed(): boolean {
    return this.#test.passed
  }

  /** Adds a line to the test's report (`test:diagnostic`, after its result). */
  diagnostic(message: string): void {
    this.#test.diagnostic(message)
  }

  /** Requires `count` assertions (through `t.assert`) and subtests before the test ends. */
  plan(count: number): void {
    if (this.#test.plan !== null) {
      throw new TestFailureError('cannot set plan more than once', 'testCodeFailure')
    }
    checkUint32(count, 'count')
    this.#test.plan = { expected: count, actual: 0 }
  }

  /** node:assert's assertions, counted by {@link plan}. */
  get assert(): TestAssert {
    if (this.#assert === undefined) {
      const test = this.#test
      const methods: Record<string, unknown> = Object.create(null)
      for (const name of ASSERT_METHODS) {
        const method = assert[name] as (...args: unknown[]) => unknown
        if (typeof method !== 'function') continue
        methods[name] = (...args: unknown[]) => {
          if (test.plan !== null) test.plan.actual++
          return method.apply(assert, args)
        }
      }
      this.#assert = methods as unknown as TestAssert
    }
    return this.#assert
  }

  /** Mocks that this test restores when it ends. */
  get mock(): MockTracker {
    this.#test.mock ??= new MockTracker()
    return this.#test.mock
  }

  /** With `only` filtering on, runs only the subtests marked `only`. */
  runOnly(value: boolean): void {
    this.#test.runOnlySubtests = Boolean(value)
  }

  /** Marks the test as skipped (it goes on running; its result is reported as a skip). */
  skip(message?: string): void {
    this.#test.skip(message)
  }

  /** Marks the test as to do: its failure does not fail the run. */
  todo(message?: string): void {
    this.#test.todo(message)
  }

  // biome-ignore lint/complexity/noBannedTypes: V8's API takes any function.
  #callerLocation(api: Function): TestLocation | undefined {
    return this.#test.state.recordsLocations ? callerLocation(api) : undefined
  }

  /** Runs a subtest; await it (a subtest still running when its parent ends is cancelled). */
  test(
    name?: string | TestOptions | TestFn,
    options?: TestOptions | TestFn,
    fn?: TestFn,
  ): Promise<void> {
    const loc = this.#callerLocation(this.test)
    const test = this.#test
    if (test.plan !== null) test.plan.actual++
    const init: TestInit = readRegistration(name, options, fn)
    init.loc = loc
    return startSubtest(test.createSubtest(Test, init)) ?? RESOLVED
  }

  /** Runs `fn` once before this test's subtests. */
  before(fn: TestFn, options?: HookOptions): void {
    const loc = this.#callerLocation(this.before)
    this.#test.createHook('before', fn, options ?? {}, loc)
  }

  /** Runs `fn` once after this test's subtests. */
  after(fn: TestFn, options?: HookOptions): void {
    const loc = this.#callerLocation(this.after)
    this.#test.createHook('after', fn, options ?? {}, loc)
  }

  /** Runs `fn` before each of this test's subtests. */
  beforeEach(fn: TestFn, options?: HookOptions): void {
    const loc = this.#callerLocation(this.beforeEach)
    this.#test.createHook('beforeEach', fn, options ?? {}, loc)
  }

  /** Runs `fn` after each of this test's subtests. */
  afterEach(fn: TestFn, options?: HookOptions): void {
    const loc = this.#callerLocation(this.afterEach)
    this.#test.createHook('afterEach', fn, options ?? {}, loc)
  }
}
