/**
 * The edits the server makes to a realm log, as pure `text → text` transforms (SPEC §2.3–§2.9):
 * the server only reads a file, applies one of these, and writes the result (compare-and-swap).
 * None of them ever drops the agent's text; none throws.
 */
import {
  FOOTER_PROMPT,
  FOOTER_RULE,
  formatDiagnostic,
  formatReply,
  formatSlot,
  REPLY_TEXT,
} from './log-format.js'
import {
  findServerBlocks,
  findSlots,
  type LogLayout,
  type PendingChunk,
  parseChunk,
} from './log-parse.js'
import { viewLog } from './log-view.js'
import { sanitizeRealmName } from './names.js'

const isBlank = (line: string): boolean => line.trim() === ''

function trimTrailingBlank(lines: string[]): string[] {
  let end = lines.length
  while (end > 0 && isBlank(lines[end - 1]!)) end--
  return lines.slice(0, end)
}

/**
 * Joins a history and a pending chunk around the footer: exactly one blank line before the footer,
 * the pending chunk verbatim after it (a blank chunk becomes the one empty line a file ends with).
 */
/**
 * `head + rest`, or `text` itself when that is what it spells: callers compare the result with
 * the text they had, and the same string compares at once where an equal copy is read through.
 */
function rejoin(text: string, head: string, rest: string): string {
  return text.length === head.length + rest.length && text.endsWith(rest) ? text : head + rest
}

function composeLog(history: readonly string[], pending: readonly string[]): string {
  const above = trimTrailingBlank([...history])
  const below = pending.every(isBlank)
    ? ['']
    : isBlank(pending[0]!)
      ? [...pending]
      : ['', ...pending]
  const head = above.length ? `${above.join('\n')}\n\n` : ''
  return `${head}${FOOTER_RULE}\n${FOOTER_PROMPT}\n${below.join('\n')}\n`
}

/** Lines joined with one blank line between them, when both are non-empty. */
function joinBlocks(above: readonly string[], below: readonly string[]): string[] {
  const top = trimTrailingBlank([...above])
  return top.length ? [...top, '', ...below] : [...below]
}

function historyOf(layout: LogLayout): string[] {
  return layout.lines.slice(0, layout.historyEnd)
}

function pendingOf(layout: LogLayout): string[] {
  return layout.lines.slice(layout.pendingStart)
}

/**
 * Puts a log into its canonical shape without accepting anything: repairs a missing footer, one
 * blank line before the footer, the file ending in the prompt line and one empty line.
 */
export function normalizeLog(text: string): string {
  const { head, layout } = viewLog(text)
  return rejoin(text, head, composeLog(historyOf(layout), pendingOf(layout)))
}

/** One job of an accepted request: the code of one executable fence. */
export interface AcceptedJob {
  code: string
  /** `js`, `ts`, … as the fence said ('' when untagged). */
  lang: string
}

/** What {@link acceptPending} did. */
export interface AcceptResult {
  /** The new text (equal to the input when nothing changed). */
  text: string
  /** What the pending chunk was. Only a `request` is accepted. */
  status: PendingChunk['status']
  /** The request's agent (`agent` when the chunk had no header). */
  agent?: string
  /** The jobs, one per executable fence, in order. */
  jobs: AcceptedJob[]
  /** The realm an agent header named when it was not this log's realm (it is ignored). */
  foreignRealm?: string
}

/** What {@link acceptPending} needs to know about the realm. */
export interface AcceptOptions {
  /** This log's realm. */
  realm: string
  /** The accept time, `HH:MM:SS`. */
  time: string
  /**
   * Jobs ahead in the realm's queue (running and waiting). With 0 the first fence's slot says
   * `executing (0s)`, because the server delivers it at once.
   */
  queueLength: number
}

/**
 * Accepts the pending chunk when it holds at least one complete executable fence and no unclosed
 * fence: moves it above the footer (adding `### 🗣️agent to <realm> at <time>` when it has no
 * header), puts a slot directly under each executable fence, and returns the jobs. Otherwise the
 * chunk stays where it is; a missing footer is repaired either way.
 */
