import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  acceptPending,
  appendBlock,
  interruptSlots,
  normalizeLog,
  replaceSlot,
  replaceTestBlock,
  writeJobTestBlock,
} from './log-edit.js'
import { FOOTER, formatLogHeader, formatReply } from './log-format.js'

const realm = '7-zen-1201-03'
const HEAD = formatLogHeader(realm)
const TITLE = HEAD.slice(0, -FOOTER.length)
const accept = (text: string, queueLength = 0) =>
  acceptPending(text, { realm, time: '12:05:07', queueLength })
const reply = (json: string, agent = 'agent') =>
  formatReply({
    realm,
    agent,
    time: '12:05:08',
    durationMs: 5,
    ok: true,
    body: { kind: 'json', json },
  })

test('a js fence below the footer becomes a request with a header and an executing slot', () => {
  const result = accept(`${HEAD}\`\`\`js\n1 + 1\n\`\`\`\n`)
  assert.is(result.status, 'request')
  assert.is(result.agent, 'agent')
  assert.equal(result.jobs, [{ code: '1 + 1', lang: 'js' }])
  assert.is(
    result.text,
    `${TITLE}### 🗣️agent to ${realm} at 12:05:07\n\`\`\`js\n1 + 1\n\`\`\`\n#### ⏳${realm} to agent at 12:05:07\nexecuting (0s)\n\n${FOOTER}`,
  )
})

test('the reply replaces the slot, and the file ends with the footer', () => {
  const accepted = accept(`${HEAD}\`\`\`js\n1 + 1\n\`\`\`\n`).text
  assert.is(
    replaceSlot(accepted, '1 + 1', reply('2')),
    `${TITLE}### 🗣️agent to ${realm} at 12:05:07\n\`\`\`js\n1 + 1\n\`\`\`\n${reply('2')}\n\n${FOOTER}`,
  )
})

test('prose and three fences: every fence gets its own slot, prose stays verbatim', () => {
  const chunk = [
    '### 🗣️claude to 7-zen-1201-03',
    'First the count:',
    '```js',
    'a',
    '```',
    'Then a note.',
    '',
    '```json',
    '{"not": "run"}',
    '```',
    '```ts',
    'const b: number = 1',
    '```',
    '',
    '',
    '```',
    'c',
    '```',
    'Trailing words.',
  ].join('\n')
  const result = accept(`${HEAD}${chunk}\n`, 1)
  assert.is(result.agent, 'claude')
  assert.equal(
    result.jobs.map((job) => job.code),
    ['a', 'const b: number = 1', 'c'],
  )
  const expected = [
    '### 🗣️claude to 7-zen-1201-03',
    'First the count:',
    '```js',
    'a',
    '```',
    `#### ⏳${realm} to claude at 12:05:07`,
    'queued (1 ahead)',
    '',
    'Then a note.',
    '',
    '```json',
    '{"not": "run"}',
    '```',
    '```ts',
    'const b: number = 1',
    '```',
    `#### ⏳${realm} to claude at 12:05:07`,
    'queued (2 ahead)',
    '',
    '```',
    'c',
    '```',
    `#### ⏳${realm} to claude at 12:05:07`,
    'queued (3 ahead)',
    '',
    'Trailing words.',
  ].join('\n')
  assert.is(result.text, `${TITLE}${expected}\n\n${FOOTER}`)
})

test('the blockquote header form names the agent', () => {
  const result = accept(`${HEAD}> **gpt** to ${realm} at 09:00:00\n\`\`\`\nx\n\`\`\`\n`)
  assert.is(result.agent, 'gpt')
  assert.ok(
    result.text.includes(
      `> **gpt** to ${realm} at 09:00:00\n\`\`\`\nx\n\`\`\`\n#### ⏳${realm} to gpt at 12:05:07\n`,
    ),
  )
})

test('a header naming another realm is ignored with a diagnostic', () => {
  const result = accept(`${HEAD}### 🗣️claude to other-realm\n\`\`\`js\n1\n\`\`\`\n`)
  assert.is(result.foreignRealm, 'other-realm')
  assert.is(result.jobs.length, 1)
  assert.match(
    result.text,
    /executing \(0s\)\n\n#### 🛠️System at 12:05:07\n```Text\nThe request's header names realm "other-realm"/,
  )
})

test('a chunk with an unclosed fence is a draft and nothing changes', () => {
  const text = `${HEAD}\`\`\`js\n1 +\n\`\`\`\n\`\`\`js\n2 +\n`
  const result = accept(text)
  assert.is(result.status, 'draft')
  assert.equal(result.jobs, [])
  assert.is(result.text, text)
})

