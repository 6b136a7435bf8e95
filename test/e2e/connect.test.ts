/**
 * Remote browsers (issue 14, SPEC §11): `--connect` opens the project in the browser of a
 * Playwright browser server, through the real CLI, and gets the same report as `--headless`;
 * in serve mode its page becomes a realm that answers. A failed connection, a page that cannot
 * reach the server and a `--browser` that is not installed each end with exit 2 and one line.
 */
import { cp } from 'node:fs/promises'
import { networkInterfaces } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserServer, chromium } from 'playwright-core'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  CHROMIUM_ARGS,
  freePort,
  makeRoot,
  removeRoot,
  runCli,
  startServer,
  waitForRealms,
} from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const DEMO = join(here, '..', '..', 'apps', 'demo')

/** A Playwright browser server on loopback (as `npx playwright launch-server` starts one). */
async function withBrowserServer(
  body: (server: BrowserServer) => Promise<void>,
  extraArgs: string[] = [],
): Promise<void> {
  const server = await chromium.launchServer({
    executablePath: '/usr/bin/chromium',
    host: '127.0.0.1',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  })
  try {
    await body(server)
  } finally {
    await server.close()
  }
}

/** A copy of the demo app in a fresh root, removed after `body`. */
async function withDemo(body: (root: string) => Promise<void>): Promise<void> {
  const root = await makeRoot()
  try {
    await cp(DEMO, root, { recursive: true })
    await body(root)
  } finally {
    await removeRoot(root)
  }
}

/** The report without its timings, which differ from run to run (and are left out when 0). */
const untimed = (report: string): string =>
  report.replace(/ \(\d+(?:\.\d+)?m?s\)/g, '').replace(/duration_ms [\d.]+/g, 'duration_ms …')

const lines = (text: string): string[] => text.trimEnd().split('\n').filter(Boolean)

test('--test --connect gets the same report and exit code as --test --headless', () =>
  withBrowserServer((browserServer) =>
    withDemo(async (root) => {
      const port = String(await freePort())
      const local = await runCli(['--test', '--headless', '--root', root, '--port', port])
      const remote = await runCli([
        '--test',
        '--connect',
        browserServer.wsEndpoint(),
        '--root',
        root,
        '--port',
        port,
      ])
      assert.is(local.code, 1, local.stderr)
      assert.is(remote.code, 1, remote.stderr)
      assert.match(remote.stdout, /✖ reset keeps the step/)
      assert.is(untimed(remote.stdout), untimed(local.stdout))
    }),
  ))

test('serve mode with --connect: the page of the remote browser becomes a realm that answers an eval', () =>
  withBrowserServer(async (browserServer) => {
    const root = await makeRoot()
    const server = await startServer(root, ['--connect', browserServer.wsEndpoint()])
    try {
      const [page] = (await waitForRealms(root, 1, 20_000)) as [string]
      const run = await runCli(['eval', '--root', root, '--page', page, '6 * 7'])
      assert.equal([run.code, run.stdout.trim()], [0, '42'], run.stderr)
    } finally {
      assert.is(await server.stop(), 0, server.stderr.join('\n'))
      await removeRoot(root)
    }
  }))

// Beyond loopback the server requires its token: the page gets it by opening the token link.
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address?.family === 'IPv4' && !address.internal)?.address

test('with --host beyond loopback, the remote page is let in with the token and the tests run', async () => {
  if (!lanAddress) return console.log('  (skipped: this machine has no non-loopback IPv4 address)')
  const root = await makeRoot({
    'a.test.js': "import { test } from 'node:test'\ntest('a', () => {})\n",
  })
  try {
    await withBrowserServer(async (browserServer) => {
      const run = await runCli([
        '--test',
        '--host',
        lanAddress,
        '--connect',
        browserServer.wsEndpoint(),
        '--root',
        root,
        '--port',
        String(await freePort()),
      ])
      assert.is(run.code, 0, run.stderr)
      assert.match(lines(run.stdout).at(-1) ?? '', /^1 passed, 0 failed, 0 skipped /)
    })
  } finally {
    await removeRoot(root)
  }
})

test('a browser server that does not answer is exit 2 and one line naming the endpoint', async () => {
  const root = await makeRoot()
  try {
    const endpoint = `ws://127.0.0.1:${await freePort()}/nobody`
    const run = await runCli(['--test', '--connect', endpoint, '--root', root])
    assert.is(run.code, 2, run.stdout)
    assert.match(
      lines(run.stderr).at(-1) ?? '',
      `daebug: could not connect to the browser at ${endpoint} (--connect): WebSocket error: connect ECONNREFUSED`,
    )
  } finally {
    await removeRoot(root)
  }
})

test('a remote page that cannot reach the server is exit 2, saying so and suggesting --host', () =>
  // The browser server's Chromium resolves no name, as one on another machine cannot reach ours.
  withBrowserServer(
    async (browserServer) => {
      const root = await makeRoot()
      try {
        const run = await runCli([
          '--test',
          '--connect',
          browserServer.wsEndpoint(),
          '--root',
          root,
          '--port',
          String(await freePort()),
        ])
        assert.is(run.code, 2, run.stdout)
        assert.match(
          lines(run.stderr).at(-1) ?? '',
          /^daebug: the browser at ws:\/\/127\.0\.0\.1:\d+\/\S+ could not open http:\/\/localhost:\d+\/: net::ERR_\w+ at http:\/\/localhost:\d+\/\. The page must reach this server from where the browser runs: serve on an address that browser can reach, with --host <address> \(Daebug gives the page the token\)\.$/,
        )
      } finally {
        await removeRoot(root)
      }
    },
    ['--host-resolver-rules=MAP * ~NOTFOUND'],
  ))

test('--browser firefox without Playwright’s Firefox is exit 2 and one line saying how to install it', async () => {
  const root = await makeRoot()
  try {
    const run = await runCli(['--test', '--headless', '--browser', 'firefox', '--root', root])
    assert.is(run.code, 2, run.stdout)
    assert.is(
      run.stderr,
      "daebug: --browser firefox: Playwright's Firefox is not installed here (run: npx playwright install firefox)\n",
    )
  } finally {
    await removeRoot(root)
  }
})

test.run()
