/**
 * Property tests: thousands of random and mutated Markdown documents go through the parser and
 * every transform. None may throw, none may lose a line of the agent's text, and a request is
 * never accepted twice.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatBackgroundBlock } from './events.js'
import { formatServerBlock, parseServerBlock } from './log-blocks.js'
import {
  acceptPending,
  appendBlock,
  interruptSlots,
  normalizeLog,
  replaceSlot,
  replaceTestBlock,
  writeJobTestBlock,
} from './log-edit.js'
import {
  FOOTER,
  FOOTER_PROMPT,
  FOOTER_RULE,
  formatDiagnostic,
  formatLogHeader,
  formatReply,
} from './log-format.js'
import { findServerBlocks, layoutLog, parseChunk, splitLines } from './log-parse.js'
import { rotateLog } from './log-rotate.js'
import { viewLog, withoutLogCache } from './log-view.js'
import { hasShutdownLine, parseRegistry } from './registry.js'
import { mulberry32 } from './seeded-random.test-util.js'
import { formatTestProgress } from './test-report.js'

const DOCUMENTS = 6000
const realm = '7-zen-1201-03'

const random = mulberry32(0xdaeb09)
const int = (n: number) => Math.floor(random() * n)
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!

const WORDS = [
  'let',
  'x',
  '=',
  '1',
  'émoji',
  '🦀',
  '👍',
  '⏳',
  '#',
  '>',
  '**a**',
  '`',
  '```',
  '~~~',
  'to',
  'at',
  '12:00:00',
  '\t',
  '\\',
  '%%SHUTDOWN%%',
  '-',
  '*',
  '1.',
  '🗣️',
  '🛠️',
]

function prose(): string {
  const length = int(8)
  return Array.from({ length }, () => pick(WORDS)).join(pick([' ', '', '  ']))
}

function fence(): string[] {
  const char = pick(['`', '~'])
  const open = char.repeat(3 + int(3))
  const lang = pick([
    '',
    'js',
    'JS',
    'ts',
    'javascript',
    'mjs',
    'json',
    'text',
    'jsx',
    'js title=x',
  ])
  const body = Array.from({ length: int(4) }, () =>
    pick([
      prose(),
      FOOTER_RULE,
      FOOTER_PROMPT,
      '```',
      '~~~~',
      `#### 👍${realm} to a at 12:00:00 (1ms)`,
    ]),
  )
  const close = random() < 0.12 ? [] : [char.repeat(open.length + int(2))]
  return [`${pick(['', ' ', '  ', '    '])}${open}${lang}`, ...body, ...close]
}

const at = new Date(2026, 10, 22, 12, 0, 0).getTime()

function serverBlock(): string {
  switch (int(5)) {
    case 0:
      return formatReply({
        realm,
        agent: 'agent',
        time: '12:00:01',
        durationMs: int(5000),
        ok: random() < 0.5,
        body: { kind: 'json', json: JSON.stringify({ v: prose() }, null, 2) },
      })
    case 1:
      return formatBackgroundBlock(realm, {
        events: Array.from({ length: 1 + int(14) }, (_, i) => ({
          level: 'log' as const,
          time: at + i,
          text: prose(),
        })),
        omitted: 0,
      })
    case 2:
      return formatDiagnostic('12:00:02', prose())
    case 3:
      return formatTestProgress({
        done: 1,
        total: 2,
        pass: 1,
        fail: 0,
        durationMs: 5,
        failures: [],
      })
    default:
      return `#### ⏳${realm} to agent at 12:00:00\n${pick(['executing (0s)', 'queued (1 ahead)'])}`
  }
}

function piece(): string[] {
  switch (int(9)) {
    case 0:
      return fence()
    case 1:
      return serverBlock().split('\n')
    case 2:
      return FOOTER.split('\n').slice(0, 2)
    case 3:
      return [
        pick([
          `### 🗣️claude to ${realm}`,
          `> **gpt** to other at 12:00:00`,
          '### 🗣️x to y at 99:99:99',
        ]),
      ]
    case 4:
      return ['']
    case 5:
      return ['x'.repeat(5000 + int(20000))]
    case 6:
      return [`- ${prose()}`, `  ${prose()}`]
    default:
      return [prose()]
  }
}

function mutate(text: string): string {
  const lines = text.split('\n')
  for (let k = int(4); k > 0; k--) {
    const i = int(lines.length + 1)
    switch (int(5)) {
      case 0:
        lines.splice(i, 1)
        break
      case 1:
        lines.splice(i, 0, lines[int(lines.length)] ?? '')
        break
      case 2:
        lines.splice(i, 0, ...piece())
        break
      case 3:
        lines[i] = (lines[i] ?? '').slice(0, int(20))
        break
      default:
        lines.splice(i, 0, ...fence())
    }
  }
  return lines.join('\n')
}

function document(): string {
  const kind = int(10)
  if (kind === 0) return pick(['', '\n', '\r\n', FOOTER, FOOTER.trim()])
  const parts: string[] = []
  if (kind > 2) parts.push(formatLogHeader(realm).slice(0, -FOOTER.length))
  for (let i = int(12); i > 0; i--) parts.push(piece().join('\n'))
  if (kind > 3) parts.push(FOOTER)
  for (let i = int(5); i > 0; i--) parts.push(piece().join('\n'))
  let text = parts.join(pick(['\n', '\n\n']))
  if (random() < 0.4) text = mutate(text)
  if (random() < 0.15) text = text.replaceAll('\n', '\r\n')
  if (random() < 0.05) text = text.slice(0, int(text.length))
  return text
}

/** The agent's lines: non-blank lines outside server-written blocks and outside the footer. */
function agentLines(text: string): string[] {
  const layout = layoutLog(text)
  const skip = new Set<number>()
  for (const block of findServerBlocks(layout.lines, layout.scan)) {
    for (let i = block.start; i < block.end; i++) skip.add(i)
  }
  if (layout.footer >= 0) skip.add(layout.footer).add(layout.footer + 1)
  return layout.lines.filter((line, i) => !skip.has(i) && line.trim() !== '')
}

