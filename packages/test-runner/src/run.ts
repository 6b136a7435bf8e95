/**
 * `run()`: loads test files one after another in this realm and runs each file's tests in order,
 * streaming node:test's events. How files are found and loaded is an injected environment
 * (by default: paths and URLs as given, loaded with `import()`).
 */

import { checkAbortSignal, checkObject, invalidArgType } from './argument-errors.js'
import { trackAsyncOwners } from './async-owners.js'
import { daebugServerOf } from './daebug-realm.js'
import { attributeEscapedError } from './escaped-errors.js'
import { catchEscapedErrors, onEventLoopEmpty, realmDefaultTimeout } from './host.js'
import { readIsolation, runIsolated } from './isolated-run.js'
import { fileForReport } from './location.js'
import { readPatterns } from './name-patterns.js'
import { runningTests, setFileRoot } from './registration-scope.js'
import { RootTest } from './root-test.js'
import { emitFileDiagnostics, emitFileEnd, emitRunEnd } from './run-end.js'
import { type RunFilters, RunState } from './run-state.js'
import { EVENT_LOOP_EMPTY } from './standalone.js'
import { abortErrorFor } from './test-failure.js'
import { defaultEnvironment, type RunEnvironment, testFileUrl } from './test-files.js'
import { Test } from './test-node.js'
import { readConcurrency, readTimeout } from './test-options.js'
import { cancelTest } from './test-run.js'
import { TestsStream } from './tests-stream.js'

/** Options of {@link run}, as node:test's `run()` takes them (plus `env`). */
export interface RunOptions {
  /** Test files: paths or URLs (or globs, when `env.resolveFiles` expands them). */
  files?: string[]
  /** Run only tests whose name (or an ancestor's) matches; strings may be `/re/flags`. */
  testNamePatterns?: string | RegExp | (string | RegExp)[]
  /** Skip tests whose name (or an ancestor's) matches. */
  testSkipPatterns?: string | RegExp | (string | RegExp)[]
  /** Run only tests marked `only` (Node's `--test-only`). */
  only?: boolean
  /** Milliseconds after which any test or suite fails (Node's `--test-timeout`). */
  timeout?: number
  /** How many top-level tests of a file run at once: a number, or `true` for all. */
  concurrency?: number | boolean
  /** Cancels the run: running and remaining tests fail as aborted. */
  signal?: AbortSignal
  /**
   * In a Daebug realm: `'iframe'` (a page's default) or `'worker'` (a worker's default) import the
   * files in a fresh child realm, `'none'` in the realm itself; Node's `'process'` means the
   * default. Elsewhere files always run in the current realm.
   */
  isolation?: string
  /** Called with the event stream before any file loads. */
  setup?: (stream: TestsStream) => unknown
  /** How files are found and loaded. */
  env?: Partial<RunEnvironment>
}

let queue: Promise<unknown> = Promise.resolve()

/** The filters and limits of a run's options, validated as node's `run()` validates them. */
export function readRunFilters(options: RunOptions): RunFilters {
  const { only, timeout, signal } = options
  if (only !== undefined && typeof only !== 'boolean') {
    throw invalidArgType('options.only', 'of type boolean', only)
  }
  checkAbortSignal(signal, 'options.signal')
  return {
    only: only ?? false,
    namePatterns: readPatterns(options.testNamePatterns, 'options.testNamePatterns'),
    skipPatterns: readPatterns(options.testSkipPatterns, 'options.testSkipPatterns'),
    timeout: readTimeout(timeout, null),
    defaultTimeout: realmDefaultTimeout(),
    concurrency: readConcurrency(options.concurrency, 1),
    signal,
  }
}

/** The test node --test reports for a file itself: it is numbered with the file's index. */
class FileTest extends Test {
  readonly fileIndex: number = this.state.filesBegun

  override get reportedNumber(): number {
    return this.fileIndex
  }
}

function addFilePlaceholder(root: RootTest, file: string, failure?: { error: unknown }): void {
  const fn =
    failure === undefined
      ? undefined
      : () => {
          throw failure.error
        }
  const test = root.createSubtest(FileTest, {
    name: file,
    options: {},
    fn,
    loc: { line: 1, column: 1, file },
  })
  root.startTopLevel(test)
}

