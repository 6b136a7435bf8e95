/**
 * node:test's module shape: the default export is `test` itself, carrying every other export as
 * a property (`test.describe`, `test.mock`, `test.run`, …), with `mock` made on first use.
 */

import {
  after,
  afterEach,
  before,
  beforeEach,
  describe,
  type HookFunction,
  it,
  type SuiteApi,
  suite,
  type TestApi,
  test,
} from './harness.js'
import { MockTracker } from './mock.js'
import { run } from './run.js'

/**
 * The module-wide mock tracker: `mock.fn()`, `mock.method()`, `mock.restoreAll()`. Unlike `t.mock`,
 * nothing restores its mocks by itself.
 *
 * @example
 * const spy = mock.fn((a, b) => a + b)
 * spy(1, 2)
 * spy.mock.callCount() // 1
 */
export const mock: MockTracker = new MockTracker()

/** `test` as node:test's default export: the function, with the module's exports on it. */
export type NodeTestModule = TestApi & {
  after: HookFunction
  afterEach: HookFunction
  before: HookFunction
  beforeEach: HookFunction
  describe: SuiteApi
  it: TestApi
  mock: MockTracker
  run: typeof run
  suite: SuiteApi
  test: TestApi
}

/** node:test's default export. */
export const nodeTest: NodeTestModule = Object.assign(test, {
  after,
  afterEach,
  before,
  beforeEach,
  describe,
  it,
  mock,
  run,
  suite,
  test,
})
