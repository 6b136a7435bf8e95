/**
 * `daebug --test` (SPEC §9): finds the server for the root (or starts one), picks the realm
 * (`--page`, SPEC §4; `--headless`, `--connect` or `--connect-cdp` opens one), runs the test files there through
 * `POST /__daebug/api/tests/run`, streams the chosen reporter to stdout, then prints
 * `N passed, N failed, N skipped (Ns)`. Exit 0 when nothing failed, 1 when a test failed, 2 on a
 * usage or connection problem (one line saying what to do). `--watch` runs again on changes.
 */
import { watch } from 'node:fs'
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  formatDuration,
  isConnected,
  type RealmInfo,
  selectRealm,
  type TestSummaryData,
  type TestsRunRequest,
} from '@daebug/protocol'
import { createReporter, type ReporterName } from '@daebug/test-runner/reporters'
import {
  type BrowserSource,
  checkBrowser,
  fewerPagesMessage,
  noRealmMessage,
  type OpenedBrowser,
  openBrowser,
} from './browsers.js'
import { type FoundServer, findOrStartServer } from './find-server.js'
import type { Output } from './main.js'
import { UsageError } from './serve.js'
import { discoverTests, RunProblem, realmsOf, streamTests } from './server-client.js'
import { MergedRun, readDurations, saveDurations, splitFiles } from './split-run.js'

/** Test-mode settings, already validated. */
export interface TestSettings {
  root: string
  port?: number
  /** Paths or globs (SPEC §5.3); none: Node's default patterns. */
  files: string[]
  page?: string
  reporter: ReporterName
  testNamePatterns: string[]
  only: boolean
  /** The browser to open the project in (`--headless`, `--connect`, `--connect-cdp`). */
  browser?: BrowserSource
  /** How many pages to open in it (`--browsers`, default 1): the files are split across them. */
  pages?: number
  /** The address to bind a server this command starts (`--host`; default loopback). */
  host?: string
  /** The per-test time-out. */
  timeoutMs?: number
  watch: boolean
  /** How long to wait for a realm (default 10 s). */
  waitMs?: number
}

/** Exit codes of `--test`. */
export const EXIT = { passed: 0, failed: 1, usage: 2, interrupted: 130 } as const

/** `N passed, N failed, N skipped (Ns)`, with `, N todo` when there are some. */
export function formatTotals(summary: TestSummaryData): string {
  const { passed, failed, cancelled, skipped, todo } = summary.counts
  const line = [`${passed} passed`, `${failed + cancelled} failed`, `${skipped} skipped`]
  if (todo > 0) line.push(`${todo} todo`)
  return `${line.join(', ')} (${formatDuration(summary.duration_ms)})`
}

/**
 * Waits for the realm `page` names (else the latest page) among those not in `exclude` (the
 * realms there before `browser` opened its page), for `waitMs`. When realms are connected but
 * none matches, it gives up 2 s after the last realm arrived (a page's worker connects just after
 * the page).
 */
async function waitForRealm(
  server: FoundServer,
  page: string | undefined,
  waitMs: number,
  exclude: ReadonlySet<string>,
  browser: OpenedBrowser | undefined,
): Promise<RealmInfo> {
  const deadline = Date.now() + waitMs
  let seen = ''
  let mismatchSince = Date.now()
  for (;;) {
    const all = await realmsOf(server)
    const fresh = all.filter((realm) => !exclude.has(realm.name))
    try {
      return selectRealm(fresh, page)
    } catch (error) {
      const connected = all.filter(isConnected)
      const names = connected.map((realm) => realm.name).join(' ')
      if (names !== seen) {
        seen = names
        mismatchSince = Date.now()
      }
      const mismatch = page !== undefined && connected.length > 0
      if (mismatch && Date.now() - mismatchSince > 2000) {
        throw new RunProblem((error as Error).message)
      }
      if (Date.now() > deadline) {
        const seconds = Math.round(waitMs / 1000)
        const fresh = all.some((realm) => isConnected(realm) && !exclude.has(realm.name))
        throw new RunProblem(
          browser && !fresh
            ? noRealmMessage(browser, waitMs)
            : page === undefined
              ? `no realm connected to ${server.url} within ${seconds}s: open that URL in a browser, or add --headless.`
              : (error as Error).message,
        )
      }
    }
    await new Promise((done) => setTimeout(done, 150))
  }
}

