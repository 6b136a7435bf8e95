/**
 * The `markdown` reporter: the test report of a realm log (SPEC §2.7), written when the run ends.
 * {@link createTestReportCollector} gathers the counts, failures, skips and todos from the
 * events as they arrive, for the progress block (`formatTestProgress`), this report
 * (`formatTestResults`) and the one-line REPL reply (`formatTestRunReply`).
 */
import {
  formatTestResults,
  inspect,
  normalizeErrorStack,
  type ReportedFailure,
  type ReportedPass,
  type ReportedSkip,
  TEST_NAME_SEPARATOR,
  type TestEvent,
  type TestProgress,
  type TestReport,
  type TestResultData,
} from '@daebug/protocol'
import { defaultCwd, relativeLocations, relativePath } from './relative-path.js'
import { isMarked } from './report-line.js'
import {
  type IncrementalReporter,
  type Reporter,
  type ReporterOptions,
  toReporter,
  withSharedOptions,
} from './reporter.js'
import { fieldOf, isError, reviveTestError } from './test-error.js'

/** Gathers a run's report from its events. */
export interface TestReportCollector {
  /** Takes the next event of the run. */
  push(event: TestEvent): void
  /** The counts so far, for `formatTestProgress`; the elapsed time is the caller's to measure. */
  progress(elapsedMs: number): TestProgress
  /** The report so far, for `formatTestResults` and `formatTestRunReply`. */
  report(): TestReport
}

/** Node's runner, our runner and assert, and the server's own scripts. */
const RUNNER_PATH =
  /[/\\](?:@daebug[/\\](?:test-runner|assert)|packages[/\\](?:test-runner|assert)[/\\](?:src|dist)|__daebug)[/\\]/

/** Where a stack line points (V8's `    at f (where)` or `    at where`, or Firefox's `f@where`). */
function frameLocation(line: string): string | undefined {
  const v8 = /^\s+at (.*)$/.exec(line)
  if (v8) {
    const rest = v8[1]!
    const open = rest.lastIndexOf(' (')
    return open !== -1 && rest.endsWith(')') ? rest.slice(open + 2, -1) : rest
  }
  const foreign = /@([^@]*:\d+:\d+)$/.exec(line)
  return foreign?.[1]
}

function isRunnerFrame(line: string): boolean {
  const location = frameLocation(line)
  if (location === undefined) return false
  return (
    location.startsWith('node:') ||
    location === '<anonymous>' ||
    location === 'native' ||
    RUNNER_PATH.test(location)
  )
}

/** An error's stack beginning with its `Name: message` line (Firefox and Safari stacks lack it). */
function stackText(error: Error): string {
  const name = String(fieldOf(error, 'name') ?? 'Error')
  const message = String(fieldOf(error, 'message') ?? '')
  const stack = fieldOf(error, 'stack')
  if (typeof stack !== 'string' || stack === '') return normalizeErrorStack(name, message)
  const firstLine = stack.split('\n', 1)[0]!
  return frameLocation(firstLine) === undefined ? stack : normalizeErrorStack(name, message, stack)
}

/**
 * What a failure shows in the report: the thrown error's message (with its diff) and its stack
 * without the runner's frames, locations relative to `cwd`; a thrown string as it is; any other
 * thrown value inspected.
 */
export function formatFailure(error: unknown, cwd: string | undefined): string {
  const revived = reviveTestError(error)
  const cause = fieldOf(revived, 'cause')
  const thrown =
    fieldOf(revived, 'code') === 'ERR_TEST_FAILURE' && cause !== undefined ? cause : revived
  if (typeof thrown === 'string') return thrown
  if (!isError(thrown)) return inspect(thrown)
  const lines = stackText(thrown)
    .split('\n')
    .filter((line) => !isRunnerFrame(line))
  return relativeLocations(cwd, lines.join('\n'))
}

const DURATION_DIAGNOSTIC = /^duration_ms (\S+)$/

/**
 * Creates a collector of a run's report. Counts are of tests (suites are not counted); a
 * cancelled test counts as failed; a test that failed only because its subtests did counts as
 * failed but is not listed (its subtests are). The duration is the run's (`test:summary`, or
 * Node 20's `duration_ms` diagnostic), else the sum of the top-level tests' and suites'.
 * @example
 * const collector = createTestReportCollector()
 * for await (const event of run({ files })) collector.push(event)
 * formatTestRunReply(collector.report()) // '118 passed, 1 failed, 1 skipped (9.8s) — report above'
 */
