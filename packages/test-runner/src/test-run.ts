/**
 * Running a test as node:test does: its parent's `before` and `beforeEach` hooks, its function
 * (bounded by its timeout), its plan check, then `afterEach` and its own `after` hooks, which
 * also run when it failed. Each step that finishes synchronously is followed at once by the
 * next: a synchronous test runs to its end without a promise or a timer.
 */

import { now } from './clock.js'
import { NO_HOOKS } from './hook-lists.js'
import { type Hook, runHooks } from './hooks.js'
import { pushRunning } from './registration-scope.js'
import type { TestContext } from './test-context.js'
import { abortErrorFor, isTestFailure, TestFailureError } from './test-failure.js'
import { finishRun } from './test-finish.js'
import { callTestFunction } from './test-function.js'
import type { Test } from './test-node.js'

const START = -1
const BEFORE = 0
const BEFORE_EACH = 1
const FUNCTION = 2
const CHECK = 3
const AFTER_EACH = 4
const AFTER = 5
const DONE = 6
const CLEAN_UP = 7
const IN_FLIGHT = 8

/**
 * Queues the test (`test:enqueue`) and, when its parent has room, runs it (`test:dequeue`).
 * Returns nothing when it ran to its end synchronously, else a promise of its end.
 */
export function startTest(test: Test): Promise<void> | undefined {
  const parent = test.parent!
  // A file's first tests are queued as they are declared and announced when the file's tests
  // start (node announces them in that same order, before the first one runs).
  if (!test.root.allowTestsToRun) {
    parent.queueSubtest(test)
    return undefined
  }
  test.state.emitStart('test:enqueue', test)
  if (!parent.hasConcurrency()) {
    parent.queueSubtest(test)
    // The root hands out one promise for all its tests; other parents one per queued test.
    if (parent === test.root) return undefined
    return new Promise((resolve) => {
      test.resolveStart = resolve
    })
  }
  test.state.emitStart('test:dequeue', test)
  return test.run()
}

/** Runs queued subtests while the test has room for them. */
export function processPendingSubtests(test: Test): void {
  if (test.processingPending) return
  test.processingPending = true
  try {
    const pending = test.pendingSubtests
    while (test.pendingIndex < pending.length && test.hasConcurrency()) {
      const next = pending[test.pendingIndex++]!
      test.state.emitStart('test:dequeue', next)
      // A parent that is ending lets its queued subtests call their function, not finish.
      if (test.holdingSubtests) next.beginRun(true)
      else next.run()
    }
    if (test.pendingIndex === pending.length && pending.length > 0) test.clearPending()
  } finally {
    test.processingPending = false
  }
}

/** Marks the test as failed and cancelled (a timeout, an abort, a parent that ended first). */
export function cancelTest(test: Test, error: unknown): void {
  if (test.endTime !== null || test.error !== null) return
  test.fail(
    error ??
      new TestFailureError(
        'test did not finish before its parent and was cancelled',
        'cancelledByParent',
      ),
  )
  test.cancelled = true
  test.abort()
}

/**
 * Whether the test was aborted, by its own signal, its `signal` option or the run's; an aborted
 * test is cancelled with the signal's reason.
 */
export function shouldAbort(test: Test): boolean {
  const outer = test.outerSignal?.aborted ? test.outerSignal : test.state.filters.signal
  if (!test.signalAborted && !outer?.aborted) return false
  cancelTest(test, abortErrorFor(outer?.aborted ? outer : undefined))
  return true
}

/** What a failure becomes: test failures as they are, anything else wrapped. */
function recordFailure(test: Test, error: unknown): void {
  if (!isTestFailure(error)) test.fail(new TestFailureError(error, 'testCodeFailure'))
  else if (error.failureType === 'testTimeoutFailure') cancelTest(test, error)
  else test.fail(error)
}

/**
 * The first part of a run, which node:test does before its first `await`: the test becomes
 * active and, with `withFunction` and no hook to run first, its function is called (the rest
 * waits for {@link resumeTest}).
 */
export function beginTest(test: Test, withFunction: boolean): void {
  test.began = true
  test.parent!.activeSubtests++
  test.startTime ??= now()
  pushRunning(test)
  test.resumeFrom = START
  if (!withFunction) return
  const { hooks } = test.parent!
  if (hooks.before.length > 0 || (hooks.beforeEach.length > 0 && !test.skipped)) return
  const pending = runFrom(test, START, CHECK)
  if (pending !== undefined) {
    test.resumeFrom = IN_FLIGHT
    test.inFlight = pending
  }
}

/** The rest of a test's run, after {@link beginTest}. */
export function resumeTest(test: Test): Promise<void> | undefined {
  if (test.ended) return undefined
  if (test.resumeFrom === IN_FLIGHT) return test.inFlight
  return runFrom(test, test.resumeFrom, DONE)
}

/**
 * Starts a subtest made by a running test (`t.test()`, or `test()` in a test). While the
 * parent's function is still running synchronously, node:test calls the subtest's function at
 * once but finishes the subtest only after the parent's function has returned.
 */