function assertKept(before: string, after: string, what: string): void {
  const counts = new Map<string, number>()
  for (const line of splitLines(after)) counts.set(line, (counts.get(line) ?? 0) + 1)
  for (const line of agentLines(before)) {
    const left = counts.get(line) ?? 0
    if (left === 0)
      assert.unreachable(
        `${what} lost the line ${JSON.stringify(line.slice(0, 80))} of:\n${before.slice(0, 2000)}`,
      )
    counts.set(line, left - 1)
  }
}

function assertCanonical(text: string, what: string): void {
  assert.ok(text.endsWith('\n') && !text.includes('\r'), `${what}: not LF-terminated`)
  assert.ok(layoutLog(text).footer >= 0, `${what}: no footer`)
}

const documents = Array.from({ length: DOCUMENTS }, document)
const progress = { done: 0, total: 1, pass: 0, fail: 0, durationMs: 0, failures: [] }

test(`${DOCUMENTS} random documents: accepting never throws, never loses agent text, never accepts twice`, () => {
  for (const text of documents) {
    const result = acceptPending(text, { realm, time: '12:30:00', queueLength: int(3) })
    assertCanonical(result.text, 'acceptPending')
    assertKept(text, result.text, 'acceptPending')
    assert.is(result.jobs.length > 0, result.status === 'request')
    const again = acceptPending(result.text, { realm, time: '12:30:01', queueLength: 0 })
    assert.equal(again.jobs, [], `accepted twice:\n${result.text.slice(0, 2000)}`)
    assert.is(again.text, result.text)
    assert.is(normalizeLog(result.text), result.text)
  }
})

