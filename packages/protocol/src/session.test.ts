/**
 * One whole session, byte for byte: every edit the server makes to a log, applied in the order a
 * real session makes them, must produce exactly this file.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatBackgroundBlock } from './events.js'
import {
  acceptPending,
  appendBlock,
  interruptSlots,
  replaceSlot,
  writeJobTestBlock,
} from './log-edit.js'
import { formatLogHeader, formatReply, formatSlot, REPLY_TEXT } from './log-format.js'
import { formatTestProgress, formatTestResults } from './test-report.js'

const realm = '7-zen-1201-03'
const at = (clock: string) => new Date(`2026-11-22T${clock}`).getTime()

const EXPECTED = `# 7-zen-1201-03 Session

This file is a REPL into a live browser page. Append a fenced \`js\` block below the last line and save: the
code runs in that realm and the result appears under your block.

## Short Guide
- Write an expression or statements; the value of the last expression is the reply.
- Top-level \`await\` works, and \`let\`/\`const\`/\`function\`/\`class\` declarations persist between requests.
- Console output and uncaught errors caused by your code are attached to its reply.
- Check the duration in each reply header: it is how long the realm took.
- Run tests with \`(await import('node:test')).run({ files: ['**/*.test.js'] })\`.
- Keep notes in plain text between requests; only fenced \`js\`/\`ts\` blocks run.

### 🗣️claude to 7-zen-1201-03
Check the counter, then break it.
\`\`\`js
console.log('count', state.counter.value)
state.counter
\`\`\`
#### 👍7-zen-1201-03 to claude at 12:05:08 (5ms)
\`\`\`JSON
{
  "value": 0,
  "step": 1
}
\`\`\`
##### ☑️console.log 12:05:08
\`\`\`Text console.log
count 0
\`\`\`

\`\`\`js
undefinedFn()
\`\`\`
#### 🚫7-zen-1201-03 to claude at 12:05:08 (1ms)
\`\`\`Error
ReferenceError: undefinedFn is not defined
    at <anonymous>:1:1
\`\`\`

\`\`\`js
'never'
\`\`\`
#### 🚫7-zen-1201-03 to claude at 12:05:08
\`\`\`Text
Not run: an earlier block in this request failed.
\`\`\`

That failed as expected.

#### 📣7-zen-1201-03 background at 12:06:41
##### 🚫window.onerror 12:06:41
\`\`\`Error window.onerror
Error: late
    at later (http://localhost:8680/src/app.js:3:9)
\`\`\`

### 🗣️agent to 7-zen-1201-03 at 12:07:00
\`\`\`js
(await import('node:test')).run({ files: ['src/**/*.test.js'] })
\`\`\`
## Test Results: 2 pass, 1 fail, 0 skip (2.6s)

✗ counter › resets to zero (4ms)
\`\`\`Error
AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

1 !== 0

    at src/counter.test.js:14:10
\`\`\`
✓ 2 passed in 1 file

#### 🚫7-zen-1201-03 to agent at 12:07:03 (2.6s)
\`\`\`Text
2 passed, 1 failed, 0 skipped (2.6s) — report above
\`\`\`

### 🗣️agent to 7-zen-1201-03 at 12:08:00
\`\`\`js
await new Promise(() => {})
\`\`\`
#### 🚫7-zen-1201-03 to agent at 12:09:00
\`\`\`Text
Interrupted: the server restarted.
\`\`\`

----------------------------------------------------------------------
> Append your JavaScript snippet below to execute against this page.

Notes for later (a draft):
\`\`\`js
state.counter.
`

