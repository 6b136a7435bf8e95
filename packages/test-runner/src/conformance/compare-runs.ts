/**
 * Turns one run's test events (node:test's `{ type, data }`, as event-json.mjs prints them) into
 * what the conformance suite compares, and compares two runs of one file: every test by its full
 * name (nesting, result, skip and todo reasons, failure type, error), the order in which tests are
 * reported, completed and enqueued, and the summary counts. Durations, lines and columns are not
 * compared; file paths and URLs are reduced to the file's name. Pure: no I/O.
 */

/** One node:test event. */
export interface TestEvent {
  type: string
  data: Record<string, unknown>
}

/** One test or suite of a run, keyed by its full name. */
export interface TestRecord {
  /** The names from the top level down, joined with ` > ` (`#2` marks a repeated full name). */
  path: string
  nesting: number
  kind: 'test' | 'suite'
  result: 'pass' | 'fail'
  testNumber?: number
  skip?: string | true
  todo?: string | true
  failureType?: string
  /** The cause of a failure: `Name [code]: message`, or the JSON of a thrown value. */
  error?: string
}

/** What is compared of one run of one file. */
export interface NormalisedRun {
  /** In the order they were reported. */
  tests: TestRecord[]
  /** `start`, `end` (pass or fail), `plan` and `diagnostic` events, in order. */
  reported: string[]
  /** `test:complete` events (the order tests finished in), in order. */
  completed: string[]
  /** `test:enqueue` events, in order. */
  enqueued: string[]
  /** `tests N, suites N, pass N, fail N, cancelled N, skipped N, todo N`, or '' without one. */
  summary: string
}

/** How much of a run must agree: all of it, or (for engines whose error messages differ) outcomes. */
export type ComparisonLevel = 'full' | 'outcomes'

/** The result of comparing one file's run with the oracle's. */
export interface FileComparison {
  /** Tests in the oracle's run. */
  tests: number
  /** Tests of the oracle's run that ours has with every compared field equal, or differing only as documented. */
  agreeing: number
  /** Whether the orders of events and the summary agree. */
  orderAgrees: boolean
  /** One line per difference. */
  differences: string[]
  /** One line per difference that docs/test-runner-differences.md lists (not counted against). */
  documented: string[]
}

/** Whether a difference in one field of one test is a documented one. */
export type IsDocumented = (path: string, field: keyof TestRecord) => boolean

const COUNTS = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'] as const
const COUNT_DIAGNOSTIC = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \S+$/

/** The events in text printed by oracle-reporter.mjs or run-file.mjs (other lines are ignored). */
export function parseEventLines(text: string): TestEvent[] {
  const events: TestEvent[] = []
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"type":"test:')) continue
    try {
      events.push(JSON.parse(line) as TestEvent)
    } catch {
      // A line cut short (a process killed mid-write) is not an event.
    }
  }
  return events
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A function that reduces every path or URL ending in the file's name to the name. */
function pathCleaner(fileName: string): (text: string) => string {
  const pattern = new RegExp(`[^\\s"'()\`]*${escapeRegExp(fileName)}`, 'g')
  return (text) => text.replace(pattern, fileName)
}

function isErrorLike(value: unknown): value is { name: string; message: string; code?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  )
}

function isUndefined(value: unknown): boolean {
  return (
    value === undefined ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { $value?: unknown }).$value === 'undefined undefined')
  )
}

function describeValue(value: unknown, depth = 0): string {
  if (isUndefined(value)) return 'undefined'
  if (typeof value === 'object' && value !== null && '$value' in value)
    return String((value as { $value: unknown }).$value)
  if (!isErrorLike(value)) return JSON.stringify(value)
  const code = value.code === undefined ? '' : ` [${String(value.code)}]`
  const cause = (value as { cause?: unknown }).cause
  const nested =
    depth < 1 && !isUndefined(cause) ? ` (cause: ${describeValue(cause, depth + 1)})` : ''
  return `${value.name}${code}: ${value.message}${nested}`
}

/** The failure type and the description of the cause of a test's error. */
function describeFailure(error: unknown): { failureType?: string; error?: string } {
  if (!isErrorLike(error)) return isUndefined(error) ? {} : { error: describeValue(error) }
  const failureType = (error as { failureType?: unknown }).failureType
  const described = 'cause' in error ? describeValue(error.cause) : describeValue(error)
  return {
    ...(typeof failureType === 'string' ? { failureType } : {}),
    error: described,
  }
}

function reason(value: unknown): string | true | undefined {
  if (value === undefined || value === false) return undefined
  return typeof value === 'string' ? value : true
}

