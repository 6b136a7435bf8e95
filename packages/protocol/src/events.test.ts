import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type CapturedEvent, compressEvents, formatBackgroundBlock, formatEvent } from './events.js'

const at = (clock: string) => new Date(`2026-11-22T${clock}`).getTime()

test('each level has its icon, label and fence tag', () => {
  const cases: Array<[CapturedEvent, string]> = [
    [
      { level: 'log', time: at('12:06:41'), text: 'a 1' },
      '##### ☑️console.log 12:06:41\n```Text console.log\na 1\n```',
    ],
    [
      { level: 'info', time: at('12:06:41'), text: '"x"', json: true },
      '##### ℹ️console.info 12:06:41\n```JSON console.info\n"x"\n```',
    ],
    [
      { level: 'warn', time: at('12:06:41'), text: 'w' },
      '##### 🆘console.warn 12:06:41\n```Text console.warn\nw\n```',
    ],
    [
      { level: 'error', time: at('12:06:41'), text: 'e' },
      '##### 🆘console.error 12:06:41\n```Text console.error\ne\n```',
    ],
    [
      { level: 'debug', time: at('12:06:41'), text: 'd' },
      '##### 🔢console.debug 12:06:41\n```Text console.debug\nd\n```',
    ],
    [
      { level: 'table', time: at('12:06:41'), text: 't' },
      '##### 🔢console.table 12:06:41\n```Text console.table\nt\n```',
    ],
    [
      {
        level: 'window.onerror',
        time: at('12:06:41'),
        text: 'Error: late',
        stack: 'Error: late\n    at later (app.js:3:9)',
      },
      '##### 🚫window.onerror 12:06:41\n```Error window.onerror\nError: late\n    at later (app.js:3:9)\n```',
    ],
    [
      { level: 'unhandledrejection', time: at('12:06:41'), text: 'Error: no' },
      '##### 🚫unhandledrejection 12:06:41\n```Error unhandledrejection\nError: no\n```',
    ],
    [
      { level: 'self.onerror', time: at('12:06:41'), text: 'Error: w' },
      '##### 🚫self.onerror 12:06:41\n```Error self.onerror\nError: w\n```',
    ],
  ]
  for (const [event, expected] of cases) assert.is(formatEvent(event), expected)
})

const many = (n: number): CapturedEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    level: 'log' as const,
    time: at('12:06:41') + i * 1000,
    text: `#${i}`,
  }))

test('up to ten events are all kept; more keep the first 2 and the last 8 with a count', () => {
  assert.is(compressEvents(many(10)).omitted, 0)
  const batch = compressEvents(many(25))
  assert.equal(
    batch.events.map((e) => e.text),
    ['#0', '#1', '#17', '#18', '#19', '#20', '#21', '#22', '#23', '#24'],
  )
  assert.is(batch.omitted, 15)
  assert.is(compressEvents(batch.events, batch.omitted).omitted, 15)
})

test('a background block with twelve events shows 2, the omission line, and 8', () => {
  const text = formatBackgroundBlock('7-zen-1201-03', { events: many(12), omitted: 0 })
  const lines = text.split('\n')
  assert.is(lines[0], '#### 📣7-zen-1201-03 background at 12:06:41')
  assert.is(
    lines.slice(1, 9).join('\n'),
    '##### ☑️console.log 12:06:41\n```Text console.log\n#0\n```\n##### ☑️console.log 12:06:42\n```Text console.log\n#1\n```',
  )
  assert.equal(lines.slice(9, 12), ['', '... (2 more background events omitted) ...', ''])
  assert.is(lines[12], '##### ☑️console.log 12:06:45')
  assert.is(lines.length, 12 + 8 * 4)
})

test.run()