test('notes without an executable fence stay below the footer', () => {
  const text = `${HEAD}Just thinking here.\n\`\`\`json\n{}\n\`\`\`\n`
  const result = accept(text)
  assert.is(result.status, 'notes')
  assert.is(result.text, text)
})

test('an empty chunk leaves a canonical file unchanged', () => {
  const result = accept(HEAD)
  assert.is(result.status, 'empty')
  assert.is(result.text, HEAD)
})

test('CRLF input is read as LF and written as LF', () => {
  const result = accept(
    `${HEAD}\`\`\`js\r\n40 + 2\r\n\`\`\`\r\n`.replaceAll('\n', '\r\n').replaceAll('\r\r\n', '\r\n'),
  )
  assert.equal(result.jobs, [{ code: '40 + 2', lang: 'js' }])
  assert.not.match(result.text, /\r/)
})

test('a footer pasted above is prose; the last footer is the footer', () => {
  const pasted = `${TITLE}Copied:\n${FOOTER}more notes\n\n${FOOTER}`
  const result = accept(`${pasted}\`\`\`js\n1\n\`\`\`\n`)
  assert.is(result.status, 'request')
  assert.ok(result.text.startsWith(`${TITLE}Copied:\n${FOOTER}more notes\n\n### 🗣️agent`))
})

test('a footer inside a fence of the pending chunk is not the footer', () => {
  const chunk = `\`\`\`js\nconst s = \`\n${FOOTER}\`\n\`\`\`\n`
  const result = accept(`${HEAD}${chunk}`)
  assert.is(result.status, 'request')
  assert.is(result.jobs[0]!.code, `const s = \`\n${FOOTER}\``)
})

test('a file without a footer is repaired: fences after the last reply are the request', () => {
  const done = replaceSlot(accept(`${HEAD}\`\`\`js\n1\n\`\`\`\n`).text, '1', reply('1'))!
  const withoutFooter = `${done.slice(0, -FOOTER.length)}\`\`\`js\n2\n\`\`\`\n`
  const result = accept(withoutFooter)
  assert.equal(result.jobs, [{ code: '2', lang: 'js' }])
  assert.ok(
    result.text.endsWith(
      `\`\`\`js\n2\n\`\`\`\n#### ⏳${realm} to agent at 12:05:07\nexecuting (0s)\n\n${FOOTER}`,
    ),
  )
})

test('a file replaced by a lone fence is repaired into a request', () => {
  const result = accept('```js\n3\n```\n')
  assert.equal(result.jobs, [{ code: '3', lang: 'js' }])
  assert.is(
    result.text,
    `### 🗣️agent to ${realm} at 12:05:07\n\`\`\`js\n3\n\`\`\`\n#### ⏳${realm} to agent at 12:05:07\nexecuting (0s)\n\n${FOOTER}`,
  )
})

test('a file without a footer and only a draft keeps the draft below the added footer', () => {
  assert.is(normalizeLog('```js\n1 +'), `${FOOTER}\`\`\`js\n1 +\n`)
})

test('a reply for a second queued job with the same code lands under the earliest open slot', () => {
  const first = accept(`${HEAD}\`\`\`js\nx\n\`\`\`\n`).text
  const both = acceptPending(`${first}\`\`\`js\nx\n\`\`\`\n`, {
    realm,
    time: '12:05:09',
    queueLength: 1,
  }).text
  const one = replaceSlot(both, 'x', reply('"first"'))!
  const two = replaceSlot(one, 'x', reply('"second"'))!
  assert.ok(two.indexOf('"first"') < two.indexOf('"second"'))
  assert.is(replaceSlot(two, 'x', reply('"third"')), undefined)
})

test('a slot whose fence the agent edited is not found, so the caller can append instead', () => {
  const accepted = accept(`${HEAD}\`\`\`js\n1\n\`\`\`\n`).text
  assert.is(
    replaceSlot(accepted.replace('```js\n1\n```', '```js\n10\n```'), '1', reply('1')),
    undefined,
  )
})

test('blocks go above the footer and a draft below it is kept verbatim', () => {
  const draft = '```js\nhalf written(\n'
  const text = appendBlock(`${HEAD}${draft}`, '#### 🛠️System at 12:00:00\n```Text\nnote\n```')
  assert.is(text, `${TITLE}#### 🛠️System at 12:00:00\n\`\`\`Text\nnote\n\`\`\`\n\n${FOOTER}${draft}`)
})

