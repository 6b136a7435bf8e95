/**
 * `--test --browsers N` (SPEC §11, "Beyond one machine"): the test files are split across N
 * realms, longest first by the durations of earlier runs, and the N runs' events are merged into
 * one report. Each file's events are passed on together when the file ends, so a reporter sees
 * one file at a time, as with one realm. Then come one plan, each run's own notes, one line per
 * realm naming the files it ran, the counts over all runs and one summary.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  countDiagnostics,
  emptyCounts,
  formatDuration,
  isCountDiagnostic,
  type TestCounts,
  type TestEvent,
  type TestSummaryData,
} from '@daebug/protocol'

/**
 * Splits `files` into at most `count` groups of about equal expected time: longest first, each to
 * the group with the least time so far. A file without a known duration counts as the mean of the
 * known ones. Each group keeps the files' own order; empty groups are left out.
 * @example
 * splitFiles(['/a.test.js', '/b.test.js', '/c.test.js'], { '/a.test.js': 900 }, 2)
 * // → [['/a.test.js'], ['/b.test.js', '/c.test.js']]
 */
export function splitFiles(
  files: readonly string[],
  durations: Readonly<Record<string, number>>,
  count: number,
): string[][] {
  const known = files.map((file) => durations[file]).filter((ms) => ms !== undefined)
  const mean = known.length ? known.reduce((sum, ms) => sum + ms, 0) / known.length : 1
  const expected = files.map((file, index) => ({ index, ms: durations[file] ?? mean }))
  expected.sort((a, b) => b.ms - a.ms || a.index - b.index)
  const groups = Array.from({ length: Math.max(1, Math.min(count, files.length)) }, () => ({
    ms: 0,
    indexes: [] as number[],
  }))
  for (const { index, ms } of expected) {
    const least = groups.reduce((best, group) => (group.ms < best.ms ? group : best))
    least.ms += ms
    least.indexes.push(index)
  }
  return groups
    .filter((group) => group.indexes.length > 0)
    .map((group) => group.indexes.sort((a, b) => a - b).map((index) => files[index]!))
}

/** One realm's run, as its events come in. */
interface RunState {
  realm: string
  /** Events since the last file ended. */
  pending: TestEvent[]
  /** The files it finished, as the events name them. */
  files: string[]
  /** Its own diagnostics after its last file (other than the counts). */
  notes: string[]
  summary?: TestSummaryData
}

/** Merges the event streams of runs in several realms into one report (see the module's doc). */
export class MergedRun {
  readonly #runs: RunState[]
  readonly #emit: (event: TestEvent) => void
  readonly #display: (file: string) => string
  readonly #startedAt = performance.now()
  /** Each finished file's duration, by the file as its events name it. */
  readonly durations: Map<string, number> = new Map()

  /**
   * @param realms the realm of each run, in the order of `push`'s index
   * @param emit receives the merged events
   * @param display how the realm lines show a file (default: as the events name it)
   */
  constructor(
    realms: readonly string[],
    emit: (event: TestEvent) => void,
    display: (file: string) => string = (file) => file,
  ) {
    this.#runs = realms.map((realm) => ({ realm, pending: [], files: [], notes: [] }))
    this.#emit = emit
    this.#display = display
  }

  /** An event of run `index`. */
  push(index: number, event: TestEvent): void {
    const run = this.#runs[index]
    if (!run) throw new RangeError(`no run ${index}: the runs are 0 to ${this.#runs.length - 1}`)
    if (event.type !== 'test:summary') {
      run.pending.push(event)
      return
    }
    const { file } = event.data
    if (file === undefined) {
      this.#runEnded(run, event.data)
      return
    }
    run.pending.push(event)
    for (const pending of run.pending.splice(0)) this.#emit(pending)
    run.files.push(file)
    this.durations.set(file, event.data.duration_ms)
  }

  #runEnded(run: RunState, summary: TestSummaryData): void {
    run.summary = summary
    for (const event of run.pending.splice(0)) {
      if (event.type === 'test:plan' && event.data.nesting === 0) continue
      if (event.type === 'test:diagnostic' && event.data.nesting === 0) {
        if (!isCountDiagnostic(event.data.message)) run.notes.push(event.data.message)
        continue
      }
      // What a file left before the run was ended for it (SPEC §4.1: the realm went away).
      this.#emit(event)
    }
  }

  /**
   * Emits the end of the merged report and returns its summary: counts summed, the wall time
   * since the merge began, success only when every run succeeded. A run that ended without a
   * summary (its stream broke) makes the whole one fail, `aborted` saying which.
   */
  end(): TestSummaryData {
    const counts = emptyCounts()
    const aborted: string[] = []
    for (const run of this.#runs) {
      for (const event of run.pending.splice(0)) this.#emit(event)
      if (!run.summary) aborted.push(`the run in ${run.realm} ended without a summary`)
      else if (run.summary.aborted !== undefined) {
        aborted.push(`in ${run.realm}: ${run.summary.aborted}`)
      }
      for (const key of Object.keys(counts) as (keyof TestCounts)[]) {
        counts[key] += run.summary?.counts[key] ?? 0
      }
    }
    const durationMs = Math.round((performance.now() - this.#startedAt) * 1000) / 1000
    this.#emit({ type: 'test:plan', data: { nesting: 0, count: counts.topLevel } })
    const notes = this.#runs.flatMap((run) => run.notes)
    for (const message of [
      ...notes,
      ...this.#realmLines(),
      ...countDiagnostics(counts, durationMs),
    ]) {
      this.#emit({ type: 'test:diagnostic', data: { nesting: 0, message } })
    }
    const summary: TestSummaryData = {
      success: aborted.length === 0 && this.#runs.every((run) => run.summary?.success),
      counts,
      duration_ms: durationMs,
      ...(aborted.length ? { aborted: aborted.join('; ') } : {}),
    }
    this.#emit({ type: 'test:summary', data: summary })
    return summary
  }

  /** `<realm> ran 3 files in 1.2s: a.test.js, b.test.js, c.test.js`, one per run. */
  #realmLines(): string[] {
    return this.#runs.map((run) => {
      const files = run.files.map(this.#display).join(', ')
      const count = `${run.files.length} file${run.files.length === 1 ? '' : 's'}`
      const time = run.summary ? ` in ${formatDuration(run.summary.duration_ms)}` : ''
      return `${run.realm} ran ${count}${time}${files ? `: ${files}` : ''}`
    })
  }
}

/** Where `--browsers` keeps each file's last duration: in the root's log folder, hidden. */
export function durationsPath(root: string): string {
  return join(root, 'daebug', '.test-durations.json')
}

/** The durations earlier runs recorded (ms by file URL path); none when there is no readable record. */
export async function readDurations(root: string): Promise<Record<string, number>> {
  try {
    const record = JSON.parse(await readFile(durationsPath(root), 'utf8')) as unknown
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return {}
    return Object.fromEntries(
      Object.entries(record).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] >= 0,
      ),
    )
  } catch {
    return {}
  }
}

/**
 * Adds `measured` to the record (a file's newest duration replaces its older one; files not run
 * keep theirs). The record only orders the next split, so failing to write it is not an error.
 */
export async function saveDurations(
  root: string,
  measured: ReadonlyMap<string, number>,
): Promise<void> {
  if (measured.size === 0) return
  const record = { ...(await readDurations(root)), ...Object.fromEntries(measured) }
  const path = durationsPath(root)
  const temp = `${path}.${process.pid}.tmp`
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(temp, `${JSON.stringify(record, null, 1)}\n`)
    await rename(temp, path)
  } catch {
    await rm(temp, { force: true }).catch(() => {})
  }
}
