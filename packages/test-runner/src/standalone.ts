/**
 * A test file loaded on its own (not by `run()`): its tests start a microtask after the first is
 * declared, report to the console (or as `--test-reporter` says; standalone-report.ts), and fail the process (`exitCode = 1`) where
 * there is one. In Node the run ends when the event loop empties, as with node:test (tests still
 * pending then are cancelled); elsewhere it ends once its tests are done and a task has passed
 * without new ones.
 */

import { trackAsyncOwners } from './async-owners.js'
import { attributeEscapedError } from './escaped-errors.js'
import {
  catchEscapedErrors,
  commandLineFlags,
  onEventLoopEmpty,
  realmDefaultTimeout,
  setExitCode,
} from './host.js'
import { patternFromString } from './name-patterns.js'
import { RootTest } from './root-test.js'
import { emitRunEnd } from './run-end.js'
import { RunState } from './run-state.js'
import { reportStandalone } from './standalone-report.js'
import { TestsStream } from './tests-stream.js'

/** Node's message for tests still pending when the event loop empties. */
export const EVENT_LOOP_EMPTY =
  'Promise resolution is still pending but the event loop has already resolved'

let current: RootTest | null = null

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

function isIdle(root: RootTest): boolean {
  return root.subtests.every((test) => test.finished)
}

function createStandaloneRoot(): RootTest {
  const flags = commandLineFlags()
  const toPatterns = (list: string[], name: string): RegExp[] | null =>
    list.length > 0 ? list.map((text) => patternFromString(text, name)) : null
  const stream = new TestsStream({ keep: false })
  const state = new RunState(stream, {
    only: flags.only,
    namePatterns: toPatterns(flags.namePatterns, '--test-name-pattern'),
    skipPatterns: toPatterns(flags.skipPatterns, '--test-skip-pattern'),
    timeout: null,
    defaultTimeout: realmDefaultTimeout(),
    concurrency: 1,
    signal: undefined,
  })
  state.setsExitCode = true
  const root = new RootTest(state)
  state.recordsLocations = reportStandalone(stream, flags)
  stream.on('test:fail', (data) => {
    if (data.todo === undefined || data.todo === false) setExitCode(1)
  })
  trackAsyncOwners()
  const stopCatching = catchEscapedErrors((error, event) =>
    attributeEscapedError(root, error, event),
  )
  let finished = false
  const finish = (): void => {
    if (finished) return
    finished = true
    if (current === root) current = null
    stopCatching()
    stopWatchingLoop?.()
    emitRunEnd(state, root.diagnostics ?? [])
    stream.end()
  }
  const stopWatchingLoop = onEventLoopEmpty(() => {
    root.cancelUnfinished(EVENT_LOOP_EMPTY)
    root.whenIdle().then(finish)
  })
  if (stopWatchingLoop !== undefined) return root
  const drive = async (): Promise<void> => {
    await nextTask()
    do {
      await root.whenIdle()
      await nextTask()
    } while (!isIdle(root))
    finish()
  }
  drive()
  return root
}

/** The root that top-level calls outside of `run()` land in; made on first use. */
export function standaloneRoot(): RootTest {
  current ??= createStandaloneRoot()
  return current
}
