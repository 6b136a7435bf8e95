/**
 * Node's test events (SPEC §5.2), with node's names and fields, as they cross the wire.
 */

import type { JsonValue } from './messages.js'

// Test events (SPEC §5.2): node's names and fields.

/** Where a test is declared; `file` is the URL the realm imported. */
export interface TestLocation {
  file?: string
  line?: number
  column?: number
}

/** Data of `test:enqueue`, `test:dequeue` and `test:start`. */
export interface TestStartData extends TestLocation {
  name: string
  nesting: number
}

/** A failure as node's reporters see it, made serialisable. */
export interface TestErrorInfo {
  name: string
  message: string
  code?: string
  stack?: string
  /** node's kind of failure: `testCodeFailure`, `hookFailure`, `testTimeoutFailure`, … */
  failureType?: string
  cause?: TestErrorInfo | JsonValue
  expected?: JsonValue
  actual?: JsonValue
  operator?: string
}

/** `details` of `test:pass`, `test:fail` and `test:complete`. */
export interface TestResultDetails {
  duration_ms: number
  type?: 'suite' | 'test'
  error?: TestErrorInfo
}

/** Data of `test:pass` (and of the relay's `test:skip` / `test:todo`). */
export interface TestResultData extends TestStartData {
  testNumber: number
  details: TestResultDetails
  skip?: boolean | string
  todo?: boolean | string
}

/** Data of `test:fail`: `details.error` is always there. */
export interface TestFailData extends TestResultData {
  details: TestResultDetails & { error: TestErrorInfo }
}

/** Data of `test:complete`, sent in declaration order after a test finished. */
export interface TestCompleteData extends TestResultData {
  details: TestResultDetails & { passed: boolean }
}

/** Data of `test:plan`. */
export interface TestPlanData extends TestLocation {
  nesting: number
  count: number
}

/** Data of `test:diagnostic`. */
export interface TestDiagnosticData extends TestLocation {
  nesting: number
  message: string
}

/** The counts of `test:summary`. */
export interface TestCounts {
  tests: number
  suites: number
  passed: number
  failed: number
  cancelled: number
  skipped: number
  todo: number
  topLevel: number
}

/** Zeroed counts, with node's names. */
export function emptyCounts(): TestCounts {
  return {
    tests: 0,
    suites: 0,
    passed: 0,
    failed: 0,
    cancelled: 0,
    skipped: 0,
    todo: 0,
    topLevel: 0,
  }
}

/**
 * The diagnostics node's `run()` ends with, in its order: `tests 12`, `suites 1`, `pass 11`,
 * `fail 1`, `cancelled 0`, `skipped 0`, `todo 0`, `duration_ms 5.25`.
 */
export function countDiagnostics(counts: TestCounts, durationMs: number): string[] {
  return [
    `tests ${counts.tests}`,
    `suites ${counts.suites}`,
    `pass ${counts.passed}`,
    `fail ${counts.failed}`,
    `cancelled ${counts.cancelled}`,
    `skipped ${counts.skipped}`,
    `todo ${counts.todo}`,
    `duration_ms ${durationMs}`,
  ]
}

/** Whether a diagnostic is one of {@link countDiagnostics}' lines. */
export function isCountDiagnostic(message: string): boolean {
  return /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \d+(\.\d+)?$/.test(message)
}

/** Data of `test:summary`, the last event of a run. */
export interface TestSummaryData {
  counts: TestCounts
  duration_ms: number
  success: boolean
  file?: string
  /**
   * Daebug's own field, on the summary the server writes for a run the realm never finished
   * (it disconnected, the run watchdog ended it): why.
   */
  aborted?: string
}

/** Data of `test:stdout` / `test:stderr`: output a test file wrote. */
export interface TestOutputData extends TestLocation {
  message: string
}

/** One event of a test run, as node's `run()` emits it. */
export type TestEvent =
  | { type: 'test:enqueue'; data: TestStartData }
  | { type: 'test:dequeue'; data: TestStartData }
  | { type: 'test:start'; data: TestStartData }
  | { type: 'test:pass'; data: TestResultData }
  | { type: 'test:fail'; data: TestFailData }
  | { type: 'test:plan'; data: TestPlanData }
  | { type: 'test:diagnostic'; data: TestDiagnosticData }
  | { type: 'test:complete'; data: TestCompleteData }
  | { type: 'test:summary'; data: TestSummaryData }
  | { type: 'test:stdout'; data: TestOutputData }
  | { type: 'test:stderr'; data: TestOutputData }

/** The name of a test event. */
export type TestEventType = TestEvent['type']

/** The test event of one type: `TestEventOf<'test:fail'>`. */
export type TestEventOf<K extends TestEventType> = Extract<TestEvent, { type: K }>

/** All test event names, in the order a run emits them. */
export const TEST_EVENT_TYPES: readonly TestEventType[] = [
  'test:enqueue',
  'test:dequeue',
  'test:start',
  'test:plan',
  'test:diagnostic',
  'test:stdout',
  'test:stderr',
  'test:pass',
  'test:fail',
  'test:complete',
  'test:summary',
]

/** A test event tagged with its run, realm and test id: an NDJSON line of `POST /tests/run`. */
export type TestStreamEvent = TestEvent & { runId: string; realm: string; id?: string }