/**
 * Waits (up to `waitMs`) until `count` pages that were not in `exclude` have connected, and
 * answers their names; a `RunProblem` saying how many came when they have not.
 */
async function waitForPages(
  server: FoundServer,
  count: number,
  waitMs: number,
  exclude: ReadonlySet<string>,
  browser: OpenedBrowser,
): Promise<string[]> {
  const deadline = Date.now() + waitMs
  for (;;) {
    const fresh = (await realmsOf(server))
      .filter((realm) => realm.kind === 'page' && isConnected(realm) && !exclude.has(realm.name))
      .map((realm) => realm.name)
    if (fresh.length >= count) return fresh.slice(0, count).sort()
    if (Date.now() > deadline) {
      if (fresh.length === 0) throw new RunProblem(noRealmMessage(browser, waitMs))
      throw new RunProblem(fewerPagesMessage(browser, count, fresh.length, waitMs))
    }
    await new Promise((done) => setTimeout(done, 100))
  }
}

/** The run request for `realm`: the selection of `settings`, or `files` when given. */
function runRequest(settings: TestSettings, realm: string, files?: string[]): TestsRunRequest {
  const chosen = files ?? settings.files
  return {
    realm,
    ...(chosen.length ? { files: chosen } : {}),
    ...(settings.testNamePatterns.length ? { testNamePatterns: settings.testNamePatterns } : {}),
    ...(settings.only ? { only: true } : {}),
    ...(settings.timeoutMs ? { timeout: settings.timeoutMs } : {}),
  }
}

/** Prints the totals line of a run's summary (or says why there is none); the exit code. */
function finish(ended: TestSummaryData | undefined, where: string, output: Output): number {
  if (!ended) {
    output.err(`daebug: the test run in ${where} ended without a summary; see its log.`)
    return EXIT.usage
  }
  output.out(formatTotals(ended))
  if (ended.aborted !== undefined) {
    output.err(`daebug: the run did not finish: ${ended.aborted}`)
    return EXIT.usage
  }
  return ended.success ? EXIT.passed : EXIT.failed
}

/** Runs the selection once in `realm` and reports it; returns the exit code. */
async function runOnce(
  server: FoundServer,
  realm: string,
  settings: TestSettings,
  output: Output,
  signal?: AbortSignal,
): Promise<number> {
  const origin = new URL(server.url).origin
  const reporter = createReporter(settings.reporter, { cwd: origin })
  let summary: TestSummaryData | undefined
  await streamTests(server, runRequest(settings, realm), signal, (event) => {
    output.write(reporter.push(event))
    if (event.type === 'test:summary' && event.data.file === undefined) summary = event.data
  })
  output.write(reporter.end())
  return finish(summary, realm, output)
}

/** A file of a run's events as its URL path (`/test/a.test.js`), the key of its duration. */
function urlPathOf(file: string, origin: string): string {
  try {
    return new URL(file, origin).pathname
  } catch {
    return file
  }
}

/** A file of a run's events as the realm lines show it: relative to the server's origin. */
function displayFile(file: string, origin: string): string {
  if (!file.startsWith(`${origin}/`)) return file
  try {
    return decodeURIComponent(urlPathOf(file, origin).slice(1))
  } catch {
    return file.slice(origin.length + 1)
  }
}

/**
 * Runs the selection split across `realms` (`--browsers`, split-run.ts), all at once, and reports
 * the merged run; returns the exit code. `files` are the discovered files (found again when not
 * given). The files' durations order the next split.
 */