export function startSubtest(test: Test): Promise<void> | undefined {
  const parent = test.parent!
  if (!parent.fnRunning) return test.start()
  test.state.emitStart('test:enqueue', test)
  if (parent.hasConcurrency()) {
    test.state.emitStart('test:dequeue', test)
    beginTest(test, true)
    if (parent.deferredSubtests === null) parent.deferredSubtests = [test]
    else parent.deferredSubtests.push(test)
    if (test.resumeFrom === IN_FLIGHT) return test.inFlight
  } else {
    parent.queueSubtest(test)
  }
  return new Promise((resolve) => {
    test.resolveStart = resolve
  })
}

// Once a test's function has returned, the subtests it began go on. When it returned
// synchronously, node:test's parent ends before any subtest that had not yet called its function
// (or that starts now) can end: those are held, and cancelled when the parent ends.
function releaseSubtests(test: Test, returnedSynchronously: boolean): void {
  const deferred = test.deferredSubtests
  test.holdingSubtests = returnedSynchronously
  if (deferred === null) return
  test.deferredSubtests = null
  for (const subtest of deferred) {
    if (!returnedSynchronously || subtest.resumeFrom !== START) subtest.resumeRun()
  }
}

// Runs the steps from `from` until `until` (exclusive), then stops: the test resumes from there.
// A step threw: the test fails and goes on to its clean-up, now or, in a run that stops early
// (`until`), when it is resumed.
function failBeforeCleanUp(test: Test, error: unknown, until: number): Promise<void> | undefined {
  recordFailure(test, error)
  if (until === DONE) return cleanUp(test)
  test.resumeFrom = CLEAN_UP
  return undefined
}

function runFrom(test: Test, from: number, until: number): Promise<void> | undefined {
  if (from === CLEAN_UP) return cleanUp(test)
  if (from === START) {
    if (shouldAbort(test)) return endTest(test)
    try {
      test.context = test.makeContext() as TestContext
      if (test.plan === null && test.expectedAssertions) test.context.plan(test.expectedAssertions)
    } catch (error) {
      return failBeforeCleanUp(test, error, until)
    }
    from = BEFORE
  }
  return runSteps(test, from, until)
}

function callFunction(test: Test): Promise<void> | undefined {
  test.fnRunning = true
  let result: Promise<void> | undefined
  try {
    result = callTestFunction(test, test.fn, test.context, test.effectiveTimeout)
  } catch (error) {
    test.fnRunning = false
    releaseSubtests(test, true)
    throw error
  }
  test.fnRunning = false
  releaseSubtests(test, result === undefined)
  return result
}

function runHookList(
  hooks: Hook[],
  type: Hook['type'],
  context: unknown,
): Promise<void> | undefined {
  return hooks.length > 0 ? runHooks(hooks, type, context) : undefined
}

function runStep(test: Test, step: number): Promise<void> | undefined {
  const parent = test.parent!
  switch (step) {
    case BEFORE:
      return parent.hooks.before.length > 0
        ? runHooks(parent.hooks.before, 'before', parent.makeContext())
        : undefined
    case BEFORE_EACH:
      return test.skipped
        ? undefined
        : runHookList(parent.hooks.beforeEach, 'beforeEach', test.context)
    case FUNCTION:
      return callFunction(test)
    case CHECK:
      shouldAbort(test)
      test.checkPlan()
      test.pass()
      return undefined
    case AFTER_EACH:
      test.ranAfterEach = true
      return test.skipped
        ? undefined
        : runHookList(parent.hooks.afterEach, 'afterEach', test.context)
    default:
      test.ranAfter = true
      return runHookList(test.hooks.after, 'after', test.context)
  }
}

function runSteps(test: Test, from: number, until: number): Promise<void> | undefined {
  // Most tests have no hooks: only their function and the check remain to run.
  const hookless = test.parent!.hooks === NO_HOOKS && test.hooks === NO_HOOKS
  for (let step = from; step < DONE; step++) {
    if (step === until) {
      test.resumeFrom = until
      return undefined
    }
    if (hookless && step !== FUNCTION && step !== CHECK) {
      if (step === AFTER_EACH) test.ranAfterEach = true
      else if (step === AFTER) test.ranAfter = true
      continue
    }
    let pending: Promise<void> | undefined
    try {
      pending = runStep(test, step)
    } catch (error) {
      return failBeforeCleanUp(test, error, until)
    }
    if (pending !== undefined) {
      const next = step + 1
      return pending.then(
        () => runSteps(test, next, DONE),
        (error: unknown) => {
          recordFailure(test, error)
          return cleanUp(test)
        },
      )
    }
  }
  return endTest(test)
}

// After a failure, afterEach and after hooks still run (once); their own errors are ignored.
function cleanUp(test: Test): Promise<void> | undefined {
  for (const step of [AFTER_EACH, AFTER]) {
    if (step === AFTER_EACH ? test.ranAfterEach : test.ranAfter) continue
    let pending: Promise<void> | undefined
    try {
      pending = runStep(test, step)
    } catch {
      continue
    }
    if (pending !== undefined)
      return pending.then(
        () => cleanUp(test),
        () => cleanUp(test),
      )
  }
  return endTest(test)
}

function endTest(test: Test): undefined {
  test.signalAborted = true
  test.controller?.abort()
  finishRun(test)
  return undefined
}
