import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { CapturedEvent } from './events.js'
import {
  FOOTER,
  formatAgentHeader,
  formatDiagnostic,
  formatLateResult,
  formatLogHeader,
  formatReply,
  formatRequest,
  formatSlot,
  normalizeErrorStack,
  REPLY_TEXT,
} from './log-format.js'

const realm = '7-zen-1201-03'
const at = (clock: string) => new Date(`2026-11-22T${clock}`).getTime()

test('the footer is the 70-dash line, the prompt line and one empty line', () => {
  assert.is(
    FOOTER,
    `${'-'.repeat(70)}\n> Append your JavaScript snippet below to execute against this page.\n\n`,
  )
})

test('a new log has its title, a guide of 5 to 8 bullets, and ends with the footer', () => {
  const text = formatLogHeader(realm)
  assert.ok(text.startsWith(`# ${realm} Session\n\n`))
  assert.ok(text.endsWith(`\n\n${FOOTER}`))
  const bullets = text.split('\n').filter((line) => line.startsWith('- '))
  assert.ok(bullets.length >= 5 && bullets.length <= 8, `${bullets.length} bullets`)
  assert.not.match(text, /\n\n\n/)
})

test('agent headers and slots have their exact shapes', () => {
  assert.is(
    formatAgentHeader('claude', realm, '12:05:07'),
    '### 🗣️claude to 7-zen-1201-03 at 12:05:07',
  )
  assert.is(
    formatSlot(realm, 'agent', { state: 'executing', seconds: 3, time: '12:05:07' }),
    '#### ⏳7-zen-1201-03 to agent at 12:05:07\nexecuting (3s)',
  )
  assert.is(
    formatSlot(realm, 'agent', { state: 'queued', ahead: 2, time: '12:05:07' }),
    '#### ⏳7-zen-1201-03 to agent at 12:05:07\nqueued (2 ahead)',
  )
  assert.is(
    formatRequest('cli', realm, 'run(`x`)\n```', { state: 'queued', ahead: 1, time: '12:05:07' }),
    '### 🗣️cli to 7-zen-1201-03 at 12:05:07\n````js\nrun(`x`)\n```\n````\n#### ⏳7-zen-1201-03 to cli at 12:05:07\nqueued (1 ahead)',
  )
})

test('a JSON reply has a JSON fence with the value as 2-space JSON', () => {
  const json = JSON.stringify({ answer: 42 }, null, 2)
  assert.is(
    formatReply({
      realm,
      agent: 'agent',
      time: '12:05:08',
      durationMs: 5,
      ok: true,
      body: { kind: 'json', json },
    }),
    '#### 👍7-zen-1201-03 to agent at 12:05:08 (5ms)\n```JSON\n{\n  "answer": 42\n}\n```',
  )
})

test('a Text reply whose content holds three backticks gets a four-backtick fence', () => {
  assert.is(
    formatReply({
      realm,
      agent: 'a',
      time: '12:05:08',
      durationMs: 2500,
      ok: true,
      body: { kind: 'text', text: 'x ``` y' },
    }),
    '#### 👍7-zen-1201-03 to a at 12:05:08 (2.5s)\n````Text\nx ``` y\n````',
  )
})

test('a failure has a 🚫 header and an Error fence, then the job events', () => {
  const events: CapturedEvent[] = [
    { level: 'log', time: at('12:05:08'), text: '{\n  "a": 1\n}', json: true },
    { level: 'warn', time: at('12:05:08'), text: 'careful 42' },
  ]
  const reply = formatReply({
    realm,
    agent: 'agent',
    time: '12:05:08',
    durationMs: 12,
    ok: false,
    body: { kind: 'error', stack: 'Error: boom\n    at <anonymous>:1:7' },
    events,
  })
  assert.is(
    reply,
    [
      '#### 🚫7-zen-1201-03 to agent at 12:05:08 (12ms)',
      '```Error',
      'Error: boom',
      '    at <anonymous>:1:7',
      '```',
      '##### ☑️console.log 12:05:08',
      '```JSON console.log',
      '{',
      '  "a": 1',
      '}',
      '```',
      '##### 🆘console.warn 12:05:08',
      '```Text console.warn',
      'careful 42',
      '```',
    ].join('\n'),
  )
})

test('a reply without a measured duration has no parenthesis', () => {
  assert.is(
    formatReply({
      realm,
      agent: 'agent',
      time: '12:06:00',
      ok: false,
      body: { kind: 'text', text: REPLY_TEXT.notRun },
    }),
    '#### 🚫7-zen-1201-03 to agent at 12:06:00\n```Text\nNot run: an earlier block in this request failed.\n```',
  )
})

test('diagnostics and late results are System notes with a Text fence', () => {
  assert.is(
    formatDiagnostic('12:07:00', 'worker unresponsive for 6 s; restarted'),
    '#### 🛠️System at 12:07:00\n```Text\nworker unresponsive for 6 s; restarted\n```',
  )
  assert.is(
    formatLateResult('12:07:10', '12:05:07', 63_200, { body: { kind: 'json', json: '42' } }),
    '#### 🛠️System at 12:07:10\n```Text\nLate result for the request at 12:05:07 (after 63.2s):\n```\n```JSON\n42\n```',
  )
})

test('the fixed reply texts match SPEC word for word', () => {
  assert.is(
    REPLY_TEXT.timedOut(60_000),
    'Timed out after 60.0s; the realm may still be running the code.',
  )
  assert.is(
    REPLY_TEXT.timedOut(1500),
    'Timed out after 1.5s; the realm may still be running the code.',
  )
  assert.is(REPLY_TEXT.restarted, 'Interrupted: the server restarted.')
  assert.is(REPLY_TEXT.shutDown, 'Interrupted: the server shut down.')
  assert.is(REPLY_TEXT.cancelled('http', false), 'Cancelled by http.')
})

test('an error stack always begins with Name: message', () => {
  assert.is(
    normalizeErrorStack(
      'TypeError',
      'x is not a function',
      'TypeError: x is not a function\n    at f',
    ),
    'TypeError: x is not a function\n    at f',
  )
  assert.is(
    normalizeErrorStack('TypeError', 'x is not a function', 'f@http://localhost/a.js:1:2'),
    'TypeError: x is not a function\nf@http://localhost/a.js:1:2',
  )
  assert.is(normalizeErrorStack('Error', '', undefined), 'Error')
})

test.run()
