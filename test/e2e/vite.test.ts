/**
 * The Vite plugin (SPEC §11): a Vite app (`fixtures/vite-app`, TypeScript) served by the real
 * `vite` dev server with `@daebug/server/vite`. Its page is a realm whose REPL imports app code
 * through Vite; `daebug --test` finds the Vite server and runs the app's `.test.ts` file in the
 * page, reporting its failure; HMR keeps updating the page in place.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseRegistry } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  appendToLog,
  freePort,
  launchBrowser,
  readRootFile,
  removeRoot,
  runCli,
  waitFor,
  waitForLog,
  waitForRealms,
} from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, '..', '..')
const FIXTURE = join(here, 'fixtures', 'vite-app')
const VITE = join(repo, 'node_modules', 'vite', 'bin', 'vite.js')

/** A copy of the fixture app, with the repository's packages reachable from it. */
async function copyApp(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'daebug-vite-'))
  await cp(FIXTURE, root, { recursive: true })
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir')
  return root
}

function startVite(
  root: string,
  port: number,
  args: string[] = [],
): { child: ChildProcess; output: string[] } {
  const child = spawn(process.execPath, [VITE, '--port', String(port), '--strictPort', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  const output: string[] = []
  child.stdout!.on('data', (chunk) => output.push(String(chunk)))
  child.stderr!.on('data', (chunk) => output.push(String(chunk)))
  return { child, output }
}

test('a Vite app with the plugin: its page is a realm, its .test.ts runs with daebug --test, HMR still works', async () => {
  const root = await copyApp()
  const port = await freePort()
  const vite = startVite(root, port)
  const exited = new Promise((resolve) => vite.child.once('exit', resolve))
  const browser = await launchBrowser()
  try {
    await waitFor('Vite and Daebug to listen', () =>
      vite.output.join('').includes('daebug: realms in'),
    )
    const page = await browser.newPage()
    await page.goto(`http://localhost:${port}/`)
    const [realm] = (await waitForRealms(root)) as [string]
    await waitFor(
      'the app to render',
      async () => (await page.textContent('#message')) === 'version 1',
    )

    // The REPL imports the app's TypeScript through Vite.
    await appendToLog(root, realm, "```js\n(await import('/src/math.ts')).add(40, 2)\n```\n")
    await waitForLog(root, realm, /\n42\n/)

    const run = await runCli(['--test', '--root', root])
    assert.is(run.code, 1, `${run.stdout}\n${run.stderr}`)
    assert.match(run.stdout, /✔ add sums two numbers/)
    assert.match(run.stdout, /✔ runs in the page Vite serves/)
    assert.match(run.stdout, /✖ absolute drops the sign/)
    assert.match(run.stdout, /-4 !== 4/)
    assert.match(run.stdout, /src\/math\.test\.ts:\d+:\d+/, 'the failure points into the test file')
    assert.match(run.stdout, /\n2 passed, 1 failed, 0 skipped /)

    // Hot update in place: the page is not reloaded, and it stays the same connected realm.
    await page.evaluate('window.keptAcrossUpdate = true')
    await writeFile(join(root, 'src', 'message.ts'), "export const message: string = 'version 2'\n")
    await waitFor(
      'the hot update',
      async () => (await page.textContent('#message')) === 'version 2',
    )
    assert.is(await page.evaluate('window.keptAcrossUpdate'), true, 'the page was reloaded')
    const registry = parseRegistry(await readRootFile(root, 'daebug.md'))
    assert.equal(
      registry.realms.filter((listed) => !listed.url.startsWith('worker://')).map((r) => r.name),
      [realm],
    )
    assert.not.match(vite.output.join(''), /error/i)
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- vite output ---\n${vite.output.join('')}`)
  } finally {
    await browser.close()
    vite.child.kill('SIGTERM')
    await exited
    await removeRoot(root)
  }
})

test('stopping Vite stops Daebug: daebug/.server.json is removed and the registry says stopped', async () => {
  const root = await copyApp()
  const vite = startVite(root, await freePort())
  const exited = new Promise((resolve) => vite.child.once('exit', resolve))
  try {
    await waitFor('Vite and Daebug to listen', () =>
      vite.output.join('').includes('daebug: realms in'),
    )
    const info = JSON.parse(await readFile(join(root, 'daebug', '.server.json'), 'utf8'))
    assert.is(info.root, root)
    vite.child.kill('SIGTERM')
    await exited
    assert.is(await readRootFile(root, 'daebug/.server.json'), '')
    assert.match(await readRootFile(root, 'daebug.md'), /stopped/i)
  } finally {
    vite.child.kill('SIGKILL')
    await removeRoot(root)
  }
})

test('beyond loopback Daebug needs its token: the printed link lets a browser in, daebug --test reads it', async () => {
  const root = await copyApp()
  const port = await freePort()
  // 127.0.0.2 is not a loopback name to Daebug (nor to Vite), yet this machine reaches it.
  const vite = startVite(root, port, ['--host', '127.0.0.2'])
  const exited = new Promise((resolve) => vite.child.once('exit', resolve))
  const browser = await launchBrowser()
  try {
    const link = await waitFor(
      'the token link',
      () =>
        /Open (http:\/\/127\.0\.0\.2:\d+\/__daebug\/\?daebug_token=[\w-]+)/.exec(
          vite.output.join(''),
        )?.[1],
    )
    const base = `http://127.0.0.2:${port}/`
    assert.is((await fetch(`${base}__daebug/api/health`)).status, 401)
    const page = await browser.newPage()
    await page.goto(base)
    await new Promise((done) => setTimeout(done, 1000))
    assert.is(
      await readRootFile(root, 'daebug.md').then((text) => /\d+-\w+-\d{4}-\d\d/.test(text)),
      false,
      'a page without the cookie connected',
    )
    await page.goto(link)
    assert.is(new URL(page.url()).search, '', 'the token stays out of the address bar')
    await page.goto(base)
    await waitForRealms(root)
    const run = await runCli(['--test', '--root', root])
    assert.is(run.code, 1, `${run.stdout}\n${run.stderr}`)
    assert.match(run.stdout, /\n2 passed, 1 failed, 0 skipped /)
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- vite output ---\n${vite.output.join('')}`)
  } finally {
    await browser.close()
    vite.child.kill('SIGTERM')
    await exited
    await removeRoot(root)
  }
})

test.run()
