/**
 * Reading a realm log (SPEC §2.3, §2.9): where the footer is, what the agent's pending chunk asks
 * for, and where the server-written blocks are. Never throws, whatever the input.
 */
import {
  EXECUTABLE_LANGS,
  type FenceScan,
  fenceBody,
  isExecutableFence,
  scanFences,
} from './fences.js'
import { FOOTER_PROMPT, FOOTER_RULE } from './log-format.js'

/** Splits text into lines, reading CRLF (and lone CR) as LF. */
export function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n')
}

const isBlank = (line: string): boolean => line.trim() === ''

/** Agent header forms: `### 🗣️<agent> to <realm>[ at HH:MM:SS]` and `> **<agent>** to <realm>[ at HH:MM:SS]`. */
const AGENT_HEADERS = [
  /^### 🗣\uFE0F?(\S+) to (\S+?)(?: at (\d\d:\d\d:\d\d))?[ \t]*$/u,
  /^> \*\*(\S+?)\*\* to (\S+?)(?: at (\d\d:\d\d:\d\d))?[ \t]*$/u,
]

/** An agent header found on a line. */
export interface AgentHeader {
  agent: string
  realm: string
  time?: string
}

/** Reads an agent header line, or returns undefined. */
export function parseAgentHeader(line: string): AgentHeader | undefined {
  for (const pattern of AGENT_HEADERS) {
    const match = pattern.exec(line)
    if (match) {
      return match[3]
        ? { agent: match[1]!, realm: match[2]!, time: match[3] }
        : { agent: match[1]!, realm: match[2]! }
    }
  }
  return undefined
}

/** The kinds of block the server writes. */
export type ServerBlockKind =
  | 'reply'
  | 'slot'
  | 'background'
  | 'diagnostic'
  | 'test-progress'
  | 'test-results'

const BLOCK_START = /^#{2,5} (👍|🚫|⏳|📣|🛠\uFE0F?)/u
const TEST_START = /^## Test (Progress|Results): /
const OMITTED_LINE = /^\.\.\. \(\d+ more background events omitted\) \.\.\.$/

/** The kind of server-written block a line starts, if any. */
export function serverBlockStart(line: string): ServerBlockKind | undefined {
  const test = TEST_START.exec(line)
  if (test) return test[1] === 'Progress' ? 'test-progress' : 'test-results'
  const match = BLOCK_START.exec(line)
  if (!match) return undefined
  const icon = match[1]!
  if (icon === '⏳') return 'slot'
  if (icon === '📣') return 'background'
  if (icon.startsWith('🛠')) return 'diagnostic'
  return 'reply'
}

/** A server-written block: lines `[start, end)`. */
export interface ServerBlock {
  kind: ServerBlockKind
  start: number
  end: number
}

/**
 * Finds the server-written blocks in lines `[from, to)`. A block starts at a heading of SPEC §2.9
 * outside any fence and runs to the next blank line outside a fence; the omission line of
 * compressed events (with its blank line on each side) belongs to the block. A `## Test` block runs
 * to the next block start, agent header or footer.
 */
export function findServerBlocks(
  lines: readonly string[],
  scan: FenceScan = scanFences(lines),
  from: number = 0,
  to: number = lines.length,
): ServerBlock[] {
  const blocks: ServerBlock[] = []
  let i = from
  while (i < to) {
    const kind = scan.owner[i] === -1 ? serverBlockStart(lines[i]!) : undefined
    if (!kind) {
      i++
      continue
    }
    const end =
      kind === 'test-progress' || kind === 'test-results'
        ? endOfTestBlock(lines, scan, i, to)
        : endOfBlock(lines, scan, i, to)
    blocks.push({ kind, start: i, end })
    i = end
  }
  return blocks
}