/** The file a run is in, for errors that escape its tests. */
interface CurrentFile {
  root: RootTest | undefined
}

async function runFile(
  state: RunState,
  env: RunEnvironment,
  file: string,
  current: CurrentFile,
): Promise<void> {
  const url = testFileUrl(file)
  const name = fileForReport(url)
  const root = new RootTest(state, name)
  state.filesBegun++
  root.startsAfterLoad = true
  current.root = root
  setFileRoot(root)
  if (state.filters.signal?.aborted) {
    addFilePlaceholder(root, name)
  } else {
    let failure: { error: unknown } | undefined
    try {
      await env.importFile(url)
    } catch (error) {
      failure = { error }
      root.forgetUnstartedTests()
    }
    if (failure !== undefined || root.subtests.length === 0) addFilePlaceholder(root, name, failure)
  }
  await root.whenIdle()
  // Errors that escaped after the file's tests ended fail the file when no top-level test did,
  // as its process's exit code fails it under node --test, after the process's diagnostics.
  if (root.escapedErrors.length > 0 && !root.topLevelFailed) {
    emitFileDiagnostics(root)
    addFilePlaceholder(root, name, { error: root.escapedErrors[0] })
    await root.whenIdle()
  }
  emitFileEnd(root)
}

async function execute(stream: TestsStream, state: RunState, options: RunOptions): Promise<void> {
  const env = defaultEnvironment(options.env)
  const current: CurrentFile = { root: undefined }
  const diagnostics: string[] = []
  trackAsyncOwners()
  const stopCatching = catchEscapedErrors((error, event) => {
    if (current.root !== undefined) attributeEscapedError(current.root, error, event)
    else diagnostics.push(`Error: ${String(error)}`)
  })
  const stopWatchingLoop = onEventLoopEmpty(() => current.root?.cancelUnfinished(EVENT_LOOP_EMPTY))
  const { signal } = state.filters
  // Tests check the signal when they start and end; the running ones are stopped at once.
  const onAbort = (): void => {
    for (const test of [...runningTests()]) {
      cancelTest(test, abortErrorFor(signal))
      test.stopWaiting?.()
    }
  }
  signal?.addEventListener('abort', onAbort)
  try {
    await options.setup?.(stream)
    const files =
      options.files !== undefined
        ? await env.resolveFiles(options.files)
        : ((await env.findAllFiles?.()) ?? [])
    for (const file of files) await runFile(state, env, file, current)
  } catch (error) {
    state.success = false
    diagnostics.push(`Error: ${String(error)}`)
  } finally {
    setFileRoot(null)
    signal?.removeEventListener('abort', onAbort)
    stopCatching()
    stopWatchingLoop?.()
    emitRunEnd(state, diagnostics)
    stream.end()
  }
}

/**
 * Runs test files and streams node:test's events: `test:enqueue`, `test:dequeue`, `test:start`,
 * `test:plan`, `test:diagnostic`, `test:pass`, `test:fail`, `test:complete`, then a
 * `test:summary` per file and one for the run. Files run one after another; runs started while
 * another is going wait for it.
 *
 * @example
 * const stream = run({ files: ['/tests/math.test.js'] })
 * stream.on('test:fail', (data) => console.log(data.name))
 * for await (const event of stream) if (event.type === 'test:summary') console.log(event.data)
 */
export function run(options: RunOptions = {}): TestsStream {
  checkObject(options, 'options')
  if (options.files !== undefined && !Array.isArray(options.files)) {
    throw invalidArgType('options.files', 'an instance of Array', options.files)
  }
  const filters = readRunFilters(options)
  const isolation = readIsolation(options.isolation, !('document' in globalThis))
  if (isolation !== 'none' && options.env === undefined && daebugServerOf(import.meta.url)) {
    const { signal, setup, env: _env, isolation: _isolation, ...childOptions } = options
    const childUrl = new URL('./isolated-child.js', import.meta.url).href
    return runIsolated(isolation, childUrl, childOptions, {
      ...(signal ? { signal } : {}),
      ...(setup ? { setup } : {}),
    })
  }
  const stream = new TestsStream()
  const state = new RunState(stream, filters)
  const done = queue.then(() => execute(stream, state, options))
  queue = done.catch(() => {})
  return stream
}
