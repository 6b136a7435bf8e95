/**
 * The dashboard (issue 9) in headless Chromium: it lists the demo page's realms, and a job sent
 * over HTTP shows up on it with its reply without a reload. A screenshot is kept under
 * `test/e2e/artifacts/` for CI to upload (the folder is not committed).
 */
import { cp, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { launchBrowser, makeRoot, removeRoot, startServer, waitForRealms } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const DEMO = join(here, '..', '..', 'apps', 'demo')
const ARTIFACTS = join(here, 'artifacts')

test('the dashboard shows the realms, and a job sent over HTTP appears with its reply, live', async () => {
  const root = await makeRoot()
  await cp(DEMO, root, { recursive: true })
  const server = await startServer(root)
  const browser = await launchBrowser()
  try {
    await (await browser.newPage()).goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    await waitForRealms(root, 1, 10_000, 'worker')
    const dashboard = await browser.newPage()
    await dashboard.goto(`${server.url}__daebug/`)
    await dashboard.waitForSelector(`tr[data-realm="${realm}"]`)
    await dashboard.waitForSelector(`tr[data-realm="${realm}-webworker"]`)
    assert.match((await dashboard.textContent('#realms')) ?? '', /Daebug demo: counter/)
    await dashboard.getByText('live: updates as they happen').waitFor()

    const response = await fetch(`${server.url}__daebug/api/realms/${realm}/eval`, {
      method: 'POST',
      body: JSON.stringify({
        code: 'document.querySelector("h1").textContent + "!"',
        agent: 'tester',
      }),
    })
    assert.is(response.status, 200)
    const reply = dashboard.locator(`.reply[data-realm="${realm}"]`).first()
    await reply.waitFor({ timeout: 10_000 })
    assert.match(
      (await reply.textContent()) ?? '',
      new RegExp(`👍${realm} to tester at [\\d:]+ \\(\\d+ms\\)"Counter!"`),
    )
    await mkdir(ARTIFACTS, { recursive: true })
    await dashboard.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true })
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
})

test.run()
