import { acceptPending, formatLogHeader, formatReply, replaceSlot } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SharedFile } from './log-file.js'
import { LogRotation } from './log-rotation.js'
import { memoryHost } from './memory-host.test-util.js'

const realm = '7-zen-1201-03'
const path = `/p/daebug/${realm}.md`

/** One exchange: a request, then its reply in place of its slot. */
async function exchange(log: SharedFile, n: number): Promise<void> {
  await log.update((text) => {
    const saved = `${text ?? formatLogHeader(realm)}\`\`\`js\n${n} // ${'x'.repeat(20)}\n\`\`\`\n`
    return acceptPending(saved, { realm, time: '12:00:00', queueLength: 0 }).text
  })
  const reply = formatReply({
    realm,
    agent: 'agent',
    time: '12:00:01',
    durationMs: 1,
    ok: true,
    body: { kind: 'json', json: String(n) },
  })
  await log.update((text) => replaceSlot(text!, `${n} // ${'x'.repeat(20)}`, reply))
}

/** Each request `n` of `count`, counted over the log and its archives. */
function countRequests(files: Map<string, string>, count: number): number[] {
  const all = [...files.values()].join('\n')
  return Array.from({ length: count }, (_, n) => all.split(`\`\`\`js\n${n} // `).length - 1)
}

test('a log past its limit keeps its last exchanges (a quarter of the limit) and links the archive that holds the rest', async () => {
  const host = memoryHost()
  const log = new SharedFile(host.fs, path, new LogRotation(host.fs, path, 6 * 1024))
  for (let n = 0; n < 150; n++) await exchange(log, n)
  const archives = [...host.files.keys()].filter((name) => name !== path).sort()
  assert.ok(archives.length >= 2, `${archives.length} archives`)
  assert.equal(archives.slice(0, 2), [`/p/daebug/${realm}.1.md`, `/p/daebug/${realm}.2.md`])
  const text = host.files.get(path)!
  assert.ok(new TextEncoder().encode(text).length <= 6 * 1024)
  const kept = text.split('```js\n').length - 1
  assert.ok(kept >= 1 && kept < 20, `${kept} exchanges kept`)
  assert.match(
    text,
    new RegExp(
      `^# ${realm} Session\\n\\n> Older exchanges: \\[${realm}\\.${archives.length}\\.md\\]`,
    ),
  )
  assert.match(
    host.files.get(archives[1]!)!,
    /^.*archive\n\n> Older exchanges: \[7-zen-1201-03\.1\.md\]/,
  )
  assert.equal(
    countRequests(host.files, 60),
    Array(60).fill(1),
    'every request in exactly one file',
  )
})

test('an archive written for a write that lost its compare-and-swap is reused, not duplicated', async () => {
  const host = memoryHost()
  const log = new SharedFile(host.fs, path, new LogRotation(host.fs, path, 6 * 1024))
  for (let n = 0; n < 50; n++) await exchange(log, n)
  const replace = host.fs.replaceText
  let raced = 0
  host.fs.replaceText = async (file, text, expected) => {
    const rotating = text.includes('Older exchanges: [7-zen-1201-03.2.md]')
    if (file === path && rotating && raced === 0) {
      raced++
      host.files.set(path, `${host.files.get(path)}agent notes\n`)
    }
    return replace(file, text, expected)
  }
  for (let n = 50; n < 100; n++) await exchange(log, n)
  assert.is(raced, 1)
  assert.is([...host.files.values()].join('\n').split('agent notes').length, 2)
  assert.equal(
    countRequests(host.files, 60),
    Array(60).fill(1),
    'every request in exactly one file',
  )
})

test('the next archive number is past every archive on disk', async () => {
  const host = memoryHost()
  host.files.set(`/p/daebug/${realm}.4.md`, '# an old archive\n')
  const log = new SharedFile(host.fs, path, new LogRotation(host.fs, path, 6 * 1024))
  for (let n = 0; n < 60; n++) await exchange(log, n)
  assert.is(host.files.get(`/p/daebug/${realm}.4.md`), '# an old archive\n')
  assert.ok(host.files.has(`/p/daebug/${realm}.5.md`))
})

test('a log rotates when its UTF-8 would pass the limit, not before', async () => {
  const host = memoryHost()
  const limit = 40_000
  const log = new SharedFile(host.fs, path, new LogRotation(host.fs, path, limit))
  const encoder = new TextEncoder()
  const sizes: number[] = []
  for (let n = 0; n < 80; n++) {
    await log.update((text) => {
      const saved = `${text ?? formatLogHeader(realm)}\`\`\`js\nvalue(${n})\n\`\`\`\n`
      return acceptPending(saved, { realm, time: '12:00:00', queueLength: 0 }).text
    })
    const json = JSON.stringify('é😀'.repeat(100 + n))
    const reply = formatReply({
      realm,
      agent: 'agent',
      time: '12:00:01',
      durationMs: 1,
      ok: true,
      body: { kind: 'json', json },
    })
    await log.update((text) => replaceSlot(text!, `value(${n})`, reply))
    sizes.push(encoder.encode(host.files.get(path)!).length)
  }
  const before = sizes.filter((size, i) => i + 1 < sizes.length && sizes[i + 1]! < size)
  assert.ok(before.length >= 2, `${before.length} rotations`)
  assert.ok(Math.max(...sizes) <= limit)
  for (const size of before) assert.ok(size > limit - 1500, `rotated early, at ${size} bytes`)
})

test.run()
