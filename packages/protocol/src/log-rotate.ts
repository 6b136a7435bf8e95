/**
 * Keeping logs small (SPEC §2.9): past a size limit the server moves everything above the last
 * exchanges (at most 20, and no more than a quarter of the limit holds) into
 * `daebug/<realm>.<k>.md` and leaves one link line at the top.
 */
import { findServerBlocks, layoutLog, parseAgentHeader } from './log-parse.js'

/** Exchanges a rotation keeps by default. */
export const ROTATE_KEEP = 20

const LINK_LINE = /^> Older exchanges: \[.*\]\(.*\)$/
const TITLE = /^# .+ Session$/

/** What {@link rotateLog} produced: the shortened log and the archive's text. */
export interface Rotation {
  text: string
  archive: string
}

/**
 * Splits off all but the last `keep` exchanges, fewer when they hold more than `keepChars`
 * characters (the last exchange always stays). An exchange starts at an agent header, or at a
 * server block that stands on its own (background, diagnostic, test report, or a reply not under a
 * request fence). The head (title and guide) stays; a link line to the archive goes under the
 * title, and the previous link line, if any, moves into the archive. The exchange of the first open
 * slot or progress block, and all below it, stay. Returns undefined when there is nothing to move.
 * The pending chunk below the footer is kept verbatim.
 */
export function rotateLog(
  text: string,
  archiveName: string,
  keep: number = ROTATE_KEEP,
  keepChars: number = Number.POSITIVE_INFINITY,
): Rotation | undefined {
  const layout = layoutLog(text)
  const { lines, scan } = layout
  const starts = new Set<number>()
  for (let i = 0; i < layout.historyEnd; i++) {
    if (scan.owner[i] === -1 && parseAgentHeader(lines[i]!)) starts.add(i)
  }
  let open = layout.historyEnd
  for (const block of findServerBlocks(lines, scan, 0, layout.historyEnd)) {
    const above = scan.owner[block.start - 1] ?? -1
    const underFence = above >= 0 && scan.fences[above]!.close === block.start - 1
    if (!underFence) starts.add(block.start)
    if (block.kind === 'slot' || block.kind === 'test-progress') open = Math.min(open, block.start)
  }
  // The server still rewrites open slots and progress blocks: their exchanges stay in the log.
  const ordered = [...starts].sort((a, b) => a - b)
  // Walking back from the end: the exchanges that fit in `keepChars` (at least one, at most `keep`).
  let keeping = 0
  let chars = 0
  for (let line = lines.length - 1, next = ordered.length - 1; next >= 0; line--) {
    chars += lines[line]!.length + 1
    if (line > ordered[next]!) continue
    if (keeping > 0 && chars > keepChars) break
    keeping++
    next--
    if (keeping === keep) break
  }
  if (ordered.length <= keeping) return undefined
  const first = ordered[0]!
  const openExchange = ordered.filter((start) => start <= open).pop() ?? first
  const cut = Math.min(ordered[ordered.length - keeping]!, openExchange)
  if (cut <= first) return undefined
  const head = lines.slice(0, first)
  const previousLink = head.find((line) => LINK_LINE.test(line))
  const title = head[0] && TITLE.test(head[0]) ? head[0] : undefined
  const rest = head.slice(title ? 1 : 0).filter((line) => !LINK_LINE.test(line))
  while (rest.length && rest[0]!.trim() === '') rest.shift()
  const link = `> Older exchanges: [${archiveName}](${archiveName})`
  const kept = [...(title ? [title, ''] : []), link, '', ...rest, ...lines.slice(cut)]
  const moved = lines.slice(first, cut)
  while (moved.length && moved[moved.length - 1]!.trim() === '') moved.pop()
  const archiveTitle = title ? `${title}, archive` : '# Session archive'
  const archive = [
    archiveTitle,
    '',
    ...(previousLink ? [previousLink, ''] : []),
    ...moved,
    '',
  ].join('\n')
  return { text: `${kept.join('\n')}\n`, archive }
}
