/**
 * The text the server writes into a realm log (SPEC §2.2–§2.6, §2.9): the new-file header, the
 * footer, agent headers, job slots, replies and diagnostics. Every function is pure.
 */
import { type CapturedEvent, formatEvents, type LoggedEvent } from './events.js'
import { writeFence } from './fences.js'
import { formatDuration } from './time.js'

/** The 70-dash line that opens the footer. */
export const FOOTER_RULE: string = '-'.repeat(70)
/** The prompt line of the footer. */
export const FOOTER_PROMPT = '> Append your JavaScript snippet below to execute against this page.'
/** The footer as written: rule, prompt, and one empty line. A server-written file ends with it. */
export const FOOTER: string = `${FOOTER_RULE}\n${FOOTER_PROMPT}\n\n`

/** Whether a realm is a page or the web worker beside it. */
export type RealmKind = 'page' | 'worker'

/** The text of a new realm log: title, a short explanation, the guide, and the footer (SPEC §2.2). */
export function formatLogHeader(realm: string, kind: RealmKind = 'page'): string {
  const where = kind === 'worker' ? 'a live web worker beside a page' : 'a live browser page'
  return `# ${realm} Session

This file is a REPL into ${where}. Append a fenced \`js\` block below the last line and save: the
code runs in that realm and the result appears under your block.

## Short Guide
- Write an expression or statements; the value of the last expression is the reply.
- Top-level \`await\` works, and \`let\`/\`const\`/\`function\`/\`class\` declarations persist between requests.
- Console output and uncaught errors caused by your code are attached to its reply.
- Check the duration in each reply header: it is how long the realm took.
- Run tests with \`(await import('node:test')).run({ files: ['**/*.test.js'] })\`.
- Keep notes in plain text between requests; only fenced \`js\`/\`ts\` blocks run.

${FOOTER}`
}

/** The header of a request: `### 🗣️<agent> to <realm> at HH:MM:SS`. */
export function formatAgentHeader(agent: string, realm: string, time: string): string {
  return `### 🗣️${agent} to ${realm} at ${time}`
}

/** A job waiting in the realm's queue, or running in it. */
export type SlotState =
  | { state: 'queued'; ahead: number; time: string }
  | { state: 'executing'; seconds: number; time: string }

/**
 * The placeholder under a request fence while its job waits or runs (SPEC §2.3, §2.9):
 * `#### ⏳<realm> to <agent> at <time>` and `queued (N ahead)` or `executing (Ns)`.
 */
export function formatSlot(realm: string, agent: string, slot: SlotState): string {
  const status =
    slot.state === 'queued' ? `queued (${slot.ahead} ahead)` : `executing (${slot.seconds}s)`
  return `#### ⏳${realm} to ${agent} at ${slot.time}\n${status}`
}

/**
 * A request sent by HTTP, the relay, MCP or the CLI, logged as if the agent had appended it
 * (SPEC §4): `### 🗣️<agent> to <realm> at <time>`, a `js` fence with the code, and its slot.
 */
export function formatRequest(agent: string, realm: string, code: string, slot: SlotState): string {
  return `${formatAgentHeader(agent, realm, slot.time)}\n${writeFence('js', code)}\n${formatSlot(realm, agent, slot)}`
}

/** What a reply holds: lossless JSON, an inspect-style preview, or an error's stack. */
export type ReplyBody =
  | { kind: 'json'; json: string }
  | { kind: 'text'; text: string }
  | { kind: 'error'; stack: string }

/** A finished job's reply. */
export interface Reply {
  realm: string
  agent: string
  /** The result time, `HH:MM:SS`. */
  time: string
  /** Delivery to result; absent when the job never ran (not run, interrupted before delivery). */
  durationMs?: number
  ok: boolean
  body: ReplyBody
  events?: ReadonlyArray<CapturedEvent | LoggedEvent>
  /** Events the realm dropped between the first 2 and the last 8. */
  omitted?: number
}

/** The fence of a reply body: `JSON`, `Text` or `Error`. */
export function formatReplyFence(body: ReplyBody): string {
  if (body.kind === 'json') return writeFence('JSON', body.json)
  if (body.kind === 'text') return writeFence('Text', body.text)
  return writeFence('Error', body.stack)
}

/**
 * A reply block: `#### 👍`/`🚫` header with time and duration, one fence, then the job's events
 * (SPEC §2.4). No trailing newline; blocks are joined by the transforms.
 */
export function formatReply(reply: Reply): string {
  const duration = reply.durationMs === undefined ? '' : ` (${formatDuration(reply.durationMs)})`
  const header = `#### ${reply.ok ? '👍' : '🚫'}${reply.realm} to ${reply.agent} at ${reply.time}${duration}`
  const events = formatEvents(reply.events ?? [], reply.omitted ?? 0)
  return `${header}\n${formatReplyFence(reply.body)}${events ? `\n${events}` : ''}`
}

/** A diagnostic note from the server: `#### 🛠️System at HH:MM:SS` and a `Text` fence (SPEC §2.6). */
export function formatDiagnostic(time: string, text: string): string {
  return `#### 🛠️System at ${time}\n${writeFence('Text', text)}`
}

/**
 * A result that arrived after its job timed out, as a diagnostic: `Late result for the request at
 * HH:MM:SS (after N):` and the reply's fence and events (SPEC §2.9).
 */
export function formatLateResult(
  time: string,
  requestTime: string,
  afterMs: number,
  reply: Pick<Reply, 'body' | 'events' | 'omitted'>,
): string {
  const note = `Late result for the request at ${requestTime} (after ${formatDuration(afterMs)}):`
  const events = formatEvents(reply.events ?? [], reply.omitted ?? 0)
  return `${formatDiagnostic(time, note)}\n${formatReplyFence(reply.body)}${events ? `\n${events}` : ''}`
}

/** Fixed reply texts of SPEC §2.4 and §2.9. */
export const REPLY_TEXT: {
  notRun: string
  restarted: string
  shutDown: string
  timedOut: (ms: number) => string
  cancelled: (agent: string, pageMayRun: boolean) => string
  disconnected: (kind: 'closed' | 'reloaded') => string
} = {
  notRun: 'Not run: an earlier block in this request failed.',
  restarted: 'Interrupted: the server restarted.',
  shutDown: 'Interrupted: the server shut down.',
  timedOut: (ms) =>
    `Timed out after ${formatTimeoutSeconds(ms)}; the realm may still be running the code.`,
  cancelled: (agent, pageMayRun) =>
    `Cancelled by ${agent}.${pageMayRun ? ' The page may still be running the code.' : ''}`,
  disconnected: (kind) =>
    kind === 'reloaded'
      ? 'Interrupted: the realm reloaded while the job ran; it was not run again.'
      : 'Interrupted: the realm disconnected while the job ran; it was not run again.',
}

function formatTimeoutSeconds(ms: number): string {
  const tenths = Math.floor((Math.max(0, Math.round(ms)) + 50) / 100)
  return `${Math.floor(tenths / 10)}.${tenths % 10}s`
}

/**
 * Makes an error's stack begin with `Name: message`, as V8 does and Firefox/Safari do not
 * (SPEC §2.4).
 */
export function normalizeErrorStack(name: string, message: string, stack?: string): string {
  const head = message ? `${name}: ${message}` : name
  if (!stack) return head
  if (stack.startsWith(head)) return stack
  return `${head}\n${stack}`
}
