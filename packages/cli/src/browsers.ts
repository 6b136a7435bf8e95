/**
 * The browser that opens the project for the command (SPEC §9, §11 "Beyond one machine"): one
 * launched here (`--headless`), or one that lives elsewhere, reached through a Playwright browser
 * server (`--connect`) or Chromium's DevTools protocol (`--connect-cdp`). Either way the same code
 * opens the project's page in a new context, with the server's token when it has one, and the
 * page joins as realms like any other.
 */
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { isConnected } from '@daebug/protocol'
import { BLANK_PATH } from '@daebug/server'
import type { Browser } from 'playwright-core'
import type { FoundServer } from './find-server.js'
import {
  BROWSER_NAMES,
  BROWSER_TITLES,
  type BrowserName,
  findBrowser,
  launchLocal,
  loadPlaywright,
} from './headless.js'
import { UsageError } from './serve.js'
import { RunProblem, realmsOf } from './server-client.js'

/** Where the browser comes from. */
export type BrowserSource =
  | { type: 'launch'; browser: BrowserName }
  | { type: 'connect'; browser: BrowserName; endpoint: string }
  | { type: 'connect-cdp'; endpoint: string }

/** The browser options as `parseArgs` gives them. */
export interface BrowserOptionValues {
  headless?: unknown
  browser?: unknown
  connect?: unknown
  'connect-cdp'?: unknown
}

function isBrowserName(name: string): name is BrowserName {
  return (BROWSER_NAMES as readonly string[]).includes(name)
}

const WS = ['ws:', 'wss:'] as const
const HTTP = ['http:', 'https:'] as const

function endpointOf(option: string, text: string, protocols: readonly string[]): string {
  let protocol = ''
  try {
    protocol = new URL(text).protocol
  } catch {}
  if (!protocols.includes(protocol)) {
    const schemes = protocols.map((scheme) => `${scheme}//`).join(' or ')
    throw new UsageError(`--${option} must be a ${schemes} URL, got '${text}'.`)
  }
  return text
}

/**
 * Reads `--headless`, `--browser`, `--connect` and `--connect-cdp`: the browser to open the
 * project in, or undefined for none. Throws a `UsageError` on a bad combination.
 * @example
 * browserSourceOf({ connect: 'ws://grid:3000/abc' }) // → { type: 'connect', browser: 'chromium', endpoint: … }
 */
export function browserSourceOf(values: BrowserOptionValues): BrowserSource | undefined {
  const name = (values.browser as string | undefined) ?? 'chromium'
  if (!isBrowserName(name)) {
    throw new UsageError(`--browser must be one of ${BROWSER_NAMES.join(', ')}; got '${name}'.`)
  }
  const connect = values.connect as string | undefined
  const cdp = values['connect-cdp'] as string | undefined
  const chosen = [values.headless === true, connect !== undefined, cdp !== undefined]
  if (chosen.filter(Boolean).length > 1) {
    throw new UsageError('--headless, --connect and --connect-cdp are alternatives: use one.')
  }
  if (connect !== undefined) {
    return { type: 'connect', browser: name, endpoint: endpointOf('connect', connect, WS) }
  }
  if (cdp !== undefined) {
    if (name !== 'chromium') {
      throw new UsageError(
        `--connect-cdp drives Chromium only; for --browser ${name}, use --connect with a Playwright browser server.`,
      )
    }
    return { type: 'connect-cdp', endpoint: endpointOf('connect-cdp', cdp, [...WS, ...HTTP]) }
  }
  if (values.headless === true) return { type: 'launch', browser: name }
  if (values.browser !== undefined) {
    throw new UsageError('--browser chooses the browser of --headless or --connect: add one.')
  }
  return undefined
}

/** The most pages `--browsers` opens: each is a renderer process, on this machine's cores. */
export const MAX_PAGES = 32

/**
 * Reads `--browsers N`: how many pages to open in the browser `source` (default 1). Throws a
 * `UsageError` when it is not a whole number from 1 to {@link MAX_PAGES}, or there is no browser.
 */
export function pagesOf(value: unknown, source: BrowserSource | undefined): number {
  if (value === undefined) return 1
  const pages = Number(value)
  if (!Number.isInteger(pages) || pages < 1 || pages > MAX_PAGES) {
    throw new UsageError(
      `--browsers must be a whole number from 1 to ${MAX_PAGES}, got '${value}'.`,
    )
  }
  if (!source) {
    throw new UsageError(
      '--browsers N opens N pages in the browser of --headless, --connect or --connect-cdp: add one.',
    )
  }
  return pages
}

/**
 * Fails early, before a server starts, when `source` cannot work here: `playwright-core` missing,
 * or the browser to launch not installed (a one-line `UsageError` saying how to get it).
 */
export async function checkBrowser(source: BrowserSource | undefined): Promise<void> {
  if (source?.type !== 'launch') return
  const playwright = await loadPlaywright('--headless')
  await findBrowser(source.browser, playwright[source.browser])
}

/** A browser showing the project. */
export interface OpenedBrowser {
  /** How messages name it: `the headless Chromium`, `the browser at ws://grid:3000/`. */
  label: string
  /** Whether it runs elsewhere (reached with `--connect` or `--connect-cdp`). */
  remote: boolean
  /** The page it opened (without the token). */
  url: string
  close(): Promise<void>
}

