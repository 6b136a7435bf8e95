/**
 * One test in the tree: its options, its state, and how its results reach the stream. The
 * reporting is node:test's (`lib/internal/test_runner/test.js`): `test:complete` when a test
 * ends, then `test:start`, `test:plan`, `test:pass`/`test:fail` and its diagnostics in
 * declaration order, as soon as every earlier sibling has reported.
 */

import type { TestLocation, TestStartData } from '@daebug/protocol'
import { checkAbortSignal } from './argument-errors.js'
import { reportEscapedError } from './escaped-errors.js'
import { addHook, type HookLists, inheritHooks, NO_HOOKS } from './hook-lists.js'
import type { Hook, HookOptions, HookType } from './hooks.js'
import type { MockTracker } from './mock.js'
import type { RootTest } from './root-test.js'
import type { RunState } from './run-state.js'
import type { SuiteContext } from './suite-context.js'
import { TestContext } from './test-context.js'
import { abortErrorFor, TestFailureError } from './test-failure.js'
import type { AnyTestFunction } from './test-function.js'
import {
  filteredSkip,
  readConcurrency,
  readTimeout,
  type TestInit,
  type TestPlan,
} from './test-options.js'
import { beginTest, cancelTest, resumeTest, startTest } from './test-run.js'

// Node's no-op is Function.prototype: a function without a name, so it names no test.
const noop = Function.prototype as () => void

// Most tests have no subtests: they share this empty list (frozen, so that a missed copy fails
// loudly) instead of allocating their own.
const NO_TESTS = Object.freeze([]) as unknown as Test[]

function matchesAny(patterns: RegExp[], name: string): boolean {
  for (const pattern of patterns) if (pattern.exec(name) !== null) return true
  return false
}

/** A test (and the base of suites and roots). */
export class Test {
  readonly root: RootTest
  readonly parent: Test | null
  readonly state: RunState
  readonly name: string
  readonly nesting: number
  readonly testNumber: number
  readonly loc: TestLocation | undefined
  fn: AnyTestFunction
  concurrency: number
  timeout: number | null
  only: boolean
  runOnlySubtests: boolean
  skipped: boolean
  isTodo: boolean
  message: string | null | undefined
  hooks: HookLists
  readonly expectedAssertions: number | undefined
  /** Whether the test was declared with `only`. */
  readonly declaredOnly: boolean
  readonly outerSignal: AbortSignal | undefined
  reportedType: 'suite' | undefined = undefined
  /** The data of the test's enqueue, dequeue and start events, made once. */
  startData: TestStartData | null = null
  subtests: Test[] = NO_TESTS
  passed = false
  error: unknown = null
  cancelled = false
  startTime: number | null = null
  endTime: number | null = null
  diagnostics: string[] | null = null
  finished = false
  ended = false
  reportedStart = false
  waitingOn = 0
  readySubtests: Map<number, Test> | null = null
  activeSubtests = 0
  completedSubtests = 0
  pendingSubtests: Test[] = NO_TESTS
  pendingIndex = 0
  processingPending = false
  began = false
  /** Where a begun test's run goes on from (see test-run.ts). */
  resumeFrom = -1
  /** The rest of a run that is already going on asynchronously. */
  inFlight: Promise<void> | undefined = undefined
  /** Whether the test's function is running synchronously right now. */
  fnRunning = false
  /** Subtests begun while the function ran, waiting for it to return. */
  deferredSubtests: Test[] | null = null
  /** The function returned synchronously: the test ends before queued subtests can. */
  holdingSubtests = false
  /** The context the test's function and its `beforeEach`/`afterEach` hooks receive. */
  context: TestContext | null = null
  /** Resolves the promise `start()` returned while the test waited for its turn. */
  resolveStart: (() => void) | null = null
  plan: TestPlan | null = null
  mock: MockTracker | null = null
  controller: AbortController | null = null
  signalAborted = false
  stopWaiting: ((error?: unknown) => void) | null = null
  /** Which cleanup steps ran: afterEach and after run once even when the test fails. */
  ranAfterEach = false
  ranAfter = false