export function acceptPending(text: string, options: AcceptOptions): AcceptResult {
  const { head, layout } = viewLog(text)
  const chunk = parseChunk(pendingOf(layout))
  if (chunk.status !== 'request') {
    const same = rejoin(text, head, composeLog(historyOf(layout), chunk.lines))
    return { text: same, status: chunk.status, jobs: [] }
  }
  const agent = chunk.header?.agent ?? 'agent'
  const out: string[] = []
  if (!chunk.header) out.push(`### 🗣️${agent} to ${options.realm} at ${options.time}`)
  const slotAfter = new Map(chunk.fences.map((fence, index) => [fence.closeLine, index]))
  for (let i = chunk.firstLine; i < chunk.lines.length; i++) {
    out.push(chunk.lines[i]!)
    const index = slotAfter.get(i)
    if (index === undefined) continue
    const ahead = options.queueLength + index
    const slot = formatSlot(
      options.realm,
      agent,
      ahead === 0
        ? { state: 'executing', seconds: 0, time: options.time }
        : { state: 'queued', ahead, time: options.time },
    )
    out.push(...slot.split('\n'))
    while (i + 1 < chunk.lines.length && isBlank(chunk.lines[i + 1]!)) i++
    if (i + 1 < chunk.lines.length) out.push('')
  }
  const named = chunk.header?.realm
  const foreign = named && sanitizeRealmName(named) !== sanitizeRealmName(options.realm)
  if (foreign) {
    const note = `The request's header names realm "${named}", but this log belongs to "${options.realm}": the request runs here.`
    out.push('', ...formatDiagnostic(options.time, note).split('\n'))
  }
  const history = joinBlocks(historyOf(layout), trimTrailingBlank(out))
  return {
    text: rejoin(text, head, composeLog(history, [''])),
    status: 'request',
    agent,
    jobs: chunk.fences.map((fence) => ({ code: fence.code, lang: fence.lang })),
    ...(foreign ? { foreignRealm: named } : {}),
  }
}

/**
 * Replaces the slot of a job with a block (a new slot state, or the reply). The job's slot is the
 * first `⏳` slot that sits directly under a fence holding exactly `code`: jobs of a realm finish in
 * queue order, so the earliest such slot is the job's. Returns undefined when no slot matches (an
 * agent deleted or edited it); the caller then writes the block with {@link appendBlock}.
 */
export function replaceSlot(text: string, code: string, block: string): string | undefined {
  const { head, layout } = viewLog(text)
  const slot = findSlots(layout).find((candidate) => candidate.code === code)
  if (!slot) return undefined
  const lines = [
    ...layout.lines.slice(0, slot.start),
    ...block.split('\n'),
    ...layout.lines.slice(slot.end, layout.historyEnd),
  ]
  return rejoin(text, head, composeLog(lines, pendingOf(layout)))
}

/** Inserts a server-written block above the footer, keeping the agent's pending chunk below it. */
export function appendBlock(text: string, block: string): string {
  const { head, layout } = viewLog(text)
  return rejoin(
    text,
    head,
    composeLog(joinBlocks(historyOf(layout), block.split('\n')), pendingOf(layout)),
  )
}

/**
 * Writes the block of a test run that no job in this log started: replaces the last
 * `## Test Progress` block in place (progress updates, then the final report), or inserts the
 * block above the footer when there is none (SPEC §2.7).
 */
export function replaceTestBlock(text: string, block: string): string {
  const { head, layout } = viewLog(text)
  const progress = findServerBlocks(layout.lines, layout.scan, 0, layout.historyEnd)
    .filter((found) => found.kind === 'test-progress')
    .pop()
  if (!progress) return appendBlock(text, block)
  const lines = [
    ...layout.lines.slice(0, progress.start),
    ...block.split('\n'),
    ...layout.lines.slice(progress.end, layout.historyEnd),
  ]
  return rejoin(text, head, composeLog(lines, pendingOf(layout)))
}

/**
 * Writes the test block of a job that runs tests (SPEC §2.7): between the job's fence and its slot,
 * so that the final report stands above the one-line reply (`… — report above`). The first call
 * inserts the block; later calls replace it (progress, then the report). Returns undefined when
 * the job's slot is gone; the caller then uses {@link replaceTestBlock}.
 */
export function writeJobTestBlock(text: string, code: string, block: string): string | undefined {
  const { head, layout } = viewLog(text)
  const slot = findSlots(layout).find((candidate) => candidate.code === code)
  if (!slot) return undefined
  const from = slot.testBlock ? slot.testBlock.start : slot.start
  const lines = [
    ...layout.lines.slice(0, from),
    ...block.split('\n'),
    '',
    ...layout.lines.slice(slot.start, layout.historyEnd),
  ]
  return rejoin(text, head, composeLog(lines, pendingOf(layout)))
}

/**
 * Replaces every `⏳` slot with a `🚫` reply, for jobs whose server is gone: `Interrupted: the
 * server restarted.` on start-up (SPEC §2.8), or the shut-down text. Returns the count too.
 */
export function interruptSlots(
  text: string,
  time: string,
  message: string = REPLY_TEXT.restarted,
): { text: string; count: number } {
  const { head, layout } = viewLog(text)
  const slots = findSlots(layout)
  if (!slots.length) return { text, count: 0 }
  const lines = [...layout.lines.slice(0, layout.historyEnd)]
  for (const slot of [...slots].reverse()) {
    const reply = formatReply({
      realm: slot.realm,
      agent: slot.agent,
      time,
      ok: false,
      body: { kind: 'text', text: message },
    })
    lines.splice(slot.start, slot.end - slot.start, ...reply.split('\n'))
  }
  return { text: rejoin(text, head, composeLog(lines, pendingOf(layout))), count: slots.length }
}
