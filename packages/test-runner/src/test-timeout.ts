/**
 * Waiting for an asynchronous test or hook, bounded by its timeout and stoppable by the runner
 * (an abort, an uncaught error attributed to it). All timeouts share one timer, armed for the
 * earliest deadline, so tests that finish synchronously (most of them) cost no timer at all.
 */

import { now } from './clock.js'
import { TestFailureError } from './test-failure.js'

/** Something the runner waits for: `stopWaiting` ends the wait early (with an error or not). */
export interface Waiter {
  stopWaiting: ((error?: unknown) => void) | null
}

interface Deadline {
  at: number
  timeout: number
  waiter: Waiter
}

const deadlines = new Set<Deadline>()
let lastStart = 0

/**
 * The time a timed wait starts, strictly after the previous one's: browsers coarsen
 * `performance.now()`, and of two equal deadlines the one that started first must expire first.
 */
export function startStamp(): number {
  const time = now()
  lastStart = time > lastStart ? time : lastStart + 0.001
  return lastStart
}
let timer: ReturnType<typeof setTimeout> | undefined
let timerAt = Number.POSITIVE_INFINITY

function arm(at: number): void {
  if (timer !== undefined && timerAt <= at) return
  if (timer !== undefined) clearTimeout(timer)
  timerAt = at
  timer = setTimeout(expire, Math.max(0, at - now()))
  // Node's test timers do not keep the process alive: a test that can never finish is cancelled
  // when the event loop empties, not kept waiting for its timeout.
  ;(timer as { unref?: () => void }).unref?.()
}

// One deadline at a time, earliest first, each in its own task: what it stops (a parent test,
// say) settles before the next is looked at, as with node's one timer per test.
function expire(): void {
  timer = undefined
  timerAt = Number.POSITIVE_INFINITY
  // A timer may fire a little early; a millisecond of slack avoids re-arming for nothing.
  const reached = now() + 1
  let first: Deadline | undefined
  for (const deadline of deadlines) {
    if (first === undefined || deadline.at < first.at) first = deadline
  }
  if (first === undefined) return
  if (first.at <= reached) {
    deadlines.delete(first)
    const error = new TestFailureError(
      `test timed out after ${first.timeout}ms`,
      'testTimeoutFailure',
    )
    first.waiter.stopWaiting?.(error)
    let next = Number.POSITIVE_INFINITY
    for (const deadline of deadlines) if (deadline.at < next) next = deadline.at
    if (next !== Number.POSITIVE_INFINITY) arm(Math.max(next, now()))
    return
  }
  arm(first.at)
}

/**
 * Resolves when `work` settles (rejecting with its error), when `timeout` milliseconds have passed
 * since `startedAt` (rejecting with Node's `test timed out after Nms`), or when
 * `waiter.stopWaiting` is called.
 */
export function settleWithin(
  waiter: Waiter,
  work: PromiseLike<unknown>,
  timeout: number | null,
  startedAt: number = startStamp(),
): Promise<void> {
  let deadline: Deadline | undefined
  const settled = new Promise<void>((resolve, reject) => {
    waiter.stopWaiting = (error) => (error === undefined ? resolve() : reject(error))
    work.then(() => resolve(), reject)
    if (timeout !== null && timeout !== Number.POSITIVE_INFINITY) {
      deadline = { at: startedAt + timeout, timeout, waiter }
      deadlines.add(deadline)
      arm(deadline.at)
    }
  })
  const done = (): void => {
    waiter.stopWaiting = null
    if (deadline !== undefined) deadlines.delete(deadline)
  }
  return settled.then(done, (error: unknown) => {
    done()
    throw error
  })
}
