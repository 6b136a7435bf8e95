/**
 * Test runs in a realm log (SPEC §2.7): the progress block replaced in place while a run streams,
 * the compact report that replaces it, and the one-line REPL reply.
 */
import { writeFence } from './fences.js'
import { formatDuration } from './time.js'

/** Joins suite and test names the way reports show them. */
export const TEST_NAME_SEPARATOR = ' › '

/** A failed test in a report: its full name, duration, and error text (message, diff, trimmed stack). */
export interface ReportedFailure {
  name: string
  durationMs: number
  error: string
}

/** A skipped or todo test, with its reason when it has one. */
export interface ReportedSkip {
  name: string
  reason?: string
}

/** A passed test, listed only by the verbose reporter. */
export interface ReportedPass {
  name: string
  durationMs: number
}

/** Counts of a run so far. */
export interface TestProgress {
  done: number
  total: number
  pass: number
  fail: number
  durationMs: number
  /** Failures so far (their names and durations are listed). */
  failures: Array<Pick<ReportedFailure, 'name' | 'durationMs'>>
}

/** A finished run. */
export interface TestReport {
  pass: number
  fail: number
  skip: number
  todo: number
  durationMs: number
  /** How many test files ran. */
  files: number
  failures: ReportedFailure[]
  skips: ReportedSkip[]
  todos: ReportedSkip[]
  /** Listed one per line only with `reporter: 'verbose'`. */
  passes?: ReportedPass[]
}

const failureLine = (name: string, durationMs: number): string =>
  `✗ ${name} (${formatDuration(durationMs)})`

/** `## Test Progress: 37/120 done, 36 pass, 1 fail (4.2s)`, then the failures so far. */
export function formatTestProgress(progress: TestProgress): string {
  const heading = `## Test Progress: ${progress.done}/${progress.total} done, ${progress.pass} pass, ${progress.fail} fail (${formatDuration(progress.durationMs)})`
  if (!progress.failures.length) return heading
  return `${heading}\n\n${progress.failures.map((f) => failureLine(f.name, f.durationMs)).join('\n')}`
}

function countsOf(report: TestReport): string {
  const todo = report.todo ? `, ${report.todo} todo` : ''
  return `${report.pass} pass, ${report.fail} fail, ${report.skip} skip${todo}`
}

function reasonOf(word: string, item: ReportedSkip): string {
  return item.reason ? `(${word}: ${item.reason})` : `(${word})`
}

/**
 * The report that replaces the progress block: failures first with their error fence, then skips
 * and todos with reasons, passes as a count (each listed only when `passes` is given).
 */
export function formatTestResults(report: TestReport): string {
  const lines = [`## Test Results: ${countsOf(report)} (${formatDuration(report.durationMs)})`, '']
  for (const failure of report.failures) {
    lines.push(failureLine(failure.name, failure.durationMs), writeFence('Error', failure.error))
  }
  for (const skip of report.skips) lines.push(`○ ${skip.name} ${reasonOf('skipped', skip)}`)
  for (const todo of report.todos) lines.push(`☐ ${todo.name} ${reasonOf('todo', todo)}`)
  for (const pass of report.passes ?? [])
    lines.push(`✓ ${pass.name} (${formatDuration(pass.durationMs)})`)
  lines.push(`✓ ${report.pass} passed in ${report.files} ${report.files === 1 ? 'file' : 'files'}`)
  return lines.join('\n')
}

/** The REPL reply to a run: `118 passed, 1 failed, 1 skipped (9.8s) — report above`. */
export function formatTestRunReply(
  report: Pick<TestReport, 'pass' | 'fail' | 'skip' | 'todo' | 'durationMs'>,
): string {
  const todo = report.todo ? `, ${report.todo} todo` : ''
  return `${report.pass} passed, ${report.fail} failed, ${report.skip} skipped${todo} (${formatDuration(report.durationMs)}) — report above`
}