  constructor(parent: Test | null, init: TestInit) {
    const { options, keyword } = init
    let fn = typeof init.fn === 'function' ? (init.fn as AnyTestFunction) : noop
    let name = init.name
    if (typeof name !== 'string' || name === '') name = fn.name || '<anonymous>'
    this.name = name as string
    this.parent = parent
    this.loc = init.loc
    const only = keyword === 'only' ? true : options.only
    let skip: unknown = keyword === 'skip' ? true : options.skip
    const todo: unknown = keyword === 'todo' ? true : options.todo
    if (parent === null) {
      this.root = this as unknown as RootTest
      this.state = init.state!
      this.nesting = 0
      this.testNumber = 0
      this.concurrency = this.state.filters.concurrency
      this.timeout = this.state.filters.timeout
      this.only = this.state.filters.only
      this.runOnlySubtests = this.only
      this.hooks = NO_HOOKS
    } else {
      this.root = parent.root
      this.state = parent.state
      this.nesting = parent.parent === null ? parent.nesting : parent.nesting + 1
      this.testNumber =
        parent.subtests.length + 1 + (parent.parent === null ? this.root.numberOffset : 0)
      this.concurrency = parent.concurrency
      this.timeout = parent.timeout
      this.only = only ?? !parent.runOnlySubtests
      this.runOnlySubtests = !this.only
      this.hooks = inheritHooks(parent)
    }
    const { signal } = options
    this.concurrency = readConcurrency(options.concurrency, this.concurrency)
    this.timeout = readTimeout(options.timeout, this.timeout)
    const { filters } = this.state
    skip = filteredSkip(this, filters, skip)
    if (skip) fn = noop
    checkAbortSignal(signal, 'options.signal')
    this.outerSignal = signal
    if (signal !== undefined) {
      this.#abortHandler = () => {
        cancelTest(this, abortErrorFor(this.outerSignal))
        this.stopWaiting?.()
      }
      signal.addEventListener('abort', this.#abortHandler)
    }
    this.fn = fn
    this.expectedAssertions = options.plan
    this.declaredOnly = only === true
    this.skipped = skip !== undefined && skip !== false
    this.isTodo = todo !== undefined && todo !== false
    this.message = typeof skip === 'string' ? skip : typeof todo === 'string' ? todo : null
    if (!filters.only && (only || this.runOnlySubtests)) {
      this.diagnostic("'only' and 'runOnly' require the --test-only command-line option.")
    }
  }

  /** The number its results report: its place among its siblings. */
  get reportedNumber(): number {
    return this.testNumber
  }

  /** Whether this test's name or an ancestor's matches one of `patterns`. */
  matchesPatterns(patterns: RegExp[]): boolean {
    return (
      matchesAny(patterns, this.name) ||
      (this.parent !== null && this.parent.parent !== null && this.parent.matchesPatterns(patterns))
    )
  }

  /** `parent > child` names up from the top-level test. */
  get fullName(): string {
    let fullName = this.name
    for (let test = this.parent; test !== null && test.parent !== null; test = test.parent) {
      fullName = `${test.name} > ${fullName}`
    }
    return fullName
  }

  /** The test's `AbortSignal`: aborted when it ends, times out, is cancelled or fails from afar. */
  get signal(): AbortSignal {
    if (this.controller === null) {
      this.controller = new AbortController()
      if (this.signalAborted) this.controller.abort()
    }
    return this.controller.signal
  }

  /** Aborts the test's own signal and stops waiting for its function. */
  abort(): void {
    this.signalAborted = true
    this.controller?.abort()
    this.stopWaiting?.()
  }

  // Made only for a test with a `signal` option: most tests have none.
  #abortHandler: (() => void) | null = null

