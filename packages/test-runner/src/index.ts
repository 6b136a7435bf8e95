/**
 * @module
 * `@daebug/test-runner`: node:test for every realm (SPEC §5). The same API as `node:test`
 * (`test`, `describe`, hooks, `mock`, `run`), the same events in the same order, with no
 * `node:*` import: it runs unchanged in browsers, workers, Node, Bun and Deno. A file that
 * imports it and is loaded on its own runs its tests and prints a report; under `run()` it waits.
 *
 * @example
 * import { describe, it } from '@daebug/test-runner'
 * import assert from '@daebug/assert'
 * describe('math', () => {
 *   it('adds', () => assert.equal(1 + 1, 2))
 * })
 */
export type {
  TestCounts,
  TestEvent,
  TestEventOf,
  TestEventType,
  TestFailData,
  TestResultData,
  TestStartData,
  TestSummaryData,
} from '@daebug/protocol'
export { ArgumentError, type ArgumentErrorCode } from './argument-errors.js'
export { type CollectedTest, collect } from './collect.js'
export {
  after,
  afterEach,
  before,
  beforeEach,
  describe,
  type HookFunction,
  it,
  type SuiteApi,
  type SuiteFunction,
  suite,
  type TestApi,
  type TestFunction,
  test,
} from './harness.js'
export type { HookOptions } from './hooks.js'
export {
  type Mock,
  type MockCall,
  MockFunctionContext,
  type MockMethodOptions,
  type MockOptions,
  MockTracker,
} from './mock.js'
export { mock, type NodeTestModule, nodeTest as default } from './node-test-module.js'
export { type RunOptions, run } from './run.js'
export type { SuiteContext } from './suite-context.js'
export type { TestAssert, TestContext } from './test-context.js'
export { type FailureType, TestAbortError, TestFailureError } from './test-failure.js'
export type { RunEnvironment } from './test-files.js'
export type { DoneCallback, SuiteFn, TestFn, TestOptions } from './test-options.js'
export { type TestEventListener, TestsStream } from './tests-stream.js'
