/**
 * Embedding (SPEC §11): a plain Hono app with `createDaebug()` from `@daebug/server/node` mounted
 * in it serves its own routes and Daebug's, whether Daebug listens or the app's own server does.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket from 'ws'
import { freePort, launchBrowser, makeRoot, removeRoot, waitFor } from './harness.js'

/** The first message a WebSocket at `url` sends. */
function firstMessage(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.once('message', (data) => {
      resolve(String(data))
      socket.close()
    })
    socket.once('error', reject)
    socket.once('close', () => reject(new Error(`${url} closed before a message`)))
  })
}

const FIXTURE = fileURLToPath(new URL('./fixtures/embed/server.mjs', import.meta.url))

for (const mode of ['listen', 'attach'] as const) {
  test(`a Hono app with Daebug mounted (${mode}) serves its routes and Daebug's; its page is a realm`, async () => {
    const root = await makeRoot()
    const port = await freePort()
    const child = spawn(process.execPath, [FIXTURE, root, String(port), mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: string[] = []
    child.stdout.on('data', (chunk) => out.push(String(chunk)))
    child.stderr.on('data', (chunk) => out.push(String(chunk)))
    const browser = await launchBrowser()
    try {
      await waitFor(
        'the fixture to be ready',
        async () => out.join('').includes('ready') || undefined,
      )
      const url = `http://localhost:${port}/`
      assert.is(await (await fetch(`${url}hello`)).text(), 'hello from the app')
      const health = (await (await fetch(`${url}__daebug/api/health`)).json()) as { ok: boolean }
      assert.is(health.ok, true)
      const page = await browser.newPage()
      await page.goto(url)
      const realm = await waitFor(
        'a realm to connect',
        async () => /connected (\S+)/.exec(out.join(''))?.[1],
      )
      const response = await fetch(`${url}__daebug/api/realms/${realm}/eval`, {
        method: 'POST',
        body: JSON.stringify({ code: 'document.title' }),
      })
      assert.equal(((await response.json()) as { value: unknown }).value, 'Embedded')
      assert.is((await fetch(`${url}nothing-here`)).status, 404, "the app's own 404")
      if (mode === 'attach')
        assert.is(await firstMessage(`ws://localhost:${port}/app-ws`), 'app socket')
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- fixture output ---\n${out.join('')}`)
    } finally {
      await browser.close()
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
      await removeRoot(root)
    }
  })
}

test.run()
