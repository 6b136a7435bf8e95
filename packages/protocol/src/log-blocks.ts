/**
 * Reading the server-written blocks of a log back into values (SPEC §2.4–§2.7), so that tools can
 * read replies and reports, and tests can check that every format round-trips.
 */
import {
  EVENT_LEVELS,
  type EventLevel,
  eventIcon,
  formatBackgroundBlock,
  isUncaught,
  type LoggedEvent,
} from './events.js'
import { fenceBody, scanFences, writeFence } from './fences.js'
import {
  formatDiagnostic,
  formatReply,
  formatSlot,
  type ReplyBody,
  type SlotState,
} from './log-format.js'
import { type ServerBlockKind, serverBlockStart, splitLines } from './log-parse.js'
import {
  formatTestProgress,
  formatTestResults,
  type ReportedSkip,
  type TestProgress,
  type TestReport,
} from './test-report.js'
import { parseDuration } from './time.js'

/** A reply as the log shows it (its duration as written, its events with `HH:MM:SS` times). */
export interface LoggedReply {
  kind: 'reply'
  realm: string
  agent: string
  time: string
  durationMs?: number
  ok: boolean
  body: ReplyBody
  events: LoggedEvent[]
  omitted: number
}

/** Any server-written block, read back. */
export type ParsedBlock =
  | LoggedReply
  | { kind: 'slot'; realm: string; agent: string; slot: SlotState }
  | { kind: 'background'; realm: string; events: LoggedEvent[]; omitted: number }
  | { kind: 'diagnostic'; time: string; text: string }
  | ({ kind: 'test-progress' } & TestProgress)
  | ({ kind: 'test-results' } & TestReport)

const REPLY_HEADER = /^#### (👍|🚫)(\S+) to (\S+) at (\d\d:\d\d:\d\d)(?: \(([\d,.]+m?s)\))?$/u
const SLOT_HEADER = /^#### ⏳(\S+) to (\S+) at (\d\d:\d\d:\d\d)$/u
const SLOT_STATUS = /^(?:queued \((\d+) ahead\)|executing \((\d+)s\))$/
const BACKGROUND_HEADER = /^#### 📣(\S+) background at (\d\d:\d\d:\d\d)$/u
const DIAGNOSTIC_HEADER = /^#### 🛠\uFE0F?System at (\d\d:\d\d:\d\d)$/u
const EVENT_HEADER =
  /^##### (\S+?)(console\.\w+|window\.onerror|self\.onerror|unhandledrejection) (\d\d:\d\d:\d\d)$/u
const OMITTED = /^\.\.\. \((\d+) more background events omitted\) \.\.\.$/

/** A fence starting at `lines[at]`: its tag (info string) and body, and the line after it. */
function readFence(
  lines: readonly string[],
  at: number,
): { tag: string; body: string; next: number } | undefined {
  const rest = lines.slice(at)
  const fence = scanFences(rest).fences[0]
  if (fence?.open !== 0 || fence.close < 0 || fence.indent) return undefined
  const body = fenceBody(rest, fence)
  // The server writes only backtick fences of exactly the length writeFence picks.
  if (writeFence(fence.info, body) !== rest.slice(0, fence.close + 1).join('\n')) return undefined
  return { tag: fence.info, body, next: at + fence.close + 1 }
}

function levelOf(label: string): EventLevel | undefined {
  const level = label.startsWith('console.') ? label.slice('console.'.length) : label
  return (EVENT_LEVELS as readonly string[]).includes(level) ? (level as EventLevel) : undefined
}

/** Reads events (`#####` heading + fence each, with an omission line) from `lines[at]` on. */
function readEvents(
  lines: readonly string[],
  at: number,
): { events: LoggedEvent[]; omitted: number } | undefined {
  const events: LoggedEvent[] = []
  let omitted = 0
  let i = at
  while (i < lines.length) {
    if (lines[i] === '' && OMITTED.test(lines[i + 1] ?? '')) {
      omitted = Number(OMITTED.exec(lines[i + 1]!)![1])
      i += lines[i + 2] === '' ? 3 : 2
      continue
    }
    const header = EVENT_HEADER.exec(lines[i]!)
    const level = header && levelOf(header[2]!)
    const fence = header && readFence(lines, i + 1)
    if (!header || !level || !fence) return undefined
    const label = header[2]!
    const json = fence.tag === `JSON ${label}`
    const expected = isUncaught(level) ? `Error ${label}` : json ? fence.tag : `Text ${label}`
    if (fence.tag !== expected || header[1] !== eventIcon(level)) return undefined
    events.push({ level, clock: header[3]!, text: fence.body, ...(json ? { json } : {}) })
    i = fence.next
  }
  return { events, omitted }
}

function bodyOf(tag: string, text: string): ReplyBody | undefined {
  if (tag === 'JSON') return { kind: 'json', json: text }
  if (tag === 'Text') return { kind: 'text', text }
  if (tag === 'Error') return { kind: 'error', stack: text }
  return undefined
}

function parseReplyLines(lines: readonly string[]): LoggedReply | undefined {
  const header = REPLY_HEADER.exec(lines[0]!)
  const fence = readFence(lines, 1)
  const body = fence && bodyOf(fence.tag, fence.body)
  const events = fence && readEvents(lines, fence.next)
  if (!header || !body || !events) return undefined
  const durationMs = header[5] === undefined ? undefined : parseDuration(header[5])
  if (header[5] !== undefined && durationMs === undefined) return undefined
  return {
    kind: 'reply',
    realm: header[2]!,
    agent: header[3]!,
    time: header[4]!,
    ...(durationMs === undefined ? {} : { durationMs }),
    ok: header[1] === '👍',
    body,
    events: events.events,
    omitted: events.omitted,
  }
}