/** What is compared of one file's run, from its events. */
export function normaliseRun(events: TestEvent[], fileName: string): NormalisedRun {
  const clean = pathCleaner(fileName)
  const run: NormalisedRun = { tests: [], reported: [], completed: [], enqueued: [], summary: '' }
  const names: string[] = []
  const seen = new Map<string, number>()
  const completions = new Set<string>()
  const counts = new Map<string, string>()
  const isFileLevel = (data: Record<string, unknown>) =>
    data.nesting === 0 && typeof data.name === 'string' && clean(data.name) === fileName

  for (const { type, data } of events) {
    const nesting = typeof data.nesting === 'number' ? data.nesting : 0
    const name = typeof data.name === 'string' ? clean(data.name) : String(data.name)
    const details = (data.details ?? {}) as Record<string, unknown>
    if (type === 'test:enqueue') {
      if (!isFileLevel(data)) run.enqueued.push(`${nesting} ${name}`)
    } else if (type === 'test:complete') {
      // Node 20 emits a second, identical test:complete for a test its parent cancelled.
      const identity = JSON.stringify(data)
      if (completions.has(identity)) continue
      completions.add(identity)
      const passed = details.passed ?? isUndefined(details.error)
      if (!isFileLevel(data)) run.completed.push(`${nesting} ${name} ${passed ? 'pass' : 'fail'}`)
    } else if (type === 'test:start') {
      names.length = nesting
      names[nesting] = name
      run.reported.push(`start ${[...names.slice(0, nesting), name].join(' > ')}`)
    } else if (type === 'test:pass' || type === 'test:fail') {
      let path = [...names.slice(0, nesting), name].join(' > ')
      const times = (seen.get(path) ?? 0) + 1
      seen.set(path, times)
      if (times > 1) path += ` #${times}`
      const record: TestRecord = {
        path,
        nesting,
        kind: details.type === 'suite' ? 'suite' : 'test',
        result: type === 'test:pass' ? 'pass' : 'fail',
      }
      if (typeof data.testNumber === 'number') record.testNumber = data.testNumber
      const skip = reason(data.skip)
      const todo = reason(data.todo)
      if (skip !== undefined) record.skip = skip
      if (todo !== undefined) record.todo = todo
      if (type === 'test:fail') {
        const failure = describeFailure(details.error)
        if (failure.failureType) record.failureType = failure.failureType
        if (failure.error !== undefined) record.error = clean(failure.error)
      }
      run.tests.push(record)
      run.reported.push(`end ${path}`)
    } else if (type === 'test:plan') {
      run.reported.push(`plan ${nesting} ${String(data.count)}`)
    } else if (type === 'test:diagnostic') {
      const message = clean(String(data.message))
      const count = COUNT_DIAGNOSTIC.exec(message)
      if (count && nesting === 0 && data.file === undefined) counts.set(count[1]!, message)
      else run.reported.push(`diagnostic ${nesting} ${message}`)
    } else if (type === 'test:summary' && data.file === undefined) {
      const summary = (data.counts ?? {}) as Record<string, unknown>
      const fields: Record<(typeof COUNTS)[number], unknown> = {
        tests: summary.tests,
        suites: summary.suites,
        pass: summary.passed,
        fail: summary.failed,
        cancelled: summary.cancelled,
        skipped: summary.skipped,
        todo: summary.todo,
      }
      for (const key of COUNTS) if (!counts.has(key)) counts.set(key, `${key} ${fields[key]}`)
    }
  }
  if (counts.size) run.summary = COUNTS.map((key) => counts.get(key) ?? `${key} ?`).join(', ')
  return run
}

const FULL_FIELDS = [
  'nesting',
  'kind',
  'result',
  'testNumber',
  'skip',
  'todo',
  'failureType',
  'error',
] as const
const OUTCOME_FIELDS = ['nesting', 'kind', 'result', 'skip', 'todo', 'failureType'] as const

function shorten(text: string, max = 160): string {
  const flat = JSON.stringify(text).slice(1, -1)
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : shorten(typeof value === 'string' ? value : String(value))
}

/** The first place where two sequences differ, as one line, or undefined when they agree. */
function firstDifference(what: string, expected: string[], actual: string[]): string | undefined {
  const length = Math.max(expected.length, actual.length)
  for (let index = 0; index < length; index++) {
    if (expected[index] === actual[index]) continue
    return `${what} differs at #${index + 1} of ${expected.length}: node \`${show(expected[index])}\`, ours \`${show(actual[index])}\``
  }
  return undefined
}

/** Compares our run of one file with the oracle's. */
export function compareRuns(
  oracle: NormalisedRun,
  ours: NormalisedRun,
  level: ComparisonLevel = 'full',
  isDocumented: IsDocumented = () => false,
): FileComparison {
  const fields = level === 'full' ? FULL_FIELDS : OUTCOME_FIELDS
  const differences: string[] = []
  const documented: string[] = []
  const byPath = new Map(ours.tests.map((test) => [test.path, test]))
  let agreeing = 0
  for (const expected of oracle.tests) {
    const actual = byPath.get(expected.path)
    byPath.delete(expected.path)
    if (!actual) {
      differences.push(`"${shorten(expected.path)}": missing (node: ${expected.result})`)
      continue
    }
    const unequal = fields.filter((field) => expected[field] !== actual[field])
    if (unequal.every((field) => isDocumented(expected.path, field))) agreeing += 1
    for (const field of unequal)
      (isDocumented(expected.path, field) ? documented : differences).push(
        `"${shorten(expected.path)}": ${field} node ${show(expected[field])}, ours ${show(actual[field])}`,
      )
  }
  for (const extra of byPath.values())
    differences.push(`"${shorten(extra.path)}": extra in ours (${extra.result})`)

  const orderDifferences =
    level === 'full'
      ? [
          firstDifference('report order', oracle.reported, ours.reported),
          firstDifference('completion order', oracle.completed, ours.completed),
          firstDifference('enqueue order', oracle.enqueued, ours.enqueued),
          oracle.summary === ours.summary
            ? undefined
            : `summary: node "${oracle.summary}", ours "${ours.summary || '(none)'}"`,
        ].filter((line): line is string => line !== undefined)
      : []
  differences.push(...orderDifferences)
  return {
    tests: oracle.tests.length,
    agreeing,
    orderAgrees: orderDifferences.length === 0,
    differences,
    documented,
  }
}
