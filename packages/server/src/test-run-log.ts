/**
 * The test run of a job whose value is a run (SPEC §2.7, §5.2): its events as the realm streams
 * them, the progress block they refresh at most every 2 s, the report and one-line reply that end
 * it, and the listeners (HTTP, relay, CLI) that follow it.
 */
import {
  formatTestProgress,
  formatTestResults,
  formatTestRunReply,
  type RunSummary,
  type TestEvent,
  type TestSummaryData,
} from '@daebug/protocol'
import { createTestReportCollector, type TestReportCollector } from '@daebug/test-runner/reporters'

/** How often the progress block may be rewritten. */
export const PROGRESS_INTERVAL_MS = 2000

/** Default of the run watchdog: a run that has not ended by then is ended by the server. */
export const RUN_WATCHDOG_MS: number = 10 * 60_000

/** Files a worker imports are served under this prefix; reports show the project's paths. */
const WORKER_FILES: RegExp = /(https?:\/\/[^/\s()]+)\/__daebug\/w\//g

function projectPaths(event: TestEvent): TestEvent {
  const file = (event.data as { file?: unknown }).file
  if (event.type !== 'test:fail' && !(typeof file === 'string' && file.includes('/__daebug/w/')))
    return event
  const json = JSON.stringify(event)
  return json.includes('/__daebug/w/') ? JSON.parse(json.replace(WORKER_FILES, '$1/')) : event
}

/** A test run streaming into a realm's log. */
export class JobTestRun {
  readonly startedAt: number
  /** Called with each event as it arrives (NDJSON and relay streams). */
  readonly listeners: Set<(event: TestEvent) => void> = new Set()
  readonly #collector: TestReportCollector
  #lastProgressAt: number
  #summary: TestSummaryData | undefined

  /** `origin` is where the realm imported its test files from: reports show paths under it. */
  constructor(startedAt: number, origin: string | undefined) {
    this.startedAt = startedAt
    this.#lastProgressAt = startedAt
    this.#collector = createTestReportCollector(origin ? { cwd: origin } : {})
  }

  /** Takes a batch of events; returns the progress block when it is due for a rewrite. */
  push(events: TestEvent[], now: number): string | undefined {
    for (const event of events) {
      if (event.type === 'test:summary' && event.data.file === undefined) this.#summary = event.data
      this.#collector.push(projectPaths(event))
      for (const listener of this.listeners) listener(event)
    }
    if (now - this.#lastProgressAt < PROGRESS_INTERVAL_MS) return undefined
    this.#lastProgressAt = now
    return formatTestProgress(this.#collector.progress(now - this.startedAt))
  }

  /** Whether the run's own `test:summary` (its last event) has come. */
  get hasSummary(): boolean {
    return this.#summary !== undefined
  }

  /** The `## Test Results` block: the whole report, or what ran so far. */
  report(): string {
    return formatTestResults(this.#collector.report())
  }

  /** The one-line reply: `118 passed, 1 failed, 1 skipped (9.8s) — report above`. */
  reply(): string {
    return formatTestRunReply(this.#collector.report())
  }

  /** The counts, from the run's own `test:summary` when it came, else from the events so far. */
  summary(now: number): RunSummary {
    if (this.#summary) {
      const { counts, duration_ms } = this.#summary
      const { passed, failed, skipped, todo, cancelled } = counts
      return {
        total: counts.tests,
        passed,
        failed,
        skipped,
        todo,
        cancelled,
        durationMs: duration_ms,
      }
    }
    const { pass, fail, skip, todo } = this.#collector.report()
    const total = pass + fail + skip + todo
    const durationMs = now - this.startedAt
    return { total, passed: pass, failed: fail, skipped: skip, todo, cancelled: 0, durationMs }
  }
}

/**
 * Gives test events their id (SPEC §4.3): `<project-relative file>#<suite › … › test>`, the file
 * being the path the realm imported it from (under `/__daebug/w/` for workers).
 */
export function createTestIds(): (event: TestEvent) => string | undefined {
  const namesByFile = new Map<string, string[]>()
  const paths = new Map<string, string>()
  return (event) => {
    const data = event.data as { name?: unknown; nesting?: unknown; file?: unknown }
    if (typeof data.name !== 'string' || typeof data.nesting !== 'number') return undefined
    const file = typeof data.file === 'string' ? data.file : ''
    const names = namesByFile.get(file) ?? []
    if (event.type === 'test:start' || event.type === 'test:enqueue') {
      names.length = Math.min(names.length, data.nesting)
      names[data.nesting] = data.name
      namesByFile.set(file, names)
    }
    const path = [...names.slice(0, data.nesting), data.name].join(' › ')
    let project = paths.get(file)
    if (project === undefined) {
      project = projectPath(file)
      paths.set(file, project)
    }
    return `${project}#${path}`
  }
}

function projectPath(file: string): string {
  try {
    return decodeURIComponent(new URL(file).pathname).replace(/^\/(?:__daebug\/w\/)?/, '')
  } catch {
    return file
  }
}
