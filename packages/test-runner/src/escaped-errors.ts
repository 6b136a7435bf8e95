/**
 * Errors that escape the tests (uncaught exceptions, unhandled rejections) fail the test they
 * came from, as node:test does; errors the runner made for a test (a `done` called again later) go
 * to that test. With no test to fail they become a diagnostic of the file's root, and the run
 * (and, on its own, the process) fails.
 */

import { inspect } from '@daebug/protocol'
import { ownerOfRunningCode, tracksAsyncOwners } from './async-owners.js'
import { Hook } from './hooks.js'
import { type EscapedErrorEvent, setExitCode, workingDirectory } from './host.js'
import { innermostRunning } from './registration-scope.js'
import type { RootTest } from './root-test.js'
import { TestFailureError } from './test-failure.js'
import { errorOwners } from './test-function.js'
import { Test } from './test-node.js'

function describeError(error: unknown): string {
  try {
    return String(error)
  } catch {
    return inspect(error)
  }
}

function relativePath(file: string): string {
  const cwd = workingDirectory()
  return cwd !== undefined && file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file
}

/** Adds Node's warning about an error that no running test can take, and fails the run. */
export function reportEscapedError(
  root: RootTest,
  error: unknown,
  event: EscapedErrorEvent,
  owner?: Test | Hook,
): void {
  let message: string
  if (owner === undefined) {
    message =
      'Error: A resource generated asynchronous activity after the test ended. This activity ' +
      `created the error "${describeError(error)}" which triggered an ${event} event, caught by ` +
      'the test runner.'
  } else {
    const name = owner instanceof Hook ? `Test hook "${owner.type}"` : `Test "${owner.name}"`
    const { loc } = owner
    const where = loc?.file ? ` at ${relativePath(loc.file)}:${loc.line}:${loc.column}` : ''
    message =
      `Error: ${name}${where} generated asynchronous activity after the test ended. This ` +
      `activity created the error "${describeError(error)}" and would have caused the test to ` +
      `fail, but instead triggered an ${event} event.`
  }
  root.diagnostic(message)
  root.escapedErrors.push(error)
  root.state.success = false
  root.success = false
  if (root.state.setsExitCode) setExitCode(1)
}

/**
 * Fails the test the error belongs to: the one that made it (a `done` called again later), or
 * the one whose code or async resource it came from (async-owners.ts), else, where resources
 * cannot be followed, the innermost running test (`failureType` `uncaughtException` or
 * `unhandledRejection`), and stops waiting for it. When that test has ended, or no test owns the
 * error, it is reported with {@link reportEscapedError}, as node:test does.
 */
export function attributeEscapedError(
  root: RootTest,
  error: unknown,
  event: EscapedErrorEvent,
): void {
  const made = typeof error === 'object' && error !== null ? errorOwners.get(error) : undefined
  const owner = made ?? ownerOfRunningCode()
  if (owner instanceof Test) {
    if (owner.ended) reportEscapedError(owner.root, error, event, owner)
    else {
      owner.fail(new TestFailureError(error, event))
      owner.abort()
    }
    return
  }
  const runningHook = owner instanceof Hook && owner.startTime > owner.endTime
  if (owner instanceof Hook && !runningHook) {
    reportEscapedError(root, error, event, owner)
    return
  }
  const test = owner === undefined && tracksAsyncOwners() ? undefined : innermostRunning()
  if (test !== undefined && !test.ended) {
    test.fail(new TestFailureError(error, event))
    test.abort()
    return
  }
  reportEscapedError(root, error, event)
}