export function createTestReportCollector(
  options: Pick<ReporterOptions, 'cwd' | 'verbose'> = {},
): TestReportCollector {
  const cwd = options.cwd ?? defaultCwd()
  const namesByFile = new Map<string, string[]>()
  const files = new Set<string>()
  const filesWithTests = new Set<string>()
  const failures: ReportedFailure[] = []
  const skips: ReportedSkip[] = []
  const todos: ReportedSkip[] = []
  const passes: ReportedPass[] = []
  const counts = { pass: 0, fail: 0, skip: 0, todo: 0, enqueued: 0, suites: 0 }
  let runDurationMs: number | undefined
  let topLevelDurationMs = 0

  function fullName(data: TestResultData): string {
    const names = namesByFile.get(data.file ?? '') ?? []
    return [...names.slice(0, data.nesting), data.name]
      .filter((name) => name !== undefined)
      .join(TEST_NAME_SEPARATOR)
  }

  /** A file's own test (node --test's, for a file that failed to load or to exit cleanly). */
  function nameOf(data: TestResultData): string {
    if (data.nesting !== 0 || data.file === undefined || data.name !== data.file)
      return fullName(data)
    const file = relativePath(cwd, data.file)
    return filesWithTests.has(data.file) ? file : `Import: ${file}`
  }

  function finish(data: TestResultData, failed: boolean): void {
    const name = nameOf(data)
    const durationMs = data.details?.duration_ms ?? 0
    const error = data.details?.error
    const failedItself = failed && fieldOf(error, 'failureType') !== 'subtestsFailed'
    if (data.nesting === 0) topLevelDurationMs += durationMs
    if (data.details?.type === 'suite') {
      counts.suites++
      // A suite fails for itself when one of its hooks does: listed, not counted.
      if (failedItself) failures.push({ name, durationMs, error: formatFailure(error, cwd) })
      return
    }
    files.add(data.file ?? '')
    if (isMarked(data.skip)) {
      counts.skip++
      skips.push(
        typeof data.skip === 'string' && data.skip ? { name, reason: data.skip } : { name },
      )
    } else if (isMarked(data.todo)) {
      counts.todo++
      todos.push(
        typeof data.todo === 'string' && data.todo ? { name, reason: data.todo } : { name },
      )
    } else if (failed) {
      counts.fail++
      if (failedItself) failures.push({ name, durationMs, error: formatFailure(error, cwd) })
    } else {
      counts.pass++
      if (options.verbose) passes.push({ name, durationMs })
    }
  }

  return {
    push(event) {
      switch (event.type) {
        case 'test:enqueue':
          counts.enqueued++
          break
        case 'test:start': {
          const key = event.data.file ?? ''
          if (event.data.nesting === 0 && event.data.name !== key) filesWithTests.add(key)
          const names = namesByFile.get(key) ?? []
          names.length = Math.min(names.length, event.data.nesting)
          names[event.data.nesting] = event.data.name
          namesByFile.set(key, names)
          break
        }
        case 'test:pass':
          finish(event.data, false)
          break
        case 'test:fail':
          finish(event.data, true)
          break
        case 'test:summary':
          if (event.data.file === undefined) runDurationMs = event.data.duration_ms
          break
        case 'test:diagnostic': {
          const match = DURATION_DIAGNOSTIC.exec(event.data.message)
          if (match && event.data.file === undefined && runDurationMs === undefined) {
            runDurationMs = Number(match[1])
          }
          break
        }
      }
    },
    progress(elapsedMs) {
      const done = counts.pass + counts.fail + counts.skip + counts.todo
      return {
        done,
        total: Math.max(done, counts.enqueued - counts.suites),
        pass: counts.pass,
        fail: counts.fail,
        durationMs: elapsedMs,
        failures: failures.map(({ name, durationMs }) => ({ name, durationMs })),
      }
    },
    report() {
      return {
        pass: counts.pass,
        fail: counts.fail,
        skip: counts.skip,
        todo: counts.todo,
        durationMs: runDurationMs ?? topLevelDurationMs,
        files: files.size,
        failures: [...failures],
        skips: [...skips],
        todos: [...todos],
        ...(options.verbose ? { passes: [...passes] } : {}),
      }
    },
  }
}

/**
 * Creates a markdown reporter fed one event at a time: nothing until the run ends, then the
 * `## Test Results` block of SPEC §2.7.
 */
export function createMarkdownReporter(options: ReporterOptions = {}): IncrementalReporter {
  const collector = createTestReportCollector(options)
  return withSharedOptions(
    {
      push(event) {
        collector.push(event)
        return ''
      },
      end: () => `${formatTestResults(collector.report())}\n`,
    },
    options,
  )
}

/** The markdown reporter as Node's `--test-reporter` takes it. */
export const markdown: Reporter = toReporter(createMarkdownReporter)

export default markdown
