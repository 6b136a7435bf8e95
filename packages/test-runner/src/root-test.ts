/**
 * The root of one file's tests (or of a standalone run): top-level tests queue here and start a
 * microtask after the first one is declared, as with node:test; when the last one ends the root
 * runs its `after` hooks and tells whoever waits that the file is done.
 */

import type { TestCounts } from '@daebug/protocol'
import { emptyCounts } from '@daebug/protocol'
import { now } from './clock.js'
import { type Hook, runHooks } from './hooks.js'
import type { RunState } from './run-state.js'
import { isTestFailure, TestFailureError } from './test-failure.js'
import { finishRun } from './test-finish.js'
import { Test } from './test-node.js'
import { processPendingSubtests } from './test-run.js'

const RESOLVED: Promise<void> = Promise.resolve()

/** The root test of a file. */
export class RootTest extends Test {
  /** The counts of this file alone. */
  readonly counts: TestCounts = emptyCounts()
  /** The file's name as reported, if the root belongs to a file. */
  readonly file: string | undefined
  /** The number before this file's first top-level test: files of a run number on. */
  readonly numberOffset: number
  allowTestsToRun = false
  /** False once a test of this file failed (todo tests aside) or an error escaped its tests. */
  success = true
  /** Whether a top-level test of this file failed (todo tests too, as node --test counts). */
  topLevelFailed = false
  /** Errors that escaped this file's tests with no test to fail. */
  readonly escapedErrors: unknown[] = []
  /** Set by `collect()`: tests are declared, never started, and hooks never run. */
  readonly collecting: boolean
  /** Under `run()`, tests start a task after they are declared, not a microtask. */
  startsAfterLoad = false
  /** When the file started loading. */
  readonly startTimeOfFile: number = now()
  #scheduled = false
  #idle = false
  #afterHooks: Promise<void> | undefined
  #waiters: (() => void)[] = []
  #batch: Promise<void> | null = null

  constructor(state: RunState, file?: string, collecting = false) {
    super(null, { name: '<root>', options: {}, fn: undefined, state })
    this.file = file
    this.numberOffset = state.topLevelCreated
    this.collecting = collecting
    // Node's root has started when files load: a top-level `before` hook runs when declared.
    if (!collecting) this.startTime = now()
  }

  /**
   * Queues a top-level test; the file's tests start a microtask after the first one is declared
   * (as with node:test), or a task after it under `run()`, once a file that throws while it loads
   * has been seen to fail. The promise resolves once every top-level test queued so far has
   * ended: the tests run in order, so for the one just declared that is when it ends (one
   * promise for all instead of one each).
   */
  startTopLevel(test: Test): Promise<void> {
    this.state.topLevelCreated++
    if (this.collecting) return RESOLVED
    this.#idle = false
    test.start()
    if (!this.#scheduled) {
      this.#scheduled = true
      if (this.startsAfterLoad) setTimeout(this.#startTests, 0)
      else queueMicrotask(this.#startTests)
    }
    this.#batch ??= new Promise((resolve) => this.#waiters.push(resolve))
    return this.#batch
  }

  #startTests = (): void => {
    if (this.allowTestsToRun || this.ended) return
    this.allowTestsToRun = true
    const { pendingSubtests, state } = this
    if (state.stream.listens('test:enqueue')) {
      for (let index = this.pendingIndex; index < pendingSubtests.length; index++) {
        state.emitStart('test:enqueue', pendingSubtests[index]!)
      }
    }
    processPendingSubtests(this)
  }

  /**
   * Forgets the tests of a file that failed to load before they started, as when node:test's
   * process for the file dies while loading it. Returns whether they were forgotten.
   */
  forgetUnstartedTests(): boolean {
    if (this.allowTestsToRun) return false
    this.state.topLevelCreated -= this.subtests.length
    this.subtests = []
    this.clearPending()
    this.waitingOn = 0
    return true
  }

  override subtestEnded(): void {
    if (
      this.activeSubtests === 0 &&
      this.pendingIndex >= this.pendingSubtests.length &&
      (this.readySubtests === null || this.readySubtests.size === 0)
    ) {
      this.#becomeIdle()
    }
  }

  /**
   * Resolves once every top-level test has ended and the root's `after` hooks have run (at once
   * when the file declared no tests).
   */
  whenIdle(): Promise<void> {
    if (this.subtests.length === 0) this.#becomeIdle()
    if (this.#idle) return this.#afterHooks ?? Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Cancels the tests still running or queued (the event loop emptied, or the run ended). */
  cancelUnfinished(message: string): void {
    const error = new TestFailureError(message, 'cancelledByParent')
    this.clearPending()
    for (const test of this.subtests) {
      if (test.finished || test.ended) continue
      if (test.error === null && test.endTime === null) {
        test.fail(error)
        test.cancelled = true
      }
      finishRun(test)
    }
  }

  /** Node reports a failing root `after` hook as a failed test named after the file. */
  reportRootAfterFailure(hook: Hook): void {
    const error = hook.error
    if (isTestFailure(error)) error.failureType = 'hookFailed'
    this.state.success = false
    this.success = false
    this.state.emit('test:fail', {
      name: hook.loc?.file ?? this.file ?? '<root>',
      nesting: 0,
      testNumber: this.numberOffset + this.subtests.length + 1,
      details: { duration_ms: hook.endTime - hook.startTime, error: error as never },
      ...hook.loc,
    })
  }

  #becomeIdle(): void {
    if (this.#idle) return
    this.#idle = true
    this.#batch = null
    const release = (): void => {
      const waiters = this.#waiters
      this.#waiters = []
      for (const resolve of waiters) resolve()
    }
    let pending: Promise<void> | undefined
    try {
      pending =
        this.hooks.after.length > 0
          ? runHooks(this.hooks.after, 'after', this.makeContext())
          : undefined
    } catch {
      pending = undefined
    }
    if (pending === undefined) {
      release()
      return
    }
    this.#afterHooks = pending.then(release, release)
  }
}
