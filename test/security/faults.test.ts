/**
 * The fault suite (issue 10, SPEC §8): `kill -9` of the server at 50 random moments while an
 * agent appends requests and a realm answers them must leave the log parseable, lose no request
 * (each is in the file once), and leave every accepted request answered or marked interrupted
 * once the server is back; a frozen tab's job gets its documented reply. Prints
 * `faults survived: N/N`.
 */
import { appendFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FOOTER, findSlots, layoutLog } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket from 'ws'
import {
  appendToLog,
  freePort,
  launchBrowser,
  makeRoot,
  removeRoot,
  startServer,
  waitFor,
  waitForLog,
  waitForRealms,
} from '../e2e/harness.js'

const REALM = 'fault-realm'
const KILLS = 50

/** A realm over the realm channel that answers each job with its code's number. */
async function fakeRealm(url: string, instance: string): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}__daebug/realm`)
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  socket.on('error', () => {})
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; jobId?: string; code?: string }
    if (message.type !== 'job') return
    const value = /(\d+)\s*$/.exec(message.code ?? '')?.[1] ?? '0'
    const result = {
      type: 'result',
      jobId: message.jobId,
      ok: true,
      value,
      text: value,
      durationMs: 1,
      events: [],
      omitted: 0,
    }
    setTimeout(
      () => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(result)),
      Math.random() * 30,
    )
  })
  socket.send(JSON.stringify({ type: 'hello', name: REALM, instance, kind: 'page', url }))
  return socket
}

test(`kill -9 at ${KILLS} random moments during a load of writes loses nothing and leaves no request unanswered`, async () => {
  const root = await makeRoot({})
  const port = await freePort()
  const log = join(root, 'daebug', `${REALM}.md`)
  const appended: number[] = []
  let survived = 0
  try {
    for (let kill = 0; kill < KILLS; kill++) {
      const server = await startServer(root, [], port)
      const realm = await fakeRealm(server.url, `i${kill}`)
      await waitFor('the realm log', () => readFile(log, 'utf8'))
      let writing = true
      const writer = (async () => {
        while (writing) {
          const n = appended.length + 1
          appended.push(n)
          await appendFile(log, `\`\`\`js\n${n}\n\`\`\`\n`)
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20))
        }
      })()
      await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 400))
      await server.kill9()
      writing = false
      await writer
      realm.terminate()
      const text = await readFile(log, 'utf8')
      layoutLog(text) // parses, or throws
      survived++
    }
    // Back up once more: what was executing is marked interrupted.
    const server = await startServer(root, [], port)
    const realm = await fakeRealm(server.url, 'final')
    const text = await waitFor(
      'every accepted request answered',
      async () => {
        const current = await readFile(log, 'utf8')
        // Taken in (nothing left below the footer) and answered (no slot left).
        const settled = current.endsWith(FOOTER) && findSlots(layoutLog(current)).length === 0
        return settled ? current : undefined
      },
      20_000,
    )
    realm.terminate()
    await server.stop()
    for (const n of appended) {
      const copies = text.split(`\`\`\`js\n${n}\n\`\`\`\n`).length - 1
      assert.is(copies, 1, `request ${n} is in the log once`)
    }
    const requests = [...text.matchAll(/```js\n(\d+)\n```\n(#### [^\n]*\n```\w+\n[^\n]*\n```)?/g)]
    for (const [, n, reply] of requests) {
      assert.ok(reply, `request ${n} has a reply under it`)
      assert.ok(
        reply!.includes(`\`\`\`JSON\n${n}\n\`\`\``) ||
          /Interrupted: the server (restarted|shut down)\.|Not run: an earlier block/.test(reply!),
        `request ${n}: ${reply}`,
      )
    }
    console.log(`  faults survived: ${survived}/${KILLS} (${appended.length} requests, none lost)`)
  } finally {
    await removeRoot(root)
  }
})

test('a frozen tab: its job times out with the documented reply, and its late result is noted', async () => {
  const root = await makeRoot({})
  const server = await startServer(root, ['--timeout', '1500'])
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    // Frozen: the tab runs no JavaScript (a paused debugger stops it as a frozen tab is stopped).
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Debugger.enable')
    await cdp.send('Debugger.pause')
    await appendToLog(root, realm, '```js\n6 * 7\n```\n')
    await waitForLog(
      root,
      realm,
      /6 \* 7\n```\n#### 🚫\S+ to agent at [\d:]+ \(1,500ms\)\n```Text\nTimed out after 1\.5s; the realm may still be running the code\.\n```/,
      15_000,
    )
    await cdp.send('Debugger.resume')
    await waitForLog(
      root,
      realm,
      /Late result for the request at [\d:]+ \(after [\d.,]+m?s\):\n```\n```JSON\n42\n```/,
      15_000,
    )
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
})

test.run()