  /** The timeout of the test's function: its own or inherited one, else the realm's default. */
  get effectiveTimeout(): number | null {
    return this.timeout ?? this.state.filters.defaultTimeout
  }

  /** A new context for this test (hooks of its subtests get one each, as in Node). */
  makeContext(): TestContext | SuiteContext {
    return new TestContext(this)
  }

  /** Fails when a plan was set and not met. */
  checkPlan(): void {
    const { plan } = this
    if (plan !== null && plan.actual !== plan.expected) {
      throw new TestFailureError(
        `plan expected ${plan.expected} assertions but received ${plan.actual}`,
        'testCodeFailure',
      )
    }
  }

  /** Stops listening to the `signal` option. */
  detachSignal(): void {
    if (this.#abortHandler !== null)
      this.outerSignal?.removeEventListener('abort', this.#abortHandler)
  }

  /**
   * The error of a `done(error)` node:test would leave in an unobserved promise; node reports it
   * as an uncaught exception that no test owns.
   */
  reportOrphanRejection(error: unknown): void {
    reportEscapedError(this.root, error, 'uncaughtException')
  }

  /** Called after a subtest ended: suites and roots wait for their subtests here. */
  subtestEnded(): void {}

  /** Creates a subtest of this test (or of the root, when this test has already finished). */
  createSubtest<T extends Test>(
    Factory: new (parent: Test, init: TestInit) => T,
    init: TestInit,
  ): T {
    let parent: Test = this
    const tooLate = this.finished || (this as { buildPhaseFinished?: boolean }).buildPhaseFinished
    if (tooLate) parent = this.root
    const test = new Factory(parent, init)
    if (parent.waitingOn === 0) parent.waitingOn = test.testNumber
    if (tooLate) {
      test.fail(
        new TestFailureError(
          'test could not be started because its parent finished',
          'parentAlreadyFinished',
        ),
      )
    }
    if (parent.subtests === NO_TESTS) parent.subtests = [test]
    else parent.subtests.push(test)
    return test
  }

  /** Forgets the queued subtests. */
  clearPending(): void {
    this.pendingSubtests = NO_TESTS
    this.pendingIndex = 0
  }

  /** Queues a subtest that must wait for room (its `start()` found none). */
  queueSubtest(test: Test): void {
    if (this.pendingSubtests === NO_TESTS) this.pendingSubtests = [test]
    else this.pendingSubtests.push(test)
  }

  /** Adds a hook; see {@link addHook}. */
  createHook(
    type: HookType,
    fn: unknown,
    options: HookOptions,
    loc: TestLocation | undefined,
  ): Hook {
    return addHook(this, type, fn, options, loc)
  }

  fail(error: unknown): void {
    if (this.error !== null) return
    this.passed = false
    this.error = error
  }

  pass(): void {
    if (this.error !== null) return
    this.passed = true
  }

  skip(message?: string): void {
    this.skipped = true
    this.message = message
  }

  todo(message?: string): void {
    this.isTodo = true
    this.message = message
  }

  diagnostic(message: string): void {
    if (this.diagnostics === null) this.diagnostics = [message]
    else this.diagnostics.push(message)
  }

  hasConcurrency(): boolean {
    return this.concurrency > this.activeSubtests
  }

  /** Queues or runs the test; see {@link startTest}. */
  start(): Promise<void> | undefined {
    return startTest(this)
  }

  /**
   * The part of a run before node's first `await`: the test counts as active and running, and
   * with `withFunction` its function may already be called.
   */
  beginRun(withFunction = false): void {
    beginTest(this, withFunction)
  }

  /** The rest of the run: hooks, function, cleanup, then the end of the run. */
  resumeRun(): Promise<void> | undefined {
    return resumeTest(this)
  }

  /** Runs the test from start to end. */
  run(): Promise<void> | undefined {
    this.beginRun()
    return this.resumeRun()
  }
}