const FAILURE = /^✗ (.+) \(([\d,.]+m?s)\)$/
const SKIP = /^○ (.+) \(skipped(?:: (.*))?\)$/
const TODO = /^☐ (.+) \(todo(?:: (.*))?\)$/
const PASS = /^✓ (.+) \(([\d,.]+m?s)\)$/
const PASS_COUNT = /^✓ (\d+) passed in (\d+) files?$/
const RESULTS =
  /^## Test Results: (\d+) pass, (\d+) fail, (\d+) skip(?:, (\d+) todo)? \(([\d,.]+m?s)\)$/
const PROGRESS = /^## Test Progress: (\d+)\/(\d+) done, (\d+) pass, (\d+) fail \(([\d,.]+m?s)\)$/

const skipOf = (match: RegExpExecArray): ReportedSkip =>
  match[2] === undefined ? { name: match[1]! } : { name: match[1]!, reason: match[2] }

/** Reads a skip, todo, verbose pass or (last) pass-count line into the report. */
function readListedLine(line: string, last: boolean, report: TestReport): boolean {
  const skip = SKIP.exec(line)
  if (skip) return report.skips.push(skipOf(skip)) > 0
  const todo = TODO.exec(line)
  if (todo) return report.todos.push(skipOf(todo)) > 0
  const count = last ? PASS_COUNT.exec(line) : null
  if (count) {
    report.files = Number(count[2])
    return true
  }
  const pass = PASS.exec(line)
  if (!pass) return false
  report.passes ??= []
  report.passes.push({ name: pass[1]!, durationMs: parseDuration(pass[2]!) ?? 0 })
  return true
}

function parseResultsLines(lines: readonly string[]): TestReport | undefined {
  const heading = RESULTS.exec(lines[0]!)
  if (!heading || lines[1] !== '') return undefined
  const report: TestReport = {
    pass: Number(heading[1]),
    fail: Number(heading[2]),
    skip: Number(heading[3]),
    todo: Number(heading[4] ?? 0),
    durationMs: parseDuration(heading[5]!) ?? 0,
    files: 0,
    failures: [],
    skips: [],
    todos: [],
  }
  let i = 2
  while (i < lines.length) {
    const failure = FAILURE.exec(lines[i]!)
    if (failure) {
      const fence = readFence(lines, i + 1)
      if (fence?.tag !== 'Error') return undefined
      const durationMs = parseDuration(failure[2]!) ?? 0
      report.failures.push({ name: failure[1]!, durationMs, error: fence.body })
      i = fence.next
      continue
    }
    if (!readListedLine(lines[i]!, i === lines.length - 1, report)) return undefined
    i++
  }
  return report
}

function parseProgressLines(lines: readonly string[]): TestProgress | undefined {
  const heading = PROGRESS.exec(lines[0]!)
  if (!heading || (lines.length > 1 && (lines[1] !== '' || lines.length < 3))) return undefined
  const failures: TestProgress['failures'] = []
  for (const line of lines.slice(2)) {
    const failure = FAILURE.exec(line)
    if (!failure) return undefined
    failures.push({ name: failure[1]!, durationMs: parseDuration(failure[2]!) ?? 0 })
  }
  const [done, total, pass, fail] = heading.slice(1, 5).map(Number) as [
    number,
    number,
    number,
    number,
  ]
  return { done, total, pass, fail, durationMs: parseDuration(heading[5]!) ?? 0, failures }
}

/**
 * Reads one server-written block (its text, as {@link findServerBlocks} delimits it). Returns
 * undefined for text that is not exactly a block the server writes.
 */
export function parseServerBlock(text: string): ParsedBlock | undefined {
  const lines = splitLines(text)
  const kind: ServerBlockKind | undefined = serverBlockStart(lines[0]!)
  if (kind === 'reply') return parseReplyLines(lines)
  if (kind === 'slot') {
    const header = SLOT_HEADER.exec(lines[0]!)
    const status = SLOT_STATUS.exec(lines[1] ?? '')
    if (!header || !status || lines.length !== 2) return undefined
    const slot: SlotState =
      status[1] !== undefined
        ? { state: 'queued', ahead: Number(status[1]), time: header[3]! }
        : { state: 'executing', seconds: Number(status[2]), time: header[3]! }
    return { kind, realm: header[1]!, agent: header[2]!, slot }
  }
  if (kind === 'background') {
    const header = BACKGROUND_HEADER.exec(lines[0]!)
    const events = readEvents(lines, 1)
    if (!header || !events || events.events[0]?.clock !== header[2]) return undefined
    return { kind, realm: header[1]!, ...events }
  }
  if (kind === 'diagnostic') {
    const header = DIAGNOSTIC_HEADER.exec(lines[0]!)
    const fence = readFence(lines, 1)
    if (!header || !fence || fence.tag !== 'Text' || fence.next !== lines.length) return undefined
    return { kind, time: header[1]!, text: fence.body }
  }
  if (kind === 'test-progress') {
    const progress = parseProgressLines(lines)
    return progress && { kind, ...progress }
  }
  if (kind === 'test-results') {
    const report = parseResultsLines(lines)
    return report && { kind, ...report }
  }
  return undefined
}

/** Writes a block read by {@link parseServerBlock}: `formatServerBlock(parseServerBlock(x)) === x`. */
export function formatServerBlock(block: ParsedBlock): string {
  switch (block.kind) {
    case 'reply':
      return formatReply(block)
    case 'slot':
      return formatSlot(block.realm, block.agent, block.slot)
    case 'background':
      return formatBackgroundBlock(block.realm, block)
    case 'diagnostic':
      return formatDiagnostic(block.time, block.text)
    case 'test-progress':
      return formatTestProgress(block)
    case 'test-results':
      return formatTestResults(block)
  }
}
