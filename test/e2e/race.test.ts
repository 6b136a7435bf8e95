import { appendFileSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { logOf, waitForLog, withSession } from './harness.js'

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

function assertNotesKept(log: string, notes: string[]): void {
  for (const note of notes) {
    if (log.includes(note)) continue
    const n = Number(note.split(' ')[1])
    const around = log.slice(
      Math.max(0, log.indexOf(`note ${n - 1} `) - 200),
      log.indexOf(`note ${n + 1} `) + 400,
    )
    assert.unreachable(`${note} was lost; the log around it:\n${around}`)
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
    assertNotesKept(await waitForLog(root, realm, '```JSON\n"last"\n```', 15_000), notes)
  }))

// Known bug (issue 3 stays open): with a second writer appending every 5 ms, a request appended
// 20 ms after the previous one, without waiting for its reply, or a note, is lost about once in
// twenty runs; the cause is not found yet (docs/live-repl.md).
test.skip('requests appended in a burst while another writer appends are all answered', () =>
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
    const log = await waitForLog(root, realm, '```JSON\n"last"\n```', 15_000)
    assertNotesKept(log, notes)
    for (let i = 0; i < 10; i++)
      assert.ok(log.includes(`\`\`\`JSON\n"during ${i}"\n\`\`\``), `request ${i} answered`)
  }))

test.run()
