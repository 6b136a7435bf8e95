import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { acceptPending, replaceSlot } from './log-edit.js'
import { FOOTER, formatLogHeader, formatReply } from './log-format.js'
import { rotateLog } from './log-rotate.js'

const realm = '7-zen-1201-03'

function logWith(exchanges: number, draft = ''): string {
  let text = formatLogHeader(realm)
  for (let i = 0; i < exchanges; i++) {
    text = acceptPending(`${text}\`\`\`js\n${i}\n\`\`\`\n`, {
      realm,
      time: '12:00:00',
      queueLength: 0,
    }).text
    const reply = formatReply({
      realm,
      agent: 'agent',
      time: '12:00:01',
      durationMs: 1,
      ok: true,
      body: { kind: 'json', json: String(i) },
    })
    text = replaceSlot(text, String(i), reply)!
  }
  return text + draft
}

test('a log with no more exchanges than it keeps is not rotated', () => {
  assert.is(rotateLog(logWith(3), `${realm}.1.md`, 3), undefined)
})

test('rotation keeps only the last exchanges that fit in its character budget, and always the last', () => {
  const text = logWith(6)
  const exchange = (i: number) => new RegExp(`\`\`\`js\\n${i}\\n\`\`\``)
  const small = rotateLog(text, `${realm}.1.md`, 20, 400)!
  const smallKept = [0, 1, 2, 3, 4, 5].filter((i) => exchange(i).test(small.text))
  const n = smallKept.length
  assert.ok(n >= 1 && n < 6, `kept ${smallKept}`)
  assert.equal(
    smallKept,
    Array.from({ length: n }, (_, i) => 6 - n + i),
    'the last ones',
  )
  const tiny = rotateLog(text, `${realm}.1.md`, 20, 1)!
  assert.equal(
    [0, 1, 2, 3, 4, 5].filter((i) => exchange(i).test(tiny.text)),
    [5],
  )
  assert.is(rotateLog(text, `${realm}.1.md`, 20, 1_000_000), undefined, 'all of it fits')
})

test('rotation keeps the head, a link line and the last exchanges; the archive gets the rest', () => {
  const rotated = rotateLog(logWith(5, '```js\ndraft('), `${realm}.1.md`, 2)!
  assert.ok(
    rotated.text.startsWith(
      `# ${realm} Session\n\n> Older exchanges: [${realm}.1.md](${realm}.1.md)\n\nThis file is a REPL`,
    ),
  )
  assert.equal((rotated.text.match(/^### 🗣️/gmu) ?? []).length, 2)
  assert.ok(rotated.text.includes('```js\n3\n```') && rotated.text.includes('```js\n4\n```'))
  assert.ok(rotated.text.endsWith(`${FOOTER}\`\`\`js\ndraft(\n`))
  assert.ok(rotated.archive.startsWith(`# ${realm} Session, archive\n\n### 🗣️agent`))
  assert.equal((rotated.archive.match(/^### 🗣️/gmu) ?? []).length, 3)
})

/** The log with each code sent as a request that waits behind a running job (open slots). */
function queued(text: string, codes: readonly string[]): string {
  return codes.reduce(
    (log, code) =>
      acceptPending(`${log}\`\`\`js\n${code}\n\`\`\`\n`, {
        realm,
        time: '12:00:00',
        queueLength: 1,
      }).text,
    text,
  )
}

test('the exchange of an open slot, and all below it, stay in the log', () => {
  const rotated = rotateLog(queued(logWith(4), ['open()', 'later()']), `${realm}.1.md`, 1)!
  assert.equal((rotated.text.match(/^### 🗣️/gmu) ?? []).length, 2)
  assert.ok(rotated.text.includes('```js\nopen()\n```\n#### ⏳'))
  assert.equal((rotated.archive.match(/^### 🗣️/gmu) ?? []).length, 4)
  assert.is(rotateLog(queued(logWith(0), ['open()', 'later()']), `${realm}.1.md`, 1), undefined)
})

test('a second rotation links the newest archive and moves the old link into it', () => {
  const first = rotateLog(logWith(5), `${realm}.1.md`, 2)!
  let text = first.text
  for (let i = 10; i < 13; i++) {
    text = acceptPending(`${text}\`\`\`js\n${i}\n\`\`\`\n`, {
      realm,
      time: '12:00:00',
      queueLength: 0,
    }).text
  }
  const second = rotateLog(text, `${realm}.2.md`, 2)!
  assert.match(
    second.text,
    /^# 7-zen-1201-03 Session\n\n> Older exchanges: \[7-zen-1201-03\.2\.md\]/,
  )
  assert.equal((second.text.match(/Older exchanges/g) ?? []).length, 1)
  assert.match(
    second.archive,
    /^# 7-zen-1201-03 Session, archive\n\n> Older exchanges: \[7-zen-1201-03\.1\.md\]/,
  )
})

test.run()
