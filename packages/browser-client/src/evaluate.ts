/**
 * Runs a job's code in the realm's global scope and turns the outcome into a `result` message that
 * always serialises and always fits the server's limit (SPEC §2.4, §3.2, §7).
 */
import { type EventBatch, losslessJson, type RealmResult } from '@daebug/protocol'
import { cutText, EVENT_TEXT_MAX, MESSAGE_MAX, RESULT_TEXT_MAX } from './cut.js'
import { isTestRunStream } from './test-run-stream.js'
import { describeThrown, safeInspect } from './thrown.js'

/** An indirect `eval`: evaluates a script in the global scope and returns its completion value. */
export type GlobalEval = (source: string) => unknown

/**
 * Runs a job's script once, in the global scope. The server prepared it (SPEC §3.1: the REPL
 * rewrite); its first line is the server's and the agent's lines follow, each where it was. A
 * promise it evaluates to is awaited.
 * @example
 * await evaluateCode('\n1 + 1', (0, eval)) // 2
 */
export function evaluateCode(script: string, globalEval: GlobalEval): Promise<unknown> {
  try {
    return Promise.resolve(globalEval(script))
  } catch (error) {
    return Promise.reject(error)
  }
}

/** How a job ended: its value (or a text to reply instead), or what it threw or rejected with. */
export type JobOutcome =
  | { ok: true; value: unknown; text?: string }
  | { ok: false; thrown: unknown }

/**
 * The outcome of a job's value (SPEC §5.2): a test run (`run()` from node:test) is waited for and
 * becomes a one-line summary, a failure when a test failed so the agent cannot miss it; any other
 * value is itself.
 */
export async function outcomeOf(value: unknown): Promise<JobOutcome> {
  if (!isTestRunStream(value)) return { ok: true, value }
  await value.finished
  const summary = value.summary
  if (summary === undefined)
    return { ok: true, value, text: 'The test run ended without a summary.' }
  const { passed, failed, cancelled, skipped, todo } = summary.counts
  const line = [
    `${passed} passed`,
    `${failed + cancelled} failed`,
    `${skipped} skipped`,
    ...(todo > 0 ? [`${todo} todo`] : []),
  ].join(', ')
  const text = `${line} (${(summary.duration_ms / 1000).toFixed(1)}s)`
  if (summary.success) return { ok: true, value, text }
  const error = new Error(text)
  error.name = 'TestsFailed'
  error.stack = `TestsFailed: ${text}`
  return { ok: false, thrown: error }
}

const CSP_EVAL_HINT =
  "(The page's Content-Security-Policy forbids eval; Daebug needs 'unsafe-eval' in script-src to run code here.)"

function describeOutcome(
  outcome: JobOutcome,
): Pick<RealmResult, 'ok' | 'value' | 'text' | 'error'> {
  if (!outcome.ok) {
    const { error, text } = describeThrown(outcome.thrown)
    return {
      ok: false,
      error,
      text: error.name === 'EvalError' ? `${text}\n${CSP_EVAL_HINT}` : text,
    }
  }
  const { value } = outcome
  if (outcome.text !== undefined) return { ok: true, text: outcome.text }
  if (value === undefined) return { ok: true, text: 'undefined' }
  const json = losslessJson(value)
  if (json !== undefined) return { ok: true, value: json, text: json }
  return { ok: true, text: cutText(safeInspect(value), RESULT_TEXT_MAX) }
}

function reasonOf(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  } catch {
    return 'unknown error'
  }
}

function unserialisable(jobId: string, durationMs: number, why: string): RealmResult {
  const text = `Daebug could not serialise this job's result (${why}); the code did run.`
  return { type: 'result', jobId, ok: false, text, durationMs, events: [], omitted: 0 }
}

/** Builds the `result` of a job. Never throws: a value that cannot be described becomes a failure. */
export function buildResult(
  jobId: string,
  outcome: JobOutcome,
  durationMs: number,
  batch: EventBatch,
): RealmResult {
  const duration = Number.isFinite(durationMs) && durationMs > 0 ? durationMs : 0
  try {
    return { type: 'result', jobId, ...describeOutcome(outcome), durationMs: duration, ...batch }
  } catch (error) {
    return unserialisable(jobId, duration, reasonOf(error))
  }
}

function shrink(result: RealmResult, textMax: number, eventMax: number): RealmResult {
  const { value: _value, ...rest } = result
  const smaller: RealmResult = {
    ...rest,
    text: cutText(result.text, textMax),
    events: result.events.map((event) => ({
      ...event,
      text: cutText(event.text, eventMax),
      ...(event.stack === undefined ? {} : { stack: cutText(event.stack, eventMax) }),
      ...(event.json ? { json: event.text.length <= eventMax } : {}),
    })),
  }
  if (result.error) {
    smaller.error = {
      name: cutText(result.error.name, 200),
      message: cutText(result.error.message, textMax),
      stack: cutText(result.error.stack, textMax),
    }
  }
  return smaller
}

/**
 * Serialises a result as JSON text under {@link MESSAGE_MAX}: a result whose escaped text is still
 * too large loses its JSON value and has its texts cut further. Never throws.
 */
export function serializeResult(result: RealmResult): string {
  try {
    const text = JSON.stringify(result)
    if (text.length <= MESSAGE_MAX) return text
    const smaller = JSON.stringify(shrink(result, RESULT_TEXT_MAX / 8, EVENT_TEXT_MAX / 8))
    if (smaller.length <= MESSAGE_MAX) return smaller
    const why = `${smaller.length} characters even when cut`
    return JSON.stringify(unserialisable(result.jobId, result.durationMs, why))
  } catch (error) {
    return JSON.stringify(unserialisable(String(result.jobId), 0, reasonOf(error)))
  }
}
