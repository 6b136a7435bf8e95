import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatBackgroundBlock } from './events.js'
import { formatServerBlock, parseServerBlock } from './log-blocks.js'
import { formatDiagnostic, formatReply, formatSlot } from './log-format.js'
import { formatTestProgress, formatTestResults } from './test-report.js'

const at = (clock: string) => new Date(`2026-11-22T${clock}`).getTime()
const events = Array.from({ length: 13 }, (_, i) => ({
  level: (['log', 'info', 'warn', 'error', 'debug', 'window.onerror'] as const)[i % 6]!,
  time: at('12:06:41') + i * 1000,
  text: i % 2 ? `{\n  "i": ${i}\n}` : `line ${i} with \`\`\` ticks`,
  json: i % 2 === 1,
}))

const blocks = [
  formatReply({
    realm: 'r',
    agent: 'agent',
    time: '12:05:08',
    durationMs: 5,
    ok: true,
    body: { kind: 'json', json: '{\n  "answer": 42\n}' },
  }),
  formatReply({
    realm: 'r',
    agent: 'http',
    time: '12:05:08',
    durationMs: 61_000,
    ok: false,
    body: { kind: 'error', stack: 'Error: x\n    at y' },
    events,
  }),
  formatReply({
    realm: 'r',
    agent: 'a',
    time: '12:05:08',
    ok: false,
    body: { kind: 'text', text: 'Not run.' },
  }),
  formatReply({
    realm: 'r',
    agent: 'a',
    time: '12:05:08',
    durationMs: 1,
    ok: true,
    body: { kind: 'text', text: 'Map(1) { ```a``` => 1 }' },
    events: events.slice(0, 2),
  }),
  formatSlot('r', 'agent', { state: 'queued', ahead: 3, time: '12:00:00' }),
  formatSlot('r', 'agent', { state: 'executing', seconds: 15, time: '12:00:00' }),
  formatBackgroundBlock('r', { events, omitted: 0 }),
  formatBackgroundBlock('r', { events: events.slice(0, 3), omitted: 0 }),
  formatDiagnostic('12:00:00', 'worker unresponsive for 6 s; restarted'),
  formatTestProgress({
    done: 3,
    total: 9,
    pass: 2,
    fail: 1,
    durationMs: 4200,
    failures: [{ name: 'a › b', durationMs: 3 }],
  }),
  formatTestResults({
    pass: 5,
    fail: 1,
    skip: 1,
    todo: 1,
    durationMs: 9800,
    files: 2,
    failures: [
      {
        name: 'math › half',
        durationMs: 3,
        error: 'AssertionError [ERR_ASSERTION]: x\n\n1 !== 2\n',
      },
    ],
    skips: [{ name: 'later', reason: 'not (yet) ready' }],
    todos: [{ name: 'someday' }],
    passes: [{ name: 'p1', durationMs: 2 }],
  }),
]

test('every server-written block reads back into a value that formats to the same text', () => {
  for (const text of blocks) {
    const parsed = parseServerBlock(text)
    assert.ok(parsed, `not parsed:\n${text}`)
    assert.is(formatServerBlock(parsed!), text)
  }
})

test('a reply reads back its fields, events and omitted count', () => {
  const parsed = parseServerBlock(blocks[1]!)
  assert.ok(parsed && parsed.kind === 'reply')
  if (parsed?.kind !== 'reply') return
  assert.equal(
    [parsed.ok, parsed.agent, parsed.durationMs, parsed.body, parsed.events.length, parsed.omitted],
    [false, 'http', 61_000, { kind: 'error', stack: 'Error: x\n    at y' }, 10, 3],
  )
})

test('text that is not exactly a server block is not read as one', () => {
  for (const text of [
    'hello',
    '#### 👍r to a at 12:00:00',
    '#### ⏳r to a at 12:00:00\nqueued',
    '## Test Results: 1 pass\n',
    '#### 🛠️System at 12:00:00\n```JSON\n1\n```',
  ]) {
    assert.is(parseServerBlock(text), undefined, text)
  }
})

test.run()
