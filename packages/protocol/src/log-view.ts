/**
 * Keeping every edit of a long log cheap (SPEC §2.9): the server edits a log hundreds of times while
 * it grows, and each edit touches only its end. This module remembers, for recent logs, a *settled
 * prefix*: the text above an exchange boundary with no open slot or progress block in it, which no
 * server edit changes. A later text that starts with that prefix is laid out from the boundary on,
 * and the results are the same as laying out the whole text (a property test checks this).
 *
 * The cache is memoisation only: the functions stay pure over their arguments.
 */
import {
  findServerBlocks,
  type LogLayout,
  layoutLog,
  parseAgentHeader,
  serverBlockStart,
} from './log-parse.js'

/** A log laid out from `head.length` on: `head` is verbatim text, `layout` covers the rest. */
export interface LogView {
  head: string
  layout: LogLayout
}

const MAX_ENTRIES = 64
const MAX_CACHED_CHARS = 16 * 1024 * 1024

/** Settled prefixes of recent logs, most recently used first. */
const settled: string[] = []
let enabled = true

/** Lays out a log, from its last settled boundary when a recent call saw the same beginning. */
export function viewLog(text: string): LogView {
  if (!enabled) return { head: '', layout: layoutLog(text) }
  for (let i = 0; i < settled.length; i++) {
    const prefix = settled[i]!
    if (text.length <= prefix.length || text.slice(0, prefix.length) !== prefix) continue
    settled.splice(i, 1)
    const tail = text.slice(prefix.length)
    // Offsets count LF line ends; a CR anywhere (prefixes have none) needs the whole text.
    if (tail.includes('\r')) break
    const layout = layoutLog(tail)
    const { footer, scan } = layout
    // The boundary line must still start an exchange (an edit may have removed it), and without a
    // footer outside fences in the tail only the whole text says where the pending chunk starts.
    if (!startsExchange(layout.lines[0]!)) break
    if (footer < 0 || scan.owner[footer] !== -1 || scan.owner[footer + 1] !== -1) break
    remember(text, prefix.length, layout)
    return { head: prefix, layout }
  }
  const layout = layoutLog(text)
  if (!text.includes('\r')) remember(text, 0, layout)
  return { head: '', layout }
}

/**
 * Remembers the text above the last boundary of `layout` (which covers `text` from `from` on), or
 * the old prefix `text.slice(0, from)` when the layout has none. A boundary is a line that starts
 * an exchange (an agent header or a server block) after a blank line, outside fences, above the
 * first open slot or progress block: laying out from there finds the same fences and blocks.
 */
function remember(text: string, from: number, layout: LogLayout): void {
  const { lines, scan } = layout
  let limit = layout.historyEnd
  for (const block of findServerBlocks(lines, scan, 0, layout.historyEnd)) {
    if (block.kind === 'slot' || block.kind === 'test-progress') {
      limit = block.start
      break
    }
  }
  let boundary = -1
  for (let i = limit - 1; i > 0; i--) {
    if (isBoundary(lines, scan.owner, i)) {
      boundary = i
      break
    }
  }
  let end = from
  if (boundary > 0) for (let i = 0; i < boundary; i++) end += lines[i]!.length + 1
  if (end === 0) return
  settled.unshift(text.slice(0, end))
  let chars = 0
  for (let i = 0; i < settled.length; i++) {
    chars += settled[i]!.length
    if (i >= MAX_ENTRIES || chars > MAX_CACHED_CHARS) {
      settled.length = i
      break
    }
  }
}

function isBoundary(lines: readonly string[], owner: readonly number[], i: number): boolean {
  if (owner[i] !== -1 || owner[i - 1] !== -1 || lines[i - 1]!.trim() !== '') return false
  const kind = serverBlockStart(lines[i]!)
  return kind !== 'slot' && kind !== 'test-progress' && startsExchange(lines[i]!)
}

/**
 * An agent header or a server block's heading: it ends any block above it (a test report runs to
 * the next one), and as a `#`/`>` line it ends any list above it, so no fence or block crosses it.
 */
function startsExchange(line: string): boolean {
  const first = line.charCodeAt(0)
  if (first !== 35 && first !== 62) return false
  return parseAgentHeader(line) !== undefined || serverBlockStart(line) !== undefined
}

/** Runs `body` with the cache off, so that tests can compare both paths. */
export function withoutLogCache<T>(body: () => T): T {
  const was = enabled
  enabled = false
  try {
    return body()
  } finally {
    enabled = was
  }
}
