/**
 * Fenced code blocks: finding them in Markdown lines the way SPEC §2.3 and §2.9 define, and
 * writing fences that their content can never close early.
 */

/** A fenced code block found in a list of lines. */
export interface Fence {
  /** Index of the opening line. */
  open: number
  /** Index of the closing line, or -1 when the fence is still open at the end (a draft). */
  close: number
  /** '`' or '~'. */
  char: '`' | '~'
  /** Length of the opening run (3 or more). */
  length: number
  /** The whole info string, trimmed. */
  info: string
  /** The first word of the info string, lower-cased ('' when none). */
  lang: string
  /** Indentation of the opening line (0–3). */
  indent: number
  /** False for fences inside a list item: they are structure, never requests. */
  countable: boolean
}

/** The result of scanning lines: the fences, and for each line the fence that holds it. */
export interface FenceScan {
  fences: Fence[]
  /** For each line, the index in `fences` of the fence it belongs to (opening, body or closing line), or -1. */
  owner: number[]
}

const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])( {1,4}|$)/
const BLOCKQUOTE = /^ {0,3}>/

/**
 * Scans Markdown lines for fenced code blocks. Fences open with 3+ backticks or tildes in columns
 * 0–3 (a backtick fence's info string has no backtick) and close with the same character, at least
 * as long, and nothing else on the line. Lines in blockquotes never open a fence; a fence indented
 * into a list item is tracked (its body is not Markdown) but is not `countable`.
 */
export function scanFences(lines: readonly string[]): FenceScan {
  const fences: Fence[] = []
  const owner: number[] = new Array(lines.length).fill(-1)
  let current: Fence | undefined
  let listIndent = -1
  let previousBlank = true
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (current) {
      owner[i] = fences.length - 1
      if (isClosingLine(line, current)) {
        current.close = i
        current = undefined
      }
      continue
    }
    const blank = line.trim() === ''
    const indent = line.length - line.trimStart().length
    const item = LIST_ITEM.exec(line)
    if (item) {
      listIndent = item[1]!.length + item[2]!.length + Math.max(1, item[3]!.length)
    } else if (
      !blank &&
      listIndent >= 0 &&
      indent < listIndent &&
      (previousBlank || OPEN.test(line))
    ) {
      listIndent = -1
    }
    previousBlank = blank
    if (BLOCKQUOTE.test(line)) continue
    const open = OPEN.exec(line)
    if (!open) continue
    const run = open[2]!
    const info = open[3]!.trim()
    if (run[0] === '`' && info.includes('`')) continue
    current = {
      open: i,
      close: -1,
      char: run[0] as '`' | '~',
      length: run.length,
      info,
      lang: (info.split(/\s+/)[0] ?? '').toLowerCase(),
      indent: open[1]!.length,
      countable: !(listIndent >= 0 && indent >= listIndent),
    }
    fences.push(current)
    owner[i] = fences.length - 1
  }
  return { fences, owner }
}

function isClosingLine(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)
  return !!match && match[1]![0] === fence.char && match[1]!.length >= fence.length
}

/** The body of a fence: the lines between its opening and closing lines, with up to its indentation removed. */
export function fenceBody(lines: readonly string[], fence: Fence): string {
  const end = fence.close < 0 ? lines.length : fence.close
  const strip = new RegExp(`^ {0,${fence.indent}}`)
  return lines
    .slice(fence.open + 1, end)
    .map((line) => (fence.indent ? line.replace(strip, '') : line))
    .join('\n')
}

/** The languages whose fences run as requests (SPEC §2.3). */
export const EXECUTABLE_LANGS: ReadonlySet<string> = new Set([
  '',
  'js',
  'javascript',
  'mjs',
  'ts',
  'typescript',
])

/** True when a fence runs as a request: countable, closed, and tagged with an executable language. */
export function isExecutableFence(fence: Fence): boolean {
  return fence.countable && fence.close >= 0 && EXECUTABLE_LANGS.has(fence.lang)
}

/**
 * Wraps content in a backtick fence longer than any backtick run inside it (at least three), so
 * the content can never close the fence early.
 * @example writeFence('JSON', '42') // '```JSON\n42\n```'
 */
export function writeFence(tag: string, content: string): string {
  let longest = 0
  for (const run of content.matchAll(/`+/g)) longest = Math.max(longest, run[0].length)
  const ticks = '`'.repeat(Math.max(3, longest + 1))
  return `${ticks}${tag}\n${content}\n${ticks}`
}