test('a whole session produces exactly the expected log', () => {
  let text = formatLogHeader(realm)
  const request = [
    '### 🗣️claude to 7-zen-1201-03',
    'Check the counter, then break it.',
    '```js',
    "console.log('count', state.counter.value)",
    'state.counter',
    '```',
    '```js',
    'undefinedFn()',
    '```',
    '```js',
    "'never'",
    '```',
    'That failed as expected.',
  ].join('\n')
  const accepted = acceptPending(`${text}${request}\n`, { realm, time: '12:05:07', queueLength: 0 })
  assert.equal(
    accepted.jobs.map((job) => job.code),
    ["console.log('count', state.counter.value)\nstate.counter", 'undefinedFn()', "'never'"],
  )
  text = accepted.text
  const [first, second, third] = accepted.jobs.map((job) => job.code) as [string, string, string]
  text = replaceSlot(
    text,
    first,
    formatReply({
      realm,
      agent: 'claude',
      time: '12:05:08',
      durationMs: 5,
      ok: true,
      body: { kind: 'json', json: '{\n  "value": 0,\n  "step": 1\n}' },
      events: [{ level: 'log', time: at('12:05:08'), text: 'count 0' }],
    }),
  )!
  text = replaceSlot(
    text,
    second,
    formatSlot(realm, 'claude', { state: 'executing', seconds: 0, time: '12:05:08' }),
  )!
  text = replaceSlot(
    text,
    second,
    formatReply({
      realm,
      agent: 'claude',
      time: '12:05:08',
      durationMs: 1,
      ok: false,
      body: {
        kind: 'error',
        stack: 'ReferenceError: undefinedFn is not defined\n    at <anonymous>:1:1',
      },
    }),
  )!
  text = replaceSlot(
    text,
    third,
    formatReply({
      realm,
      agent: 'claude',
      time: '12:05:08',
      ok: false,
      body: { kind: 'text', text: REPLY_TEXT.notRun },
    }),
  )!
  text = appendBlock(
    text,
    formatBackgroundBlock(realm, {
      events: [
        {
          level: 'window.onerror',
          time: at('12:06:41'),
          text: 'Error: late',
          stack: 'Error: late\n    at later (http://localhost:8680/src/app.js:3:9)',
        },
      ],
      omitted: 0,
    }),
  )
  const run = "(await import('node:test')).run({ files: ['src/**/*.test.js'] })"
  text = acceptPending(`${text}\`\`\`js\n${run}\n\`\`\`\n`, {
    realm,
    time: '12:07:00',
    queueLength: 0,
  }).text
  text = writeJobTestBlock(
    text,
    run,
    formatTestProgress({ done: 1, total: 3, pass: 1, fail: 0, durationMs: 900, failures: [] }),
  )!
  text = writeJobTestBlock(
    text,
    run,
    formatTestProgress({
      done: 2,
      total: 3,
      pass: 1,
      fail: 1,
      durationMs: 2100,
      failures: [{ name: 'counter › resets to zero', durationMs: 4 }],
    }),
  )!
  text = writeJobTestBlock(
    text,
    run,
    formatTestResults({
      pass: 2,
      fail: 1,
      skip: 0,
      todo: 0,
      durationMs: 2600,
      files: 1,
      failures: [
        {
          name: 'counter › resets to zero',
          durationMs: 4,
          error:
            'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n1 !== 0\n\n    at src/counter.test.js:14:10',
        },
      ],
      skips: [],
      todos: [],
    }),
  )!
  text = replaceSlot(
    text,
    run,
    formatReply({
      realm,
      agent: 'agent',
      time: '12:07:03',
      durationMs: 2600,
      ok: false,
      body: { kind: 'text', text: '2 passed, 1 failed, 0 skipped (2.6s) — report above' },
    }),
  )!
  text = acceptPending(`${text}\`\`\`js\nawait new Promise(() => {})\n\`\`\`\n`, {
    realm,
    time: '12:08:00',
    queueLength: 0,
  }).text
  text = `${text}Notes for later (a draft):\n\`\`\`js\nstate.counter.\n`
  text = interruptSlots(text, '12:09:00').text
  assert.is(text, EXPECTED)
})

test.run()
