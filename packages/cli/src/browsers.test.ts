import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { browserSourceOf, displayEndpoint, noRealmMessage } from './browsers.js'
import { findBrowser } from './headless.js'
import { main, parseServeArgs, parseTestArgs } from './main.js'

function errorsOf(args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = []
  const output = { out: () => {}, write: () => {}, err: (line: string) => void err.push(line) }
  return main(args, output).then((code) => ({ code, err }))
}

test('--headless launches Chromium unless --browser names another engine', () => {
  assert.equal(
    [
      browserSourceOf({}),
      browserSourceOf({ headless: true }),
      browserSourceOf({ headless: true, browser: 'webkit' }),
    ],
    [undefined, { type: 'launch', browser: 'chromium' }, { type: 'launch', browser: 'webkit' }],
  )
})

test('--connect and --connect-cdp name the endpoint, and --browser picks the type that connects', () => {
  const serve = parseServeArgs(['--connect', 'ws://grid:3000/pw', '--browser', 'firefox'])
  const run = parseTestArgs(['--test', '--connect-cdp', 'http://selenium:4444/session/1/se/cdp'])
  assert.equal(
    [
      serve.type === 'serve' ? serve.settings.browser : serve.type,
      run.type === 'test' ? run.settings.browser : run.type,
    ],
    [
      { type: 'connect', browser: 'firefox', endpoint: 'ws://grid:3000/pw' },
      { type: 'connect-cdp', endpoint: 'http://selenium:4444/session/1/se/cdp' },
    ],
  )
})

test('bad browser options are usage errors that say what is allowed, exit 2', async () => {
  for (const [args, message] of [
    [
      ['--headless', '--browser', 'opera'],
      "--browser must be one of chromium, firefox, webkit; got 'opera'.",
    ],
    [
      ['--browser', 'firefox'],
      '--browser chooses the browser of --headless or --connect: add one.',
    ],
    [
      ['--headless', '--connect', 'ws://grid:3000/'],
      '--headless, --connect and --connect-cdp are alternatives: use one.',
    ],
    [['--connect', 'grid:3000'], "--connect must be a ws:// or wss:// URL, got 'grid:3000'."],
    [
      ['--connect-cdp', 'localhost'],
      "--connect-cdp must be a ws:// or wss:// or http:// or https:// URL, got 'localhost'.",
    ],
    [
      ['--connect-cdp', 'http://localhost:9222', '--browser', 'webkit'],
      '--connect-cdp drives Chromium only; for --browser webkit, use --connect with a Playwright browser server.',
    ],
    [['--headless', '--browsers', '0'], "--browsers must be a whole number from 1 to 32, got '0'."],
    [
      ['--headless', '--browsers', 'four'],
      "--browsers must be a whole number from 1 to 32, got 'four'.",
    ],
    [
      ['--browsers', '4'],
      '--browsers N opens N pages in the browser of --headless, --connect or --connect-cdp: add one.',
    ],
  ] as const) {
    for (const mode of [[], ['--test']]) {
      const { code, err } = await errorsOf([...mode, ...args])
      assert.equal([code, err], [2, [`daebug: ${message}`, 'Run `daebug --help` for the options.']])
    }
  }
})

test('--browsers N asks for N pages of the browser, and cannot go with --page in --test', async () => {
  const serve = parseServeArgs(['--headless', '--browsers', '3'])
  const run = parseTestArgs(['--test', '--connect', 'ws://grid:3000/pw', '--browsers', '4'])
  const one = parseTestArgs(['--test', '--headless', '--browsers', '1'])
  assert.equal(
    [serve, run, one].map((command) => ('settings' in command ? command.settings.pages : 0)),
    [3, 4, undefined],
  )
  const { code, err } = await errorsOf(['--test', '--headless', '--browsers', '2', '--page', 'app'])
  assert.equal(code, 2)
  assert.is(
    err[0],
    'daebug: --browsers splits the files across the pages it opens, and --page runs them in one realm: use one.',
  )
})

test('a Firefox or WebKit that Playwright has not installed is one line saying how to install it', async () => {
  const missing = { executablePath: () => '/nowhere/ms-playwright/firefox/firefox' }
  const message = await findBrowser('firefox', missing).then(
    () => 'found',
    (error: Error) => error.message,
  )
  assert.is(
    message,
    "--browser firefox: Playwright's Firefox is not installed here (run: npx playwright install firefox)",
  )
  assert.is(
    await findBrowser('webkit', { executablePath: () => process.execPath }),
    process.execPath,
  )
})

test('an endpoint is shown without the query or credentials that may hold access keys', () => {
  assert.equal(
    [
      displayEndpoint('wss://user:key@cloud.example/playwright?token=s3cret&os=linux'),
      displayEndpoint('ws://127.0.0.1:3000/abc'),
    ],
    ['wss://cloud.example/playwright?…', 'ws://127.0.0.1:3000/abc'],
  )
})

test('a remote page that never became a realm is told apart from a local one, with the --host hint', () => {
  const opened = { url: 'http://localhost:8123/', close: async () => {} }
  assert.equal(
    [
      noRealmMessage({ ...opened, label: 'the browser at ws://grid:3000/', remote: true }, 10_000),
      noRealmMessage({ ...opened, label: 'the headless Chromium', remote: false }, 10_000),
    ],
    [
      'the browser at ws://grid:3000/ opened http://localhost:8123/, but no realm connected within 10s: its page cannot reach this server. The page must reach this server from where the browser runs: serve on an address that browser can reach, with --host <address> (Daebug gives the page the token).',
      "the headless Chromium opened http://localhost:8123/, but no realm connected within 10s; see the page's console.",
    ],
  )
})

test.run()
