/**
 * Node's `ERR_TEST_FAILURE` (the error every failed test reports in `details.error`), its kinds of
 * failure, and the `AbortError` a cancelled test reports.
 */

import { inspect } from '@daebug/protocol'

/** node:test's `failureType`s: why a test failed. */
export type FailureType =
  | 'testCodeFailure'
  | 'hookFailed'
  | 'subtestsFailed'
  | 'testTimeoutFailure'
  | 'cancelledByParent'
  | 'testAborted'
  | 'parentAlreadyFinished'
  | 'callbackAndPromisePresent'
  | 'multipleCallbackInvocations'
  | 'uncaughtException'
  | 'unhandledRejection'

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null | undefined)?.message ?? error
  return typeof message === 'string' ? message : inspect(message)
}

/**
 * `ERR_TEST_FAILURE`: wraps what made a test fail (`cause`) with the kind of failure. Its message
 * is the cause's message (or the cause itself, previewed when it is not a string), as in Node.
 *
 * @example
 * new TestFailureError(new Error('boom'), 'testCodeFailure').message // 'boom'
 */
export class TestFailureError extends Error {
  /** Always `'ERR_TEST_FAILURE'`. */
  readonly code: 'ERR_TEST_FAILURE' = 'ERR_TEST_FAILURE'
  /** Why the test failed. */
  failureType: FailureType
  /** What the test threw, rejected with, or the message of the runner's own failure. */
  override cause: unknown

  constructor(cause: unknown, failureType: FailureType) {
    // Node hides its own frames from the errors it makes, so the wrapper's stack is its header
    // alone (shown as `[Error [ERR_TEST_FAILURE]: …]`); where the limit is not V8's, the
    // runner's frames stay.
    const limit = (Error as { stackTraceLimit?: number }).stackTraceLimit
    ;(Error as { stackTraceLimit?: number }).stackTraceLimit = 0
    try {
      super(messageOf(cause))
    } finally {
      ;(Error as { stackTraceLimit?: number }).stackTraceLimit = limit
    }
    this.failureType = failureType
    this.cause = cause
    const stack = this.stack
    if (typeof stack === 'string' && stack.startsWith('Error: ')) {
      this.stack = `Error [ERR_TEST_FAILURE]: ${stack.slice('Error: '.length)}`
    }
  }

  override toString(): string {
    return `Error [ERR_TEST_FAILURE]: ${this.message}`
  }
}

/** Node's `AbortError`: a test cancelled by an aborted `signal`. */
export class TestAbortError extends Error {
  /** Always `'ABORT_ERR'`. */
  readonly code: 'ABORT_ERR' = 'ABORT_ERR'
  /** Set to `'testAborted'` when a test reports it. */
  failureType?: FailureType

  constructor(message = 'The operation was aborted') {
    super(message)
    this.name = 'AbortError'
  }
}

/** Whether a value is one of our `ERR_TEST_FAILURE` errors (not an unrelated error with that code). */
export function isTestFailure(value: unknown): value is TestFailureError {
  return value instanceof TestFailureError
}

/** The error a failed hook makes its test report: Node's `failed running <hook> hook`. */
export function hookFailure(hookName: string, thrown: unknown): TestFailureError {
  const error = new TestFailureError(`failed running ${hookName} hook`, 'hookFailed')
  error.cause = isTestFailure(thrown) ? thrown.cause : thrown
  return error
}

/** Node's error for an aborted test: the signal's reason (an `AbortError` if none), marked `testAborted`. */
export function abortErrorFor(signal: AbortSignal | undefined): unknown {
  let error: unknown = signal?.reason
  if (typeof error !== 'object' || error === null)
    error = new TestAbortError('The test was aborted')
  ;(error as { failureType?: string }).failureType = 'testAborted'
  return error
}
