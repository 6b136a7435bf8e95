import {
  closeSync,
  constants,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { LateSave } from '../host.js'
import { SharedFile } from '../log-file.js'
import { nodeFs } from './node.js'

async function fileWith(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'daebug-node-fs-')), 'log.md')
  await writeFile(path, text)
  return path
}

async function until<T>(what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 5000
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((done) => setTimeout(done, 5))
  }
}

/** Opens the file for appending, as an agent's `>>` does, before the server's rename. */
function openForAppend(path: string): number {
  return openSync(path, constants.O_WRONLY | constants.O_APPEND)
}

test('replaceText writes only when the file still holds what was expected', async () => {
  const path = await fileWith('a\n')
  assert.equal(await nodeFs.replaceText(path, 'b\n', 'other\n'), { written: false, current: 'a\n' })
  assert.is(readFileSync(path, 'utf8'), 'a\n')
  assert.equal(await nodeFs.replaceText(path, 'b\n', 'a\n'), { written: true })
  assert.is(readFileSync(path, 'utf8'), 'b\n')
})

test('an append through a descriptor opened before the rename is reported, and so is the next', async () => {
  const path = await fileWith('a\n')
  const seen: LateSave[] = []
  const fd = openForAppend(path)
  await nodeFs.replaceText(path, 'b\n', 'a\n', (save) => seen.push(save))
  writeSync(fd, 'late 1\n')
  await until('the first late append', () => seen[0])
  writeSync(fd, 'late 2\n')
  closeSync(fd)
  await until('the second late append', () => seen[1])
  assert.equal(seen, [
    { kind: 'append', text: 'late 1\n' },
    { kind: 'append', text: 'late 2\n' },
  ])
  assert.is(readFileSync(path, 'utf8'), 'b\n')
})

test('a late save that is not an append is reported with the whole content', async () => {
  const path = await fileWith('abc\n')
  const seen: LateSave[] = []
  const fd = openSync(path, constants.O_WRONLY)
  await nodeFs.replaceText(path, 'new\n', 'abc\n', (save) => seen.push(save))
  writeSync(fd, 'X', 0)
  closeSync(fd)
  await until('the late rewrite', () => seen[0])
  assert.equal(seen, [{ kind: 'rewrite', content: 'Xbc\n' }])
  assert.is(readFileSync(path, 'utf8'), 'new\n')
})

test('a replaced file is looked at for a while, then removed', async () => {
  const path = await fileWith('a\n')
  await nodeFs.replaceText(path, 'b\n', 'a\n', () => {})
  const hidden = () => readdirSync(join(path, '..')).filter((name) => name.startsWith('.'))
  assert.is(hidden().length, 1, 'the replaced file is kept while late saves may land')
  await until('the kept file to go', () => (hidden().length === 0 ? true : undefined))
})

test('a shared file carries a late append over to the end of the file', async () => {
  const path = await fileWith('# log\n')
  const file = new SharedFile(nodeFs, path)
  let appended = 0
  file.onAppended = () => appended++
  const fd = openForAppend(path)
  await file.update((text) => `${text}reply\n`)
  writeSync(fd, 'request\n')
  closeSync(fd)
  await until('the carried-over append', () => (appended ? true : undefined))
  assert.is(readFileSync(path, 'utf8'), '# log\nreply\nrequest\n')
})

test('stat tells a file from a folder, and a missing path, also one under a file, from both', async () => {
  const path = await fileWith('four')
  const folder = join(path, '..')
  assert.equal(
    [
      await nodeFs.stat(path),
      (await nodeFs.stat(folder))?.kind,
      await nodeFs.stat(join(folder, 'missing.md')),
      await nodeFs.stat(join(path, 'below-a-file.md')),
    ],
    [{ kind: 'file', size: 4, mtimeMs: statSync(path).mtimeMs }, 'directory', undefined, undefined],
  )
})

test('a file read after an append decodes as a whole read does, invalid bytes included', async () => {
  const path = await fileWith('')
  await nodeFs.replaceText(path, `# log 🗣️\n${'x'.repeat(5000)}\n`, '')
  for (const bytes of [
    [0xf0, 0x9f, 0x91, 0x8d, 0x0a],
    [0x80, 0xf0, 0x9f],
    [0x91, 0x8d, 0x0a],
  ]) {
    const fd = openForAppend(path)
    writeSync(fd, Buffer.from(bytes))
    closeSync(fd)
    assert.is(await nodeFs.readText(path), readFileSync(path, 'utf8'))
  }
})

test('a long text edited near its end or at its start is written as its own UTF-8', async () => {
  const path = await fileWith('')
  const long = `# log 🗣️\n${'ab\u00e9\u4e2d'.repeat(4000)}\n`
  const texts = [
    long,
    `${long}#### 👍 reply\n`,
    `${long}#### 🚫 reply, lone \ud800 surrogate\n`,
    `${long}#### 🚫 reply, lone \ud800 surrogate, edited 😀\n`,
    `X${long}`,
  ]
  let expected = ''
  for (const text of texts) {
    assert.equal(await nodeFs.replaceText(path, text, expected), { written: true })
    assert.ok(readFileSync(path).equals(Buffer.from(text, 'utf8')))
    expected = text
  }
})

test('a late save after the first looks at a replaced file is still reported', async () => {
  const path = await fileWith('abc\n')
  const seen: LateSave[] = []
  const fd = openForAppend(path)
  await nodeFs.replaceText(path, 'new\n', 'abc\n', (save) => seen.push(save))
  await new Promise((done) => setTimeout(done, 100))
  writeSync(fd, 'late\n')
  closeSync(fd)
  await until('the late append', () => seen[0])
  assert.equal(seen, [{ kind: 'append', text: 'late\n' }])
})

test.run()