test('random documents: every other transform keeps the agent text and the footer', () => {
  for (const text of documents) {
    const accepted = acceptPending(text, { realm, time: '12:30:00', queueLength: 0 })
    const reply = formatReply({
      realm,
      agent: 'agent',
      time: '12:30:02',
      durationMs: 3,
      ok: true,
      body: { kind: 'text', text: prose() },
    })
    const outputs: Array<[string, string | undefined]> = [
      ['normalizeLog', normalizeLog(text)],
      ['appendBlock', appendBlock(text, formatDiagnostic('12:30:00', prose()))],
      [
        'replaceTestBlock',
        replaceTestBlock(
          text,
          formatTestProgress({ done: 2, total: 2, pass: 2, fail: 0, durationMs: 1, failures: [] }),
        ),
      ],
      [
        'interruptSlots',
        interruptSlots(text, '12:30:00').count ? interruptSlots(text, '12:30:00').text : undefined,
      ],
      [
        'replaceSlot',
        accepted.jobs[0] ? replaceSlot(accepted.text, accepted.jobs[0].code, reply) : undefined,
      ],
      [
        'writeJobTestBlock',
        accepted.jobs[0]
          ? writeJobTestBlock(accepted.text, accepted.jobs[0].code, formatTestProgress(progress))
          : undefined,
      ],
    ]
    for (const [what, output] of outputs) {
      if (output === undefined) continue
      assertCanonical(output, what)
      assertKept(
        what === 'replaceSlot' || what === 'writeJobTestBlock' ? accepted.text : text,
        output,
        what,
      )
    }
    const rotated = rotateLog(text, '7-zen.1.md', 1)
    if (rotated) assertKept(text, `${rotated.text}\n${rotated.archive}`, 'rotateLog')
  }
})

/** Every transform of a text, for comparing the cached and the uncached paths. */
function transforms(text: string): unknown[] {
  const accepted = acceptPending(text, { realm, time: '12:30:00', queueLength: 1 })
  const code = accepted.jobs[0]?.code ?? ''
  const reply = `#### 👍${realm} to agent at 12:30:02 (3ms)\n\`\`\`Text\nok\n\`\`\``
  return [
    accepted,
    normalizeLog(text),
    appendBlock(text, formatDiagnostic('12:30:00', 'note')),
    replaceTestBlock(text, formatTestProgress(progress)),
    interruptSlots(text, '12:30:00'),
    replaceSlot(accepted.text, code, reply),
    writeJobTestBlock(accepted.text, code, formatTestProgress(progress)),
    replaceSlot(text, 'x', reply),
  ]
}

/** A later version of a log: the server's or the agent's edits, mostly near its end. */
function later(text: string): string {
  const lines = text.split('\n')
  const from = random() < 0.8 ? Math.max(0, lines.length - 1 - int(30)) : int(lines.length)
  for (let k = 1 + int(3); k > 0; k--) {
    const i = from + int(lines.length - from + 1)
    if (random() < 0.5) lines.splice(i, 0, ...piece())
    else lines.splice(i, 1)
  }
  return lines.join('\n')
}

test('random edit sequences: laying out from a settled prefix gives what the whole text gives', () => {
  let fromPrefix = 0
  for (const start of documents.slice(0, 1000)) {
    let text = start
    for (let step = 0; step < 4; step++) {
      // The server's own write comes first: it is what the cache remembers.
      text = acceptPending(text, { realm, time: '12:30:00', queueLength: 0 }).text
      text = later(text)
      if (viewLog(text).head) fromPrefix++
      assert.equal(
        transforms(text),
        withoutLogCache(() => transforms(text)),
      )
    }
  }
  assert.ok(fromPrefix > 600, `only ${fromPrefix} texts were laid out from a prefix`)
})

test('random documents: the readers never throw and server blocks round-trip', () => {
  let roundTrips = 0
  for (const text of documents) {
    const layout = layoutLog(text)
    parseChunk(layout.lines.slice(layout.pendingStart))
    parseRegistry(text)
    hasShutdownLine(text)
    for (const block of findServerBlocks(layout.lines, layout.scan)) {
      const blockText = layout.lines.slice(block.start, block.end).join('\n')
      const parsed = parseServerBlock(blockText)
      if (parsed) {
        assert.is(formatServerBlock(parsed), blockText)
        roundTrips++
      }
    }
  }
  assert.ok(roundTrips > 1000, `only ${roundTrips} blocks round-tripped`)
})

test.run()