function endOfBlock(lines: readonly string[], scan: FenceScan, start: number, to: number): number {
  let i = start + 1
  while (i < to) {
    if (scan.owner[i] !== -1 || !isBlank(lines[i]!)) {
      i++
      continue
    }
    // Compressed events: blank, omission line, blank, then more `#####` event headings.
    if (OMITTED_LINE.test(lines[i + 1] ?? '')) {
      i += 2
      if (i < to && isBlank(lines[i]!) && /^##### /.test(lines[i + 1] ?? '')) i++
      continue
    }
    return i
  }
  return to
}

function endOfTestBlock(
  lines: readonly string[],
  scan: FenceScan,
  start: number,
  to: number,
): number {
  let end = to
  for (let i = start + 1; i < to; i++) {
    if (scan.owner[i] !== -1) continue
    const line = lines[i]!
    if (serverBlockStart(line) || parseAgentHeader(line) || isFooterAt(lines, i)) {
      end = i
      break
    }
  }
  while (end > start + 1 && isBlank(lines[end - 1]!) && scan.owner[end - 1] === -1) end--
  return end
}

function isFooterAt(lines: readonly string[], i: number): boolean {
  return lines[i] === FOOTER_RULE && lines[i + 1] === FOOTER_PROMPT
}

/**
 * The index of the footer's rule line: the last footer outside any fence, or, when every footer is
 * inside a fence (an unclosed fence in the history), the last one anywhere. -1 when there is none.
 */
export function findFooter(lines: readonly string[], scan: FenceScan = scanFences(lines)): number {
  let anywhere = -1
  for (let i = lines.length - 2; i >= 0; i--) {
    if (!isFooterAt(lines, i)) continue
    if (scan.owner[i] === -1 && scan.owner[i + 1] === -1) return i
    if (anywhere < 0) anywhere = i
  }
  return anywhere
}

/** One executable fence of a request. */
export interface RequestFence {
  /** The first word of the info string, lower-cased ('' when none). */
  lang: string
  code: string
  /** Index (in the chunk's lines) of the closing line. */
  closeLine: number
}

/** What the agent's pending chunk is: nothing, notes, a draft with an unclosed fence, or a request. */
export interface PendingChunk {
  status: 'empty' | 'notes' | 'draft' | 'request'
  /** The chunk's lines, verbatim. */
  lines: string[]
  /** The agent header on the first non-empty line, if there is one. */
  header?: AgentHeader
  /** Index of the header line, or of the first non-empty line when there is no header. */
  firstLine: number
  /** The executable fences, in order (complete ones only). */
  fences: RequestFence[]
}

/** Reads the agent's pending chunk (the lines below the footer) on its own (SPEC §2.3). */
export function parseChunk(lines: readonly string[]): PendingChunk {
  const firstLine = lines.findIndex((line) => !isBlank(line))
  if (firstLine < 0)
    return { status: 'empty', lines: [...lines], firstLine: lines.length, fences: [] }
  const header = parseAgentHeader(lines[firstLine]!)
  const scan = scanFences(lines)
  const base = {
    lines: [...lines],
    firstLine,
    fences: [] as RequestFence[],
    ...(header ? { header } : {}),
  }
  if (scan.fences.some((fence) => fence.close < 0)) return { ...base, status: 'draft' }
  const fences = scan.fences.filter(isExecutableFence).map((fence) => ({
    lang: fence.lang,
    code: fenceBody(lines, fence),
    closeLine: fence.close,
  }))
  return { ...base, status: fences.length ? 'request' : 'notes', fences }
}

/** A realm log split into the history above the footer and the pending chunk below it. */
export interface LogLayout {
  lines: string[]
  scan: FenceScan
  /** Index of the footer's rule line, or -1 when the file has no footer. */
  footer: number
  /** Index of the first line of the pending chunk. */
  pendingStart: number
  /** Lines `[0, historyEnd)` are the history. */
  historyEnd: number
}

/**
 * Splits a log into history and pending chunk. Without a footer (an agent replaced the file), the
 * pending chunk starts after the last server-written block (SPEC §2.3); with no server block at
 * all, at the first complete executable fence (or the agent header just above it).
 */
export function layoutLog(text: string): LogLayout {
  const lines = splitLines(text)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  const scan = scanFences(lines)
  const footer = findFooter(lines, scan)
  if (footer >= 0) return { lines, scan, footer, pendingStart: footer + 2, historyEnd: footer }
  const blocks = findServerBlocks(lines, scan)
  const last = blocks[blocks.length - 1]
  let start = last ? last.end : firstRequestLine(lines, scan)
  while (start < lines.length && isBlank(lines[start]!)) start++
  return { lines, scan, footer: -1, pendingStart: start, historyEnd: start }
}

function firstRequestLine(lines: readonly string[], scan: FenceScan): number {
  // Unclosed fences count too, so that a draft stays below the footer the repair adds.
  const fence = scan.fences.find((f) => f.countable && EXECUTABLE_LANGS.has(f.lang))
  if (!fence) return lines.length
  let above = fence.open - 1
  while (above >= 0 && isBlank(lines[above]!)) above--
  return above >= 0 && parseAgentHeader(lines[above]!) ? above : fence.open
}

/** A job placeholder found in a log. */
export interface SlotLocation {
  /** Line index of the `#### ⏳` header. */
  start: number
  end: number
  realm: string
  agent: string
  time: string
  /** The code of the request fence the slot belongs to, if it sits under one. */
  code?: string
  /** The job's test block (progress or results) between its fence and its slot, if any. */
  testBlock?: { start: number; end: number }
}

const SLOT_HEADER = /^#### ⏳(\S+) to (\S+) at (\d\d:\d\d:\d\d)$/u

/**
 * Finds every `⏳` slot in the history of a log, with the code of its request fence: the fence
 * directly above it, or directly above the job's test block when a test run sits in between.
 */
export function findSlots(layout: LogLayout): SlotLocation[] {
  const { lines, scan } = layout
  const slots: SlotLocation[] = []
  const blocks = findServerBlocks(lines, scan, 0, layout.historyEnd)
  blocks.forEach((block, index) => {
    const header = block.kind === 'slot' ? SLOT_HEADER.exec(lines[block.start]!) : null
    if (!header) return
    const previous = blocks[index - 1]
    const test =
      previous &&
      (previous.kind === 'test-progress' || previous.kind === 'test-results') &&
      lines.slice(previous.end, block.start).every(isBlank)
        ? previous
        : undefined
    const code = fenceCodeAbove(lines, scan, test ? test.start : block.start)
    slots.push({
      start: block.start,
      end: block.end,
      realm: header[1]!,
      agent: header[2]!,
      time: header[3]!,
      ...(code === undefined ? {} : { code }),
      ...(test && code !== undefined ? { testBlock: { start: test.start, end: test.end } } : {}),
    })
  })
  return slots
}

/** The code of the fence whose closing line is directly above line `at`, if there is one. */
function fenceCodeAbove(lines: readonly string[], scan: FenceScan, at: number): string | undefined {
  const owner = scan.owner[at - 1] ?? -1
  const fence = owner >= 0 ? scan.fences[owner] : undefined
  return fence && fence.close === at - 1 ? fenceBody(lines, fence) : undefined
}
