/**
 * Where a `test()`, `describe()` or hook call lands. Node follows the async context of the call;
 * browsers have none, so this follows what is on the stack: the suite whose function is running,
 * else the innermost test that is running, else a suite whose async function has not finished,
 * else the root of the file being loaded (or of the standalone run).
 */

import { enterCode, leaveCode } from './async-owners.js'
import { standaloneRoot } from './standalone.js'
import type { Test } from './test-node.js'

const building: Test[] = []
const pendingBuilds: Test[] = []
const armedBuilds = new WeakSet<Test>()
const running: Test[] = []
let fileRoot: Test | null = null

/**
 * Runs a suite's function with the suite as the place where registrations land. The suite can
 * take registrations made after an `await` in its function only from the next microtask on:
 * the code after the `describe()` call runs before that and must not land in the suite.
 */
export function withSuiteBuilding<T>(suite: Test, build: () => T): T {
  queueMicrotask(() => {
    armedBuilds.add(suite)
  })
  building.push(suite)
  const previous = enterCode(suite)
  try {
    return build()
  } finally {
    leaveCode(previous)
    building.pop()
  }
}

/** Marks a suite whose async function is still declaring tests, until `done` settles. */
export function trackPendingBuild(suite: Test, done: Promise<unknown>): void {
  pendingBuilds.push(suite)
  const remove = (): void => {
    const index = pendingBuilds.lastIndexOf(suite)
    if (index >= 0) pendingBuilds.splice(index, 1)
  }
  done.then(remove, remove)
}

/** Sets the root that top-level calls land in while a run loads and runs a file. */
export function setFileRoot(root: Test | null): void {
  fileRoot = root
}

/** Marks a test as running: registrations and uncaught errors go to the innermost one. */
export function pushRunning(test: Test): void {
  running.push(test)
}

/** Marks a test as no longer running (usually the innermost one). */
export function popRunning(test: Test): void {
  if (running[running.length - 1] === test) running.pop()
  else {
    const index = running.lastIndexOf(test)
    if (index >= 0) running.splice(index, 1)
  }
}

/** The tests running now, outermost first. */
export function runningTests(): readonly Test[] {
  return running
}

/** The innermost running test, if any. */
export function innermostRunning(): Test | undefined {
  return running[running.length - 1]
}

/** The test or suite a registration made now belongs to. */
export function currentParent(): Test {
  const suite = building[building.length - 1]
  if (suite !== undefined) return suite
  const test = running[running.length - 1]
  if (test !== undefined) return test
  const pending = pendingBuilds[pendingBuilds.length - 1]
  if (pending !== undefined && armedBuilds.has(pending)) return pending
  if (fileRoot !== null) return fileRoot
  return standaloneRoot()
}
