/**
 * A suite (`describe`/`suite`): its function runs at once to declare its tests and hooks; when
 * its turn comes it runs its `before` hooks, starts its tests (queueing those beyond its
 * concurrency, as node:test does), waits for them within its timeout, then runs `after` hooks.
 */

import { now } from './clock.js'
import { runHooks } from './hooks.js'
import { trackPendingBuild, withSuiteBuilding } from './registration-scope.js'
import { SuiteContext } from './suite-context.js'
import { isTestFailure, TestFailureError } from './test-failure.js'
import { finishRun } from './test-finish.js'
import { isThenable } from './test-function.js'
import { Test } from './test-node.js'
import type { TestInit } from './test-options.js'
import { shouldAbort } from './test-run.js'
import { settleWithin } from './test-timeout.js'

// Node's no-op is Function.prototype: a function without a name, so it names no test.
const noop = Function.prototype as () => void
type Step = () => Promise<void> | undefined

/** A suite of tests. */
export class Suite extends Test {
  buildPhaseFinished = false
  #build: Promise<void> | undefined
  #resolveSubtests: (() => void) | null = null
  #context: SuiteContext | null = null

  constructor(parent: Test, init: TestInit) {
    super(parent, init)
    this.reportedType = 'suite'
    const { filters } = this.state
    const explicitSkip = init.keyword === 'skip' || Boolean(init.options.skip)
    const skippedByPattern =
      filters.skipPatterns !== null && this.matchesPatterns(filters.skipPatterns)
    // With name patterns, suites always declare their tests: a test inside may match.
    if (filters.namePatterns !== null && !explicitSkip && !skippedByPattern) {
      if (typeof init.fn === 'function') this.fn = init.fn as Test['fn']
      this.skipped = false
    }
    this.runOnlySubtests = filters.only
    const context = new SuiteContext(this)
    try {
      const result = withSuiteBuilding(this, () => this.fn.call(context, context))
      if (isThenable(result)) {
        this.#build = Promise.resolve(result).then(
          () => {
            this.buildPhaseFinished = true
          },
          (error: unknown) => {
            this.fail(new TestFailureError(error, 'testCodeFailure'))
            this.buildPhaseFinished = true
          },
        )
        trackPendingBuild(this, this.#build)
      } else {
        this.buildPhaseFinished = true
      }
    } catch (error) {
      this.fail(new TestFailureError(error, 'testCodeFailure'))
      this.buildPhaseFinished = true
    }
    this.fn = noop
  }

  override makeContext(): SuiteContext {
    return new SuiteContext(this)
  }

  override beginRun(_withFunction = false): void {
    this.began = true
    this.parent!.activeSubtests++
  }

  override resumeRun(): Promise<void> | undefined {
    const build = this.#build
    if (build !== undefined && !this.buildPhaseFinished) return build.then(() => this.#run())
    return this.#run()
  }

  override subtestEnded(): void {
    const resolve = this.#resolveSubtests
    if (resolve !== null && this.completedSubtests >= this.subtests.length) {
      this.#resolveSubtests = null
      resolve()
    }
  }

  #run(): Promise<void> | undefined {
    this.startTime = now()
    if (shouldAbort(this)) {
      this.subtests = []
      finishRun(this)
      return undefined
    }
    this.#context = new SuiteContext(this)
    const parent = this.parent!
    const steps: Step[] = [
      () =>
        parent.hooks.before.length > 0
          ? runHooks(parent.hooks.before, 'before', parent.makeContext())
          : undefined,
      () => runHooks(this.hooks.before, 'before', this.#context),
      () => this.#runSubtests(),
      () => this.#runAfter(),
      () => {
        this.pass()
        return undefined
      },
    ]
    return this.#steps(steps, 0)
  }

  #steps(steps: Step[], from: number): Promise<void> | undefined {
    for (let index = from; index < steps.length; index++) {
      let pending: Promise<void> | undefined
      try {
        pending = steps[index]!()
      } catch (error) {
        return this.#failed(error)
      }
      if (pending !== undefined) {
        return pending.then(
          () => this.#steps(steps, index + 1),
          (error: unknown) => this.#failed(error),
        )
      }
    }
    finishRun(this)
    return undefined
  }

  #runAfter(): Promise<void> | undefined {
    this.ranAfter = true
    return runHooks(this.hooks.after, 'after', this.#context)
  }

  #failed(error: unknown): Promise<void> | undefined {
    const fail = (): undefined => {
      this.fail(isTestFailure(error) ? error : new TestFailureError(error, 'testCodeFailure'))
      finishRun(this)
      return undefined
    }
    if (this.ranAfter) return fail()
    let pending: Promise<void> | undefined
    try {
      pending = this.#runAfter()
    } catch {
      return fail()
    }
    return pending === undefined ? fail() : pending.then(fail, fail)
  }

  // Node starts every subtest at once: each is queued, the first ones (up to the concurrency)
  // begin, and only then do they go on. The events come in that order: enqueue x, dequeue x,
  // enqueue y, enqueue z, then x's results.
  #runSubtests(): Promise<void> | undefined {
    const subtests = this.skipped || this.error !== null ? [] : this.subtests
    if (subtests.length === 0) return undefined
    const all = new Promise<void>((resolve) => {
      this.#resolveSubtests = resolve
    })
    // The suite's own timeout starts before its tests', as in Node: at the same deadline, the
    // suite times out first and cancels them.
    const waiting = this.timeout === null ? all : settleWithin(this, all, this.timeout)
    const begun: Test[] = []
    for (const subtest of subtests) {
      this.state.emitStart('test:enqueue', subtest)
      if (this.hasConcurrency()) {
        this.state.emitStart('test:dequeue', subtest)
        subtest.beginRun(true)
        begun.push(subtest)
      } else {
        this.queueSubtest(subtest)
      }
    }
    for (const subtest of begun) subtest.resumeRun()
    if (this.completedSubtests < subtests.length) return waiting
    this.subtestEnded()
    return undefined
  }
}
