/**
 * The functions test files call: `test`/`it`, `describe`/`suite` (each with `.skip`, `.todo`,
 * `.only`) and the hooks. Each call lands where node:test would put it (see
 * registration-scope.ts) and records where it was made.
 */

import type { HookOptions, HookType } from './hooks.js'
import { callerLocation } from './location.js'
import { currentParent } from './registration-scope.js'
import { RootTest } from './root-test.js'
import { Suite } from './suite.js'
import { Test } from './test-node.js'
import type { SuiteFn, TestFn, TestInit, TestKeyword, TestOptions } from './test-options.js'
import { readRegistration } from './test-options.js'
import { startSubtest } from './test-run.js'

const RESOLVED: Promise<void> = Promise.resolve()

/** `test()`/`it()`: `(name?, options?, fn?)` in any of node:test's orders; resolves when done. */
export interface TestFunction {
  (name?: string, fn?: TestFn): Promise<void>
  (name?: string, options?: TestOptions, fn?: TestFn): Promise<void>
  (options?: TestOptions, fn?: TestFn): Promise<void>
  (fn?: TestFn): Promise<void>
}

/** `describe()`/`suite()`: the function runs at once and declares the suite's tests. */
export interface SuiteFunction {
  (name?: string, fn?: SuiteFn): Promise<void>
  (name?: string, options?: TestOptions, fn?: SuiteFn): Promise<void>
  (options?: TestOptions, fn?: SuiteFn): Promise<void>
  (fn?: SuiteFn): Promise<void>
}

/** `test` with its `.skip`, `.todo` and `.only` variants. */
export type TestApi = TestFunction & { skip: TestFunction; todo: TestFunction; only: TestFunction }

/** `describe` with its `.skip`, `.todo` and `.only` variants. */
export type SuiteApi = SuiteFunction & {
  skip: SuiteFunction
  todo: SuiteFunction
  only: SuiteFunction
}

/** A hook function: `before(fn, options?)`. */
export type HookFunction = (fn: TestFn, options?: HookOptions) => void

type Factory = new (parent: Test, init: TestInit) => Test

function register(parent: Test, Factory: Factory, init: TestInit): Promise<void> {
  const test = parent.createSubtest(Factory, init)
  // A test declared in a finished parent lands in the root (createSubtest).
  const owner = test.parent
  if (owner instanceof RootTest) return owner.startTopLevel(test)
  if (owner instanceof Suite) return RESOLVED
  return startSubtest(test) ?? RESOLVED
}

function variant(Factory: Factory, keyword: TestKeyword | undefined): TestFunction {
  const api = (name?: unknown, options?: unknown, fn?: unknown): Promise<void> => {
    const parent = currentParent()
    const init: TestInit = readRegistration(name, options, fn)
    init.keyword = keyword
    init.loc = parent.state.recordsLocations ? callerLocation(api) : undefined
    return register(parent, Factory, init)
  }
  return api as TestFunction
}

function registrar<F extends TestFunction | SuiteFunction>(
  Factory: Factory,
): F & {
  skip: F
  todo: F
  only: F
} {
  return Object.assign(variant(Factory, undefined), {
    skip: variant(Factory, 'skip'),
    todo: variant(Factory, 'todo'),
    only: variant(Factory, 'only'),
  }) as unknown as F & { skip: F; todo: F; only: F }
}

function hook(type: HookType): HookFunction {
  const api: HookFunction = (fn, options) => {
    const parent = currentParent()
    const loc = parent.state.recordsLocations ? callerLocation(api) : undefined
    parent.createHook(type, fn, options ?? {}, loc)
  }
  return api
}

/**
 * Declares a test. At the top level of a file it runs after the file's other top-level tests;
 * in a running test it is a subtest; in a suite it runs with the suite.
 *
 * @example
 * test('adds', () => assert.equal(1 + 1, 2))
 * test('waits', async (t) => { await t.test('a subtest', () => {}) })
 */
export const test: TestApi = registrar<TestFunction>(Test)

/** Another name of {@link test}. */
export const it: TestApi = test

/**
 * Declares a suite: `fn` runs at once and declares the suite's tests and hooks.
 *
 * @example
 * describe('math', () => { it('adds', () => {}) })
 */
export const suite: SuiteApi = registrar<SuiteFunction>(Suite)

/** Another name of {@link suite}. */
export const describe: SuiteApi = suite

/** Runs `fn` once, before the first test of the current suite (or file). */
export const before: HookFunction = hook('before')

/** Runs `fn` once, after the last test of the current suite (or file). */
export const after: HookFunction = hook('after')

/** Runs `fn` before each test of the current suite (or file), with that test's context. */
export const beforeEach: HookFunction = hook('beforeEach')

/** Runs `fn` after each test of the current suite (or file), with that test's context. */
export const afterEach: HookFunction = hook('afterEach')
