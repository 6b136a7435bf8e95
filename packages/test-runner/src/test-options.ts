/**
 * The options and function types of `test()`, `describe()` and their variants, the argument
 * shuffling of `(name?, options?, fn?)`, and how options and the run's filters are read.
 */

import type { TestLocation } from '@daebug/protocol'
import { checkNumber, checkUint32, invalidArgType } from './argument-errors.js'
import type { RunFilters, RunState } from './run-state.js'
import type { SuiteContext } from './suite-context.js'
import type { TestContext } from './test-context.js'

/** Options of a test or suite, as node:test takes them. */
export interface TestOptions {
  /** How many subtests run at once: a number, `true` for all, `false` for one. */
  concurrency?: number | boolean
  /** With `only` filtering on, run this test (and, for a test, its subtests). */
  only?: boolean
  /** Aborts the test. */
  signal?: AbortSignal
  /** Skip the test: `true` or the reason. */
  skip?: boolean | string
  /** Mark the test as to do: it runs, but its failure does not fail the run. */
  todo?: boolean | string
  /** Milliseconds after which the test fails with `test timed out after Nms`. */
  timeout?: number
  /** How many assertions and subtests the test must run (`t.plan(n)`). */
  plan?: number
}

/** The `done` callback of a test or hook declaring two parameters. */
export type DoneCallback = (error?: unknown) => void

/** A test's function: synchronous, async, or taking a `done` callback. */
export type TestFn = (this: TestContext, t: TestContext, done: DoneCallback) => unknown

/** A suite's function: it declares the suite's tests and hooks. */
export type SuiteFn = (this: SuiteContext, s: SuiteContext) => unknown

/** A planned count of assertions and subtests (`t.plan(n)`). */
export interface TestPlan {
  expected: number
  actual: number
}

/** What a test is made from. */
export interface TestInit {
  name: unknown
  options: TestOptions
  fn: unknown
  keyword?: TestKeyword | undefined
  loc?: TestLocation | undefined
  /** A root's run state (other tests take their parent's). */
  state?: RunState
}

/** The keyword of `test.skip`, `test.todo` or `test.only`. */
export type TestKeyword = 'skip' | 'todo' | 'only'

/** The name, options and function of a registration, whatever order they came in. */
export interface Registration {
  name: unknown
  options: TestOptions
  fn: unknown
}

const noOptions: TestOptions = Object.freeze({})

/** Node's `createSubtest` argument handling: `(fn)`, `(options, fn)`, `(name, fn)`, … */
export function readRegistration(name: unknown, options: unknown, fn: unknown): Registration {
  if (typeof name === 'function') {
    fn = name
  } else if (name !== null && typeof name === 'object') {
    fn = options
    options = name
  } else if (typeof options === 'function') {
    fn = options
  }
  if (options === null || typeof options !== 'object') options = noOptions
  return { name, options: options as TestOptions, fn }
}

const TIMEOUT_MAX = 2_147_483_647

/** The `concurrency` option: a count, `true` for no limit, `false` for one; `inherited` if absent. */
export function readConcurrency(concurrency: unknown, inherited: number): number {
  if (typeof concurrency === 'number') {
    checkUint32(concurrency, 'options.concurrency', true)
    return concurrency
  }
  if (typeof concurrency === 'boolean') return concurrency ? Number.POSITIVE_INFINITY : 1
  if (concurrency != null) {
    throw invalidArgType('options.concurrency', 'one of type boolean or number', concurrency)
  }
  return inherited
}

/** The `timeout` option; `inherited` when absent or `Infinity`, as in node:test. */
export function readTimeout(timeout: unknown, inherited: number | null): number | null {
  if (timeout == null || timeout === Number.POSITIVE_INFINITY) return inherited
  checkNumber(timeout, 'options.timeout', 0, TIMEOUT_MAX)
  return timeout as number
}

/** What a test is to the run's filters. */
export interface FilterSubject {
  only: boolean
  matchesPatterns(patterns: RegExp[]): boolean
}

/**
 * Why the run's filters skip a test, or `skip` as declared: a name pattern it does not match,
 * `only` filtering without `only`, a skip pattern it matches (node's messages).
 */
export function filteredSkip(test: FilterSubject, filters: RunFilters, skip: unknown): unknown {
  if (filters.namePatterns !== null && !test.matchesPatterns(filters.namePatterns)) {
    skip = 'test name does not match pattern'
  }
  if (filters.only && !test.only) skip = "'only' option not set"
  if (filters.skipPatterns !== null && test.matchesPatterns(filters.skipPatterns)) {
    skip = 'test name matches a skip pattern'
  }
  return skip
}
