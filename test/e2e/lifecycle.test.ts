import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseRegistry } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  appendToLog,
  freePort,
  launchBrowser,
  logOf,
  makeRoot,
  readRootFile,
  removeRoot,
  startServer,
  waitFor,
  waitForLog,
  waitForRealms,
  withSession,
} from './harness.js'

test('%%SHUTDOWN%% stops the server with exit code 0; a stale one does not stop the next start', async () => {
  const root = await makeRoot()
  try {
    const first = await startServer(root)
    await appendFile(join(root, 'daebug.md'), '\n%%SHUTDOWN%%\n')
    assert.is(await first.exited, 0)
    assert.match(
      await readRootFile(root, 'daebug.md'),
      /^# 👾 Daebug stopped at \d\d:\d\d:\d\d \(ran since \d\d:\d\d:\d\d\)/u,
    )
    await writeFile(join(root, 'daebug.md'), '%%SHUTDOWN%%\n')
    const second = await startServer(root)
    await new Promise((done) => setTimeout(done, 600))
    assert.is(second.process.exitCode, null, 'the second server keeps running')
    assert.match(await readRootFile(root, 'daebug.md'), /^# 👾 Daebug at /u)
    assert.is(await second.stop(), 0)
  } finally {
    await removeRoot(root)
  }
})

test('SIGTERM shuts down gracefully: running jobs are interrupted and the registry says stopped', () =>
  withSession(async ({ root, server, realm }) => {
    await appendToLog(root, realm, '```js\nawait new Promise(() => {})\n```\n')
    await waitForLog(root, realm, 'executing (0s)')
    assert.is(await server.stop(), 0)
    assert.match(
      await readRootFile(root, logOf(realm)),
      /#### 🚫\S+ to agent at [\d:]+\n```Text\nInterrupted: the server shut down\.\n```/u,
    )
  }))

test('kill -9 mid-job leaves the files intact; the restarted server marks the job interrupted', async () => {
  const root = await makeRoot()
  const port = await freePort()
  const server = await startServer(root, [], port)
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    await appendToLog(root, realm, '```js\nawait new Promise(() => {})\n```\n')
    await waitForLog(root, realm, 'executing (0s)')
    await server.kill9()
    await page.close()
    const restarted = await startServer(root, [], port)
    const log = await waitForLog(root, realm, 'Interrupted: the server restarted.')
    assert.match(
      log,
      /await new Promise\(\(\) => \{\}\)\n```\n#### 🚫\S+ to agent at [\d:]+\n```Text\nInterrupted: the server restarted\.\n```\n\n-{70}\n/,
    )
    await restarted.stop()
  } finally {
    await browser.close()
    await removeRoot(root)
  }
})

test('a job in a tab that closes ends with a 🚫 reply, and the registry shows disconnected', () =>
  withSession(
    async ({ root, page, realm }) => {
      await appendToLog(root, realm, '```js\nawait new Promise(() => {})\n```\n')
      await waitForLog(root, realm, 'executing (0s)')
      await page.close()
      await waitForLog(
        root,
        realm,
        /#### 🚫\S+ to agent at [\d:]+\n```Text\nInterrupted: the realm disconnected/u,
        5000,
      )
      await waitFor('disconnected in the registry', async () =>
        parseRegistry(await readRootFile(root, 'daebug.md')).realms.find(
          (r) => r.name === realm && r.state === 'disconnected',
        ),
      )
    },
    ['--timeout', '5000'],
  ))

test('a reload during a job replies 🚫 once, never runs the job again, and keeps the realm and its log', () =>
  withSession(async ({ root, page, realm }) => {
    await appendToLog(
      root,
      realm,
      '```js\nlocalStorage.runs = Number(localStorage.runs ?? 0) + 1; await new Promise(() => {})\n```\n',
    )
    await waitForLog(root, realm, 'executing (0s)')
    await page.reload()
    await waitForLog(root, realm, /localStorage\.runs[^\n]+\n```\n#### 🚫/u)
    await waitForRealms(root)
    await appendToLog(root, realm, '```js\nNumber(localStorage.runs)\n```\n')
    const log = await waitForLog(
      root,
      realm,
      /Number\(localStorage\.runs\)\n```\n#### 👍[^\n]+\n```JSON\n1\n```/u,
    )
    assert.is((log.match(/^# /gm) ?? []).length, 1, 'one log file, one header')
  }))

test('a slow job times out, the next job runs, and its late result is noted without a rerun', () =>
  withSession(
    async ({ root, realm }) => {
      await appendToLog(
        root,
        realm,
        '```js\nnew Promise((r) => { globalThis.slowRuns = (globalThis.slowRuns ?? 0) + 1; setTimeout(() => r("slow"), 1500) })\n```\n',
      )
      await waitForLog(
        root,
        realm,
        /#### 🚫\S+ to agent at [\d:]+ \(500ms\)\n```Text\nTimed out after 0\.5s; the realm may still be running the code\.\n```/u,
      )
      await appendToLog(root, realm, '```js\nglobalThis.slowRuns\n```\n')
      await waitForLog(root, realm, /globalThis\.slowRuns\n```\n#### 👍[^\n]+\n```JSON\n1\n```/u)
      await waitForLog(
        root,
        realm,
        /Late result for the request at [\d:]+ \(after [\d.,]+m?s\):\n```\n```JSON\n"slow"\n```/u,
      )
    },
    ['--timeout', '500'],
  ))

test('a duplicated tab (same session name) gets a realm of its own', async () => {
  const root = await makeRoot()
  const server = await startServer(root)
  const browser = await launchBrowser()
  try {
    const context = await browser.newContext()
    const first = await context.newPage()
    await first.goto(server.url)
    const [name] = (await waitForRealms(root)) as [string]
    const second = await context.newPage()
    await second.addInitScript((stored) => sessionStorage.setItem('daebug:realm', stored), name)
    await second.goto(server.url)
    const names = await waitForRealms(root, 2)
    assert.is(new Set(names).size, 2)
    assert.ok(names.includes(name))
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
})

test('ten tabs of one browser and their ten workers all register and each answers an eval', async () => {
  const root = await makeRoot()
  const server = await startServer(root)
  const browser = await launchBrowser()
  try {
    const context = await browser.newContext()
    for (let i = 0; i < 10; i++) await (await context.newPage()).goto(server.url)
    const pages = await waitForRealms(root, 10, 20_000)
    const workers = await waitForRealms(root, 10, 20_000, 'worker')
    const realms = [...pages, ...workers]
    assert.is(new Set(realms).size, 20)
    await Promise.all(
      realms.map((realm, i) => appendToLog(root, realm, `\`\`\`js\n${i} * 2\n\`\`\`\n`)),
    )
    for (const [i, realm] of realms.entries())
      await waitForLog(root, realm, `\`\`\`JSON\n${i * 2}\n\`\`\``, 15_000)
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
})

test.run()
