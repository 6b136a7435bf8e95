/**
 * The differential check shared by the Node, Bun/Deno and Chromium suites: each corpus file's run
 * under the oracle (`node --test`, cached by content) beside its run under the side being tested,
 * compared per test, with totals and a compact list of what differs.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ComparisonLevel,
  compareRuns,
  type FileComparison,
  normaliseRun,
  parseEventLines,
  type TestEvent,
} from './compare-runs.js'
import type { CorpusFile } from './corpus.js'
import { documentedFileIn, documentedIn, openBugIn, type Realm } from './documented-differences.js'
import { mapConcurrently, ORACLE_REPORTER, type ProcessRun, runOracle } from './run-processes.js'

/** The comparison of one file, with what went wrong around the run itself. */
export interface FileResult extends FileComparison {
  file: string
  /** Set when the file is on the open-bugs list: its differences do not fail the suite. */
  openBug?: string
}

/** Every file's comparison and the totals. */
export interface CorpusResult {
  level: ComparisonLevel
  files: FileResult[]
  tests: number
  agreeing: number
  filesInOrder: number
  /** Differences that docs/test-runner-differences.md lists. */
  documented: string[]
}

const CACHE_DIR = join(tmpdir(), 'daebug-conformance-oracle')

/** The oracle's events for one file: node --test's, from a cache keyed by everything they depend on. */
export async function oracleEvents(file: CorpusFile): Promise<TestEvent[]> {
  const key = createHash('sha256')
    .update(process.version)
    .update(JSON.stringify(file.flags))
    .update(file.source)
    .update(await readFile(ORACLE_REPORTER, 'utf8'))
    .update(await readFile(join(ORACLE_REPORTER, '..', 'event-json.mjs'), 'utf8'))
    .digest('hex')
    .slice(0, 24)
  const cached = join(CACHE_DIR, `${file.name}.${key}.jsonl`)
  const text = await readFile(cached, 'utf8').catch(() => undefined)
  if (text !== undefined) return parseEventLines(text)
  const run = await runOracle(file)
  const events = parseEventLines(run.stdout)
  if (run.timedOut || events.length === 0)
    throw new Error(
      `node --test produced no events for ${file.name}:\n${run.stderr.slice(0, 2000)}`,
    )
  await mkdir(CACHE_DIR, { recursive: true })
  await writeFile(cached, run.stdout)
  return events
}

/** Why a process run produced no usable events, as a difference line, or undefined. */
export function processProblem(run: ProcessRun, events: TestEvent[]): string | undefined {
  if (run.timedOut) return `ours did not finish in time (killed); stderr: ${firstLines(run.stderr)}`
  if (events.length === 0)
    return `ours reported no events (exit code ${run.code}); stderr: ${firstLines(run.stderr)}`
  return undefined
}

function firstLines(text: string, count = 4): string {
  return text.trim().split('\n').slice(0, count).join(' ⏎ ') || '(empty)'
}

/**
 * Compares every file's run by `runOurs` (which returns our events, or a problem line) with the
 * oracle's, at most `limit` files at a time.
 */
export async function checkCorpus(
  files: CorpusFile[],
  runOurs: (file: CorpusFile) => Promise<TestEvent[] | string>,
  options: { realm: Realm; level?: ComparisonLevel; limit?: number },
): Promise<CorpusResult> {
  const results = await mapConcurrently(
    files,
    async (file): Promise<FileResult> => {
      const [oracle, ours] = await Promise.all([oracleEvents(file), runOurs(file)])
      const expected = normaliseRun(oracle, file.name)
      if (typeof ours === 'string') {
        const openBug = openBugIn(options.realm, file.name)
        return {
          file: file.name,
          tests: expected.tests.length,
          agreeing: 0,
          orderAgrees: false,
          differences: [ours],
          documented: [],
          ...(openBug ? { openBug } : {}),
        }
      }
      const comparison = compareRuns(
        expected,
        normaliseRun(ours, file.name),
        options.level,
        documentedIn(options.realm, file.name),
      )
      const openBug = openBugIn(options.realm, file.name)
      const reason = documentedFileIn(options.realm, file.name)
      if (reason !== undefined) {
        comparison.documented.push(
          ...comparison.differences.map((difference) => `${difference} (${reason})`),
        )
        comparison.differences = []
        comparison.orderAgrees = true
      }
      return { file: file.name, ...comparison, ...(openBug ? { openBug } : {}) }
    },
    options.limit,
  )
  return {
    level: options.level ?? 'full',
    files: results,
    tests: results.reduce((sum, result) => sum + result.tests, 0),
    agreeing: results.reduce((sum, result) => sum + result.agreeing, 0),
    filesInOrder: results.filter((result) => result.orderAgrees).length,
    documented: results.flatMap((result) =>
      result.documented.map((line) => `${result.file}: ${line}`),
    ),
  }
}

/** The differences of every file that has any, compactly, at most `maxLines` lines. */
export function formatDifferences(
  result: CorpusResult,
  maxLines = 80,
  { openBugs = false }: { openBugs?: boolean } = {},
): string {
  const lines: string[] = []
  for (const file of result.files) {
    if (file.differences.length === 0 || Boolean(file.openBug) !== openBugs) continue
    lines.push(`${file.file} (${file.agreeing}/${file.tests} tests agree)`)
    for (const difference of file.differences) lines.push(`  ${difference}`)
  }
  return lines.length > maxLines
    ? `${lines.slice(0, maxLines).join('\n')}\n… and ${lines.length - maxLines} more lines`
    : lines.join('\n')
}

/** One line with the totals. */
export function formatTotals(where: string, result: CorpusResult): string {
  const files = result.files.length
  const open = result.files.filter((file) => file.openBug && file.differences.length).length
  const documented = `${
    result.documented.length
      ? ` (${result.documented.length} documented difference${result.documented.length === 1 ? '' : 's'}: docs/test-runner-differences.md)`
      : ''
  }${open ? ` [${open} file${open === 1 ? '' : 's'} with open bugs]` : ''}`
  if (result.level === 'outcomes')
    return `${where}: ${result.agreeing}/${result.tests} tests have node --test's outcome in ${files} files${documented}`
  return `${where}: ${result.agreeing}/${result.tests} tests agree with node --test in ${files} files${documented}; event order and summary agree in ${result.filesInOrder}/${files} files`
}

/**
 * Prints a corpus check's open bugs and differences to stderr (once, in full) and returns the
 * differences (empty when everything agrees) with the totals line, for the caller to assert.
 */
export function reportCorpusResult(
  where: string,
  result: CorpusResult,
): { differences: string; totals: string } {
  const differences = formatDifferences(result)
  const open = formatDifferences(result, 80, { openBugs: true })
  if (open) {
    console.error(`\nOpen bugs (docs/test-runner-differences.md), not failing this run:\n${open}\n`)
  }
  if (differences) console.error(`\n${differences}\n`)
  return { differences, totals: formatTotals(where, result) }
}
