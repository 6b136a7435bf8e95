/**
 * What happens when a test's run ends, as node:test does it: unfinished subtests are cancelled,
 * failed subtests fail their parent, `test:complete` is emitted at once, and the results reach
 * the stream in declaration order: a test reports (`test:start`, `test:plan`, `test:pass` or
 * `test:fail`, its diagnostics) once every earlier sibling, and its parent's turn, has come.
 */

import type { TestCompleteData, TestCounts, TestFailData } from '@daebug/protocol'
import { now } from './clock.js'
import { popRunning } from './registration-scope.js'
import { resultData, resultDetails } from './test-events.js'
import { TestFailureError } from './test-failure.js'
import type { Test } from './test-node.js'
import { cancelTest, processPendingSubtests } from './test-run.js'

/** Ends a test's run (node's `postRun`); does nothing the second time. */
export function finishRun(test: Test): void {
  if (test.ended) return
  test.ended = true
  test.endTime ??= now()
  test.startTime ??= test.endTime
  popRunning(test)
  if (test.pendingSubtests.length > 0) test.clearPending()
  let failed = 0
  const { subtests } = test
  for (let index = 0; index < subtests.length; index++) {
    const subtest = subtests[index]!
    if (!subtest.finished && !subtest.ended) {
      cancelTest(subtest, undefined)
      finishRun(subtest)
    }
    if (!subtest.passed && !subtest.isTodo) failed++
  }
  if ((test.passed || test.parent === null) && failed > 0) {
    const message = `${failed} subtest${failed > 1 ? 's' : ''} failed`
    test.fail(new TestFailureError(message, 'subtestsFailed'))
  }
  test.detachSignal()
  test.mock?.reset()
  const parent = test.parent
  if (parent === null) return
  if (test.state.stream.listens('test:complete')) {
    const details = { ...resultDetails(test), passed: test.passed }
    test.state.emit('test:complete', resultData(test, details) as TestCompleteData)
  }
  if (test.began) parent.activeSubtests--
  parent.completedSubtests++
  addReadySubtest(parent, test)
  processPendingSubtests(parent)
  test.resolveStart?.()
  parent.subtestEnded()
}

function addReadySubtest(parent: Test, test: Test): void {
  // The usual case, the next test in line finishing, needs no bookkeeping.
  if (
    test.testNumber === parent.waitingOn &&
    (parent.readySubtests === null || parent.readySubtests.size === 0) &&
    isClearToSend(parent)
  ) {
    finalize(test)
    return
  }
  parent.readySubtests ??= new Map()
  parent.readySubtests.set(test.testNumber, test)
  processReadySubtestRange(parent, false)
}

/** Reports the finished subtests that are next in line, if it is the test's turn. */
function processReadySubtestRange(test: Test, canSend: boolean): void {
  const ready = test.readySubtests
  if (ready === null) return
  const start = test.waitingOn
  const end = start + ready.size
  for (let number = start; number < end; number++) {
    const subtest = ready.get(number)
    if (subtest === undefined) return
    canSend ||= isClearToSend(test)
    if (!canSend) return
    finalize(subtest)
    ready.delete(number)
  }
}

function isClearToSend(test: Test): boolean {
  const { parent } = test
  return parent === null || (parent.waitingOn === test.testNumber && isClearToSend(parent))
}

function finalize(test: Test): void {
  processReadySubtestRange(test, true)
  report(test)
  test.parent!.waitingOn++
  test.finished = true
}

function count(counts: TestCounts, test: Test): void {
  if (test.nesting === 0) counts.topLevel++
  if (test.reportedType === 'suite') {
    counts.suites++
    return
  }
  if (test.skipped) counts.skipped++
  else if (test.isTodo) counts.todo++
  else if (test.cancelled) counts.cancelled++
  else if (!test.passed) counts.failed++
  else counts.passed++
  counts.tests++
}

function report(test: Test): void {
  const { state, loc } = test
  count(state.counts, test)
  count(test.root.counts, test)
  if (test.subtests.length > 0) {
    const plan = { nesting: test.subtests[0]!.nesting, count: test.subtests.length, ...loc }
    state.emit('test:plan', plan)
  } else {
    reportStarted(test)
  }
  const data = resultData(test, resultDetails(test))
  if (test.passed) {
    state.emit('test:pass', data)
  } else {
    if (test.parent === test.root) test.root.topLevelFailed = true
    if (!test.isTodo) {
      state.success = false
      test.root.success = false
    }
    state.emit('test:fail', data as TestFailData)
  }
  if (test.diagnostics !== null) {
    for (const message of test.diagnostics) {
      state.emit('test:diagnostic', { nesting: test.nesting, message, ...loc })
    }
  }
}

function reportStarted(test: Test): void {
  if (test.reportedStart || test.parent === null) return
  test.reportedStart = true
  reportStarted(test.parent)
  test.state.emitStart('test:start', test)
}
