/**
 * `before`, `after`, `beforeEach` and `afterEach` hooks: one hook's run (with Node's `done`
 * callback, timeout and once-only semantics) and a list's run in order, failing with Node's
 * `failed running <hook> hook`.
 */

import type { TestLocation } from '@daebug/protocol'
import { now } from './clock.js'
import { hookFailure, isTestFailure, TestFailureError } from './test-failure.js'
import { type AnyTestFunction, callTestFunction } from './test-function.js'

/** The four kinds of hook. */
export type HookType = 'before' | 'after' | 'beforeEach' | 'afterEach'

/** Options of a hook, as node:test takes them. */
export interface HookOptions {
  /** Milliseconds after which the hook fails. */
  timeout?: number
  /** Aborts the hook. */
  signal?: AbortSignal
}

/** What a failing root `after` hook reports to: the root test of its file. */
export interface HookOwner {
  reportRootAfterFailure(hook: Hook): void
}

// Node's no-op is Function.prototype: a function without a name, so it names no test.
const noop = Function.prototype as () => void

/** One registered hook. */
export class Hook {
  readonly type: HookType
  readonly fn: AnyTestFunction
  readonly loc: TestLocation | undefined
  readonly timeout: number | null
  readonly signal: AbortSignal | undefined
  readonly owner: HookOwner | null
  error: unknown = null
  startTime = 0
  endTime = 0
  stopWaiting: ((error?: unknown) => void) | null = null
  #ran = false
  #result: Promise<void> | undefined

  constructor(
    type: HookType,
    fn: unknown,
    options: HookOptions,
    loc: TestLocation | undefined,
    timeout: number | null,
    owner: HookOwner | null,
  ) {
    this.type = type
    this.fn = typeof fn === 'function' ? (fn as AnyTestFunction) : noop
    this.loc = loc
    this.timeout = timeout
    this.signal = options.signal
    this.owner = owner
  }

  fail(error: unknown): void {
    if (this.error === null) this.error = error
  }

  /** Runs the hook with a context; `before` and `after` hooks run once and keep their result. */
  run(context: unknown): Promise<void> | undefined {
    const once = this.type === 'before' || this.type === 'after'
    if (once && this.#ran) return this.#result
    this.#ran = true
    this.error = null
    this.startTime = now()
    let result: Promise<void> | undefined
    try {
      if (this.signal?.aborted) throw this.signal.reason
      result = callTestFunction(this, this.fn, context, this.timeout)
    } catch (error) {
      this.#record(error)
      return undefined
    }
    if (result === undefined) {
      this.#finish()
      return undefined
    }
    const settled = result.then(
      () => this.#finish(),
      (error: unknown) => this.#record(error),
    )
    if (once) this.#result = settled
    return settled
  }

  #record(error: unknown): void {
    this.fail(isTestFailure(error) ? error : new TestFailureError(error, 'testCodeFailure'))
    this.#finish()
  }

  #finish(): void {
    this.endTime = now()
    if (this.error !== null && this.type === 'after') this.owner?.reportRootAfterFailure(this)
  }
}

/**
 * Runs `hooks` in order with `context`. Returns nothing when all of them finished synchronously;
 * throws (or rejects with) Node's `failed running <type> hook` at the first failure.
 */
export function runHooks(
  hooks: readonly Hook[],
  type: HookType,
  context: unknown,
  from = 0,
): Promise<void> | undefined {
  for (let index = from; index < hooks.length; index++) {
    const hook = hooks[index]!
    const pending = hook.run(context)
    if (pending !== undefined) {
      return pending.then(() => {
        if (hook.error !== null) throw hookFailure(type, hook.error)
        return runHooks(hooks, type, context, index + 1)
      })
    }
    if (hook.error !== null) throw hookFailure(type, hook.error)
  }
  return undefined
}
