/**
 * A REPL value that is a test run (SPEC §5.2): recognised by its shape, waited for, and its events
 * streamed to the server in batches as they happen, so the server can keep the progress block
 * and the report of the realm's log (SPEC §2.7) and feed the run's listeners.
 */
import { type TestEvent, type TestSummaryData, testEventJson } from '@daebug/protocol'
import { cutText, EVENT_TEXT_MAX } from './cut.js'

/** A run's event stream, as node:test's `run()` returns it (duck-typed: any copy of the runner). */
export interface TestRunStream extends AsyncIterable<TestEvent> {
  finished: PromiseLike<void>
  summary?: TestSummaryData
}

/** Whether a job's value is a test run. Runs no getter of an ordinary value. */
export function isTestRunStream(value: unknown): value is TestRunStream {
  if (typeof value !== 'object' || value === null) return false
  try {
    const stream = value as Record<string | symbol, unknown>
    // `in` first: it runs no getter of the agent's value, and most values stop there.
    return (
      'summary' in stream &&
      'finished' in stream &&
      typeof stream.on === 'function' &&
      typeof stream[Symbol.asyncIterator] === 'function' &&
      typeof (stream.finished as PromiseLike<void> | undefined)?.then === 'function'
    )
  } catch {
    return false
  }
}

/** Events in one batch at most, and the size of a batch that is sent without waiting. */
const BATCH_EVENTS = 500
const BATCH_CHARS = 262_144
/** Longest event; a longer one has its long strings cut (an assertion's huge `actual`). */
const EVENT_MAX = 1_048_576

function cutStrings(value: unknown): unknown {
  if (typeof value === 'string') return cutText(value, EVENT_TEXT_MAX)
  if (Array.isArray(value)) return value.map(cutStrings)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, cutStrings(field)]))
}

/** An event as JSON under {@link EVENT_MAX}: long strings cut, else only its name and place. */
export function boundedEventJson(event: TestEvent): string {
  const json = testEventJson(event)
  if (json.length <= EVENT_MAX) return json
  const cut = JSON.stringify(cutStrings(JSON.parse(json)))
  if (cut.length <= EVENT_MAX) return cut
  const { name, nesting, file, line, column } = event.data as unknown as Record<string, unknown>
  const data = { name, nesting, file, line, column, message: 'event too large to send' }
  return JSON.stringify({ type: event.type, data: cutStrings(data) })
}

/** Where a run's batches go, and the timer that flushes a batch that is not full. */
export interface RunSink {
  send(text: string): void
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
}

/**
 * Sends the events of `stream` for `jobId` until the run ends: an empty batch at once (the server
 * then holds the job to the run watchdog, not to the REPL timeout), then batches of events at
 * most 50 ms late. Resolves after the last batch was handed to `sink.send`.
 */
export async function streamTestRun(
  jobId: string,
  stream: TestRunStream,
  sink: RunSink,
): Promise<void> {
  let batch: string[] = []
  let chars = 0
  let timer: unknown
  const flush = (): void => {
    if (timer !== undefined) sink.clearTimeout(timer)
    timer = undefined
    const events = batch
    batch = []
    chars = 0
    sink.send(`{"type":"test","jobId":${JSON.stringify(jobId)},"events":[${events.join(',')}]}`)
  }
  flush()
  try {
    for await (const event of stream) {
      const json = boundedEventJson(event)
      batch.push(json)
      chars += json.length
      if (batch.length >= BATCH_EVENTS || chars >= BATCH_CHARS) flush()
      else timer ??= sink.setTimeout(flush, 50)
    }
  } finally {
    if (batch.length) flush()
    else if (timer !== undefined) sink.clearTimeout(timer)
  }
}