test('the test progress block is replaced in place, then by the report', () => {
  const one = replaceTestBlock(HEAD, '## Test Progress: 1/3 done, 1 pass, 0 fail (5ms)')
  const mid = appendBlock(one, '#### 🛠️System at 12:00:00\n```Text\nnote\n```')
  const two = replaceTestBlock(
    mid,
    '## Test Progress: 2/3 done, 1 pass, 1 fail (9ms)\n\n✗ a › b (3ms)',
  )
  const done = replaceTestBlock(
    two,
    '## Test Results: 2 pass, 1 fail, 0 skip (12ms)\n\n✗ a › b (3ms)\n```Error\nError: x\n```\n✓ 2 passed in 1 file',
  )
  assert.is(
    done,
    `${TITLE}## Test Results: 2 pass, 1 fail, 0 skip (12ms)\n\n✗ a › b (3ms)\n\`\`\`Error\nError: x\n\`\`\`\n✓ 2 passed in 1 file\n\n#### 🛠️System at 12:00:00\n\`\`\`Text\nnote\n\`\`\`\n\n${FOOTER}`,
  )
})

test('the test block of a job sits between its fence and its slot, so the reply follows the report', () => {
  const run = 'run()'
  const accepted = accept(`${HEAD}\`\`\`js\n${run}\n\`\`\`\nprose after\n`).text
  const progress = writeJobTestBlock(
    accepted,
    run,
    '## Test Progress: 1/2 done, 1 pass, 0 fail (5ms)',
  )!
  const later = acceptPending(`${progress}\`\`\`js\nnext\n\`\`\`\n`, {
    realm,
    time: '12:05:09',
    queueLength: 1,
  }).text
  const report = writeJobTestBlock(
    later,
    run,
    '## Test Results: 2 pass, 0 fail, 0 skip (9ms)\n\n✓ 2 passed in 1 file',
  )!
  const done = replaceSlot(
    report,
    run,
    reply('"2 passed, 0 failed, 0 skipped (9ms) — report above"'),
  )!
  const slot = `#### ⏳${realm} to agent at 12:05:09\nqueued (1 ahead)`
  assert.is(
    done,
    `${TITLE}### 🗣️agent to ${realm} at 12:05:07\n\`\`\`js\nrun()\n\`\`\`\n## Test Results: 2 pass, 0 fail, 0 skip (9ms)\n\n✓ 2 passed in 1 file\n\n${reply('"2 passed, 0 failed, 0 skipped (9ms) — report above"')}\n\nprose after\n\n### 🗣️agent to ${realm} at 12:05:09\n\`\`\`js\nnext\n\`\`\`\n${slot}\n\n${FOOTER}`,
  )
  assert.is(
    writeJobTestBlock(done, run, '## Test Progress: 0/1 done, 0 pass, 0 fail (0ms)'),
    undefined,
  )
})

test('interrupted jobs: every open slot becomes a 🚫 reply', () => {
  const accepted = accept(`${HEAD}\`\`\`js\na\n\`\`\`\n\`\`\`js\nb\n\`\`\`\n`).text
  const { text, count } = interruptSlots(accepted, '13:00:00')
  assert.is(count, 2)
  const interrupted = `#### 🚫${realm} to agent at 13:00:00\n\`\`\`Text\nInterrupted: the server restarted.\n\`\`\``
  assert.is(
    text,
    `${TITLE}### 🗣️agent to ${realm} at 12:05:07\n\`\`\`js\na\n\`\`\`\n${interrupted}\n\n\`\`\`js\nb\n\`\`\`\n${interrupted}\n\n${FOOTER}`,
  )
  assert.equal(interruptSlots(text, '13:00:01'), { text, count: 0 })
})

test('normalising a canonical log changes nothing', () => {
  assert.is(normalizeLog(HEAD), HEAD)
  assert.is(normalizeLog(`${HEAD}draft`), `${HEAD}draft\n`)
})

test('a log with nothing to accept or repair comes back as the very text it was', () => {
  const log = accept(`${HEAD}\`\`\`js\n1 + 1\n\`\`\`\n`).text
  const answered = replaceSlot(log, '1 + 1', reply('2'))!
  for (const text of [HEAD, answered, `${answered}a note, no fence yet\n`]) {
    assert.ok(accept(text).text === text)
    assert.ok(normalizeLog(text) === text)
  }
})

test.run()
