/**
 * Calling a test's or hook's function the way node:test does: `this` and the first argument are
 * the context; a function declaring two parameters gets a `done` callback; a returned promise is
 * awaited. Synchronous functions finish synchronously: no promise, no timer.
 */

import { enterCode, leaveCode } from './async-owners.js'
import { TestFailureError } from './test-failure.js'
import { settleWithin, startStamp, type Waiter } from './test-timeout.js'

/** What runs a function: it can be failed, and its wait can be stopped. */
export interface FunctionOwner extends Waiter {
  fail(error: unknown): void
  /** Reports the error of a `done(error)` whose promise node:test would leave unobserved. */
  reportOrphanRejection?(error: unknown): void
}

/**
 * The test that made an error the runner throws outside of its run (a `done` called a second
 * time later): an escaped error found here belongs to that test, not to whichever runs then.
 */
export const errorOwners: WeakMap<object, FunctionOwner> = new WeakMap()

/** A test's or hook's function. */
// biome-ignore lint/suspicious/noExplicitAny: user functions take and return anything.
export type AnyTestFunction = (this: any, ...args: any[]) => unknown

/** Whether a value is a promise or any other thenable (from any realm). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

/** The `done` callback of a callback-style test, and what it was called with. */
class DoneCallback {
  readonly #owner: FunctionOwner
  calls = 0
  error: unknown = undefined
  #resolve: (() => void) | null = null
  #reject: ((error: unknown) => void) | null = null

  constructor(owner: FunctionOwner) {
    this.#owner = owner
  }

  readonly done = (error?: unknown): void => {
    this.calls++
    if (this.calls > 1) {
      if (this.calls === 2) {
        const error = new TestFailureError(
          'callback invoked multiple times',
          'multipleCallbackInvocations',
        )
        errorOwners.set(error, this.#owner)
        throw error
      }
      return
    }
    this.error = error
    if (error) this.#reject?.(error)
    else this.#resolve?.()
  }

  /** A promise of the first call, for when it did not come synchronously. */
  promise(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#resolve = resolve
      this.#reject = reject
    })
  }
}

/**
 * Calls `fn` with `context` and waits for it as node:test does. Returns nothing when it finished
 * synchronously, a promise when it is asynchronous; throws or rejects with what made it fail
 * (a timeout is a `TestFailureError` of type `testTimeoutFailure`).
 */
export function callTestFunction(
  owner: FunctionOwner,
  fn: AnyTestFunction,
  context: unknown,
  timeout: number | null,
): Promise<void> | undefined {
  // The timeout counts from the call, as node's timer does: a parent's ends before its subtests'.
  const startedAt = timeout === null ? 0 : startStamp()
  const previous = enterCode(owner)
  if (fn.length !== 2) {
    let result: unknown
    try {
      result = fn.call(context, context)
    } finally {
      leaveCode(previous)
    }
    return isThenable(result) ? settleWithin(owner, result, timeout, startedAt) : undefined
  }
  const callback = new DoneCallback(owner)
  let result: unknown
  try {
    result = fn.call(context, context, callback.done)
  } catch (error) {
    // node:test races a promise of the first call; a function that throws leaves a rejected one
    // unobserved, which the runner then reports as an unhandled rejection nobody owns.
    if (callback.error) owner.reportOrphanRejection?.(callback.error)
    throw error
  } finally {
    leaveCode(previous)
  }
  if (isThenable(result)) {
    owner.fail(
      new TestFailureError(
        'passed a callback but also returned a Promise',
        'callbackAndPromisePresent',
      ),
    )
    return settleWithin(owner, result, timeout, startedAt)
  }
  if (callback.calls > 0) {
    if (callback.error) throw callback.error
    return undefined
  }
  return settleWithin(owner, callback.promise(), timeout, startedAt)
}
