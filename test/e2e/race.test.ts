import { appendFileSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { logOf, readRootFile, waitFor, waitForLog, withSession } from './harness.js'

/** A second writer: 40 notes appended 5 ms apart, as an agent typing in the log would. */
function appendNotes(path: string): { notes: string[]; editing: Promise<void> } {
  const notes: string[] = []
  const editing = (async () => {
    for (let i = 0; i < 40; i++) {
      const note = `note ${i} from the agent`
      appendFileSync(path, `${note}\n\n`)
      notes.push(note)
      await new Promise((done) => setTimeout(done, 5))
    }
  })()
  return { notes, editing }
}

/**
 * Waits until every note and every expected text is in the log. A save that lands in the file a
 * rename just replaced is carried over a little later (docs/live-repl.md), so the log is read
 * until it holds everything or the carry-over window (1.5 s) has long passed.
 */
async function assertAllKept(
  root: string,
  realm: string,
  notes: string[],
  expected: string[],
): Promise<void> {
  let log = ''
  const missing = () => [...notes, ...expected].filter((text) => !log.includes(text))
  try {
    await waitFor(
      'every note and reply',
      async () => {
        log = await readRootFile(root, logOf(realm))
        return missing().length === 0
      },
      5000,
    )
  } catch {
    const lost = missing()[0]!
    const at = lost.startsWith('note ')
      ? log.indexOf(`note ${Number(lost.split(' ')[1]) - 1} `)
      : -1
    assert.unreachable(
      `${lost} was lost; the log around it:\n${log.slice(Math.max(0, at - 200), at + 600)}`,
    )
  }
}

test('a save that lands right after one of the server writes is processed', () =>
  withSession(async ({ root, realm }) => {
    const path = join(root, logOf(realm))
    // Each request is appended the moment the previous reply is in the file.
    for (let i = 0; i < 20; i++) {
      await appendFile(path, `\`\`\`js\n${i} + 1000\n\`\`\`\n`)
      await waitForLog(root, realm, `\`\`\`JSON\n${i + 1000}\n\`\`\``, 10_000)
    }
  }))

test('edits an agent makes in a tight loop while jobs finish are never lost', () =>
  withSession(async ({ root, realm }) => {
    const path = join(root, logOf(realm))
    const { notes, editing } = appendNotes(path)
    for (let i = 0; i < 5; i++) {
      await appendFile(
        path,
        `\`\`\`js\nnew Promise((r) => setTimeout(() => r("during ${i}"), 20))\n\`\`\`\n`,
      )
      await waitForLog(root, realm, `\`\`\`JSON\n"during ${i}"\n\`\`\``, 10_000)
    }
    await editing
    await appendFile(path, '```js\n"last"\n```\n')
    await waitForLog(root, realm, '```JSON\n"last"\n```', 15_000)
    await assertAllKept(root, realm, notes, [])
  }))

test('requests appended in a burst while another writer appends are all answered', () =>
  withSession(async ({ root, realm }) => {
    const path = join(root, logOf(realm))
    const { notes, editing } = appendNotes(path)
    for (let i = 0; i < 10; i++) {
      appendFileSync(
        path,
        `\`\`\`js\nnew Promise((r) => setTimeout(() => r("during ${i}"), 20))\n\`\`\`\n`,
      )
      await new Promise((done) => setTimeout(done, 20))
    }
    await editing
    await appendFile(path, '```js\n"last"\n```\n')
    await waitForLog(root, realm, '```JSON\n"last"\n```', 15_000)
    const replies = Array.from({ length: 10 }, (_, i) => `\`\`\`JSON\n"during ${i}"\n\`\`\``)
    await assertAllKept(root, realm, notes, replies)
  }))

test.run()