async function runSplit(
  server: FoundServer,
  realms: readonly string[],
  settings: TestSettings,
  output: Output,
  signal?: AbortSignal,
  discovered?: string[],
): Promise<number> {
  const root = resolve(settings.root)
  const files = discovered ?? (await discoverTests(server, settings.files))
  const groups = splitFiles(files, await readDurations(root), realms.length)
  if (groups.length < 2) return runOnce(server, realms[0]!, settings, output, signal)
  const origin = new URL(server.url).origin
  const reporter = createReporter(settings.reporter, { cwd: origin })
  const used = realms.slice(0, groups.length)
  const merged = new MergedRun(
    used,
    (event) => output.write(reporter.push(event)),
    (file) => displayFile(file, origin),
  )
  const runs = await Promise.allSettled(
    groups.map((group, index) =>
      streamTests(server, runRequest(settings, used[index]!, group), signal, (event) =>
        merged.push(index, event),
      ),
    ),
  )
  const summary = merged.end()
  output.write(reporter.end())
  const measured = [...merged.durations].map(([file, ms]) => [urlPathOf(file, origin), ms] as const)
  await saveDurations(root, new Map(measured))
  const broken = runs.find((run) => run.status === 'rejected')
  if (broken) throw broken.reason
  return finish(summary, `${used.length} realms`, output)
}

/** Calls `rerun` after each change of a project file (not logs, `node_modules` or `.git`). */
function watchProject(root: string, rerun: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const watcher = watch(root, { recursive: true }, (_event, file) => {
    const path = String(file ?? '').replaceAll('\\', '/')
    if (/(^|\/)(node_modules|\.git)(\/|$)/.test(path) || /^daebug(\/|\.md$)/.test(path)) return
    clearTimeout(timer)
    timer = setTimeout(rerun, 100)
  })
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}

/** Runs `daebug --test`; resolves with the exit code. */
export async function runTestCommand(settings: TestSettings, output: Output): Promise<number> {
  const root = resolve(settings.root)
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(`--root ${settings.root} is not a directory.`)
  }
  await checkBrowser(settings.browser)
  const { server, started } = await findOrStartServer(
    root,
    settings.port,
    { ...output, out: () => {} },
    settings.host,
  )
  let browser: OpenedBrowser | undefined
  // Ctrl-C ends the command cleanly: the browser and the server it started are closed, and a
  // run in progress is let go (its realm finishes it and writes its report to the log).
  const aborter = new AbortController()
  const interrupted = new Promise<'interrupted'>((resolveSignal) => {
    aborter.signal.addEventListener('abort', () => resolveSignal('interrupted'))
  })
  const interrupt = (): void => aborter.abort()
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)
  try {
    let exclude = new Set<string>()
    // Split runs find their files first: a selection that names nothing fails before a browser
    // starts, and no more pages open than there are files.
    let discovered =
      (settings.pages ?? 1) > 1 ? await discoverTests(server, settings.files) : undefined
    const pages = Math.max(1, Math.min(settings.pages ?? 1, discovered?.length ?? 1))
    if (settings.browser) {
      exclude = new Set((await realmsOf(server)).map((realm) => realm.name))
      browser = await openBrowser(settings.browser, server, root, pages)
    }
    const wait = settings.waitMs ?? 10_000
    const found = await Promise.race([
      browser && pages > 1
        ? waitForPages(server, pages, wait, exclude, browser)
        : waitForRealm(server, settings.page, wait, exclude, browser).then((realm) => [realm.name]),
      interrupted,
    ])
    if (found === 'interrupted') return EXIT.interrupted
    const where = found.length > 1 ? `${found.length} realms` : found[0]!
    const once = () =>
      Promise.race([
        found.length > 1
          ? runSplit(server, found, settings, output, aborter.signal, discovered)
          : runOnce(server, found[0]!, settings, output, aborter.signal),
        interrupted,
      ])
    const first = await once()
    if (first === 'interrupted') return EXIT.interrupted
    // A rerun finds the files again: they may have changed.
    discovered = undefined
    let code = first
    if (!settings.watch) return code
    let running = false
    let again = false
    const rerun = async (): Promise<void> => {
      if (running) {
        again = true
        return
      }
      running = true
      do {
        again = false
        output.err(`daebug: a file changed; running the tests again in ${where}`)
        const next = await once().catch((error: unknown) => {
          output.err(`daebug: ${(error as Error).message}`)
          return EXIT.usage
        })
        if (next !== 'interrupted') code = next
      } while (again && !aborter.signal.aborted)
      running = false
    }
    const stopWatching = watchProject(root, () => void rerun())
    await interrupted
    stopWatching()
    return code
  } finally {
    process.off('SIGINT', interrupt)
    process.off('SIGTERM', interrupt)
    await browser?.close().catch(() => {})
    await started?.shutdown()
  }
}
