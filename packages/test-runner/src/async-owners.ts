/**
 * Which test's code is running: the test (or hook, or suite) whose function is on the stack, or,
 * in Node, the one that made the async resource (timer, promise, I/O callback) running now, as
 * node:test tracks them with `async_hooks`: a resource made while a test's code runs belongs to
 * that test, and so does every resource made from it. An error escaping from such a resource is
 * the test's even after the test ended. Bun, Deno and browsers offer no such hook; there, code
 * running from a resource has no known owner.
 */

import { hostProcess } from './host.js'

/** Whatever runs user code: a test, a suite or a hook. */
export type CodeOwner = object

interface AsyncHooks {
  createHook(callbacks: {
    init(asyncId: number, type: string, triggerAsyncId: number, resource: object): void
  }): { enable(): unknown }
  executionAsyncResource(): object
}

interface Tracking {
  owners: WeakMap<object, CodeOwner>
  executionAsyncResource(): object
}

let calling: CodeOwner | undefined
let tracking: Tracking | null | undefined

/** Marks `owner`'s function as running until {@link leaveCode}; returns what to restore then. */
export function enterCode(owner: CodeOwner): CodeOwner | undefined {
  const previous = calling
  calling = owner
  return previous
}

/** Ends what {@link enterCode} began. */
export function leaveCode(previous: CodeOwner | undefined): void {
  calling = previous
}

/**
 * Starts following async resources to their owners, where the realm can (Node); returns whether
 * it does. Once started, it stays on for the process, as node:test's hook does.
 */
export function trackAsyncOwners(): boolean {
  if (tracking !== undefined) return tracking !== null
  tracking = null
  const process = hostProcess()
  const versions = process?.versions as { node?: string; bun?: string } | undefined
  // Bun's async_hooks.createHook does nothing (and warns).
  if (versions?.node === undefined || versions.bun !== undefined) return false
  const hooks = process?.getBuiltinModule?.('node:async_hooks') as AsyncHooks | undefined
  if (hooks === undefined) return false
  const owners = new WeakMap<object, CodeOwner>()
  const { executionAsyncResource } = hooks
  hooks
    .createHook({
      init(_asyncId, _type, _triggerAsyncId, resource) {
        const owner = calling ?? owners.get(executionAsyncResource())
        if (owner !== undefined) owners.set(resource, owner)
      },
    })
    .enable()
  tracking = { owners, executionAsyncResource }
  return true
}

/** Whether async resources are followed to their owners (see {@link trackAsyncOwners}). */
export function tracksAsyncOwners(): boolean {
  return tracking !== undefined && tracking !== null
}

/** The owner of the code running now, if it is known. */
export function ownerOfRunningCode(): CodeOwner | undefined {
  if (calling !== undefined) return calling
  if (tracking === undefined || tracking === null) return undefined
  return tracking.owners.get(tracking.executionAsyncResource())
}