/** An endpoint as messages show it: without credentials or query, which may hold access keys. */
export function displayEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint)
    const hidden = url.search !== '' || url.username !== '' || url.password !== ''
    return `${url.protocol}//${url.host}${url.pathname}${hidden ? '?…' : ''}`
  } catch {
    return endpoint
  }
}

/** The first line of a Playwright error, without its `browserType.connect: ` prefix. */
function reason(error: unknown, secret?: string): string {
  const message = String((error as Error)?.message ?? error).split('\n')[0] ?? ''
  const line = message.replace(/^\w+\.\w+: /, '').trim()
  return secret ? line.replaceAll(secret, '…') : line
}

/** What to do when a remote browser cannot reach the server. */
const REACH_HINT =
  'The page must reach this server from where the browser runs: serve on an address that browser can reach, with --host <address> (Daebug gives the page the token).'

async function connect(source: Exclude<BrowserSource, { type: 'launch' }>): Promise<Browser> {
  const option = source.type === 'connect' ? '--connect' : '--connect-cdp'
  const playwright = await loadPlaywright(option)
  try {
    return source.type === 'connect'
      ? await playwright[source.browser].connect(source.endpoint, { timeout: 30_000 })
      : await playwright.chromium.connectOverCDP(source.endpoint, { timeout: 30_000 })
  } catch (error) {
    throw new RunProblem(
      `could not connect to the browser at ${displayEndpoint(source.endpoint)} (${option}): ${reason(error)}`,
    )
  }
}

/**
 * Opens the project's page (the root's `index.html`, else a blank page the server serves) in a
 * new context of the browser `source` names, `pages` times, and waits until they have loaded. When the server
 * requires its token, the page is opened with `?daebug_token=`: the server sets the cookie and
 * redirects to the page without it.
 */
export async function openBrowser(
  source: BrowserSource,
  server: FoundServer,
  root: string,
  pages = 1,
): Promise<OpenedBrowser> {
  const hasIndex = await access(join(root, 'index.html')).then(
    () => true,
    () => false,
  )
  const url = new URL(hasIndex ? '/' : BLANK_PATH, server.url)
  const remote = source.type !== 'launch'
  const browser = remote
    ? await connect(source)
    : await launchLocal(await loadPlaywright('--headless'), source.browser)
  const label = remote
    ? `the browser at ${displayEndpoint(source.endpoint)}`
    : `the headless ${BROWSER_TITLES[source.browser]}`
  const entry = new URL(url)
  if (server.token) entry.searchParams.set('daebug_token', server.token)
  try {
    // Each page in a context of its own: separate storage, as separate browsers would have.
    await Promise.all(
      Array.from({ length: pages }, async () => {
        const page = await (await browser.newContext()).newPage()
        // A remote browser that cannot reach the server may hang rather than be refused.
        await page.goto(entry.href, { waitUntil: 'load', ...(remote ? { timeout: 15_000 } : {}) })
      }),
    )
  } catch (error) {
    await browser.close().catch(() => {})
    const problem = `${label} could not open ${url.href}: ${reason(error, server.token)}`
    throw new RunProblem(remote ? `${problem}. ${REACH_HINT}` : problem)
  }
  return { label, remote, url: url.href, close: () => browser.close() }
}

/** Why no realm came from `opened`'s page within `waitMs`, and what to do. */
export function noRealmMessage(opened: OpenedBrowser, waitMs: number): string {
  const problem = `${opened.label} opened ${opened.url}, but no realm connected within ${Math.round(waitMs / 1000)}s`
  return opened.remote
    ? `${problem}: its page cannot reach this server. ${REACH_HINT}`
    : `${problem}; see the page's console.`
}

/** Why only `connected` of the `pages` opened connected within `waitMs`, and what to do. */
export function fewerPagesMessage(
  opened: OpenedBrowser,
  pages: number,
  connected: number,
  waitMs: number,
): string {
  return `${opened.label} opened ${pages} pages of ${opened.url}, but only ${connected} connected within ${Math.round(waitMs / 1000)}s; see their console, or ask for fewer with --browsers.`
}

/**
 * As {@link openBrowser}, then waits (up to `waitMs`) until its pages have connected as realms;
 * a `RunProblem` saying so when they have not (serve mode).
 */
export async function openRealm(
  source: BrowserSource,
  server: FoundServer,
  root: string,
  waitMs = 10_000,
  pages = 1,
): Promise<OpenedBrowser> {
  const before = new Set((await realmsOf(server)).map((realm) => realm.name))
  const opened = await openBrowser(source, server, root, pages)
  const deadline = Date.now() + waitMs
  try {
    for (;;) {
      const realms = await realmsOf(server)
      const fresh = (realm: (typeof realms)[number]) =>
        realm.kind === 'page' && isConnected(realm) && !before.has(realm.name)
      const connected = realms.filter(fresh).length
      if (connected >= pages) return opened
      if (Date.now() > deadline) {
        if (connected === 0) throw new RunProblem(noRealmMessage(opened, waitMs))
        throw new RunProblem(fewerPagesMessage(opened, pages, connected, waitMs))
      }
      await new Promise((done) => setTimeout(done, 100))
    }
  } catch (error) {
    await opened.close().catch(() => {})
    throw error
  }
}
