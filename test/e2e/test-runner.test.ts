/**
 * The test-runner conformance corpus in a real headless Chromium, through the BUILT
 * @daebug/test-runner: in a page, where an import map resolves `node:test` and `node:assert`, and
 * in a module worker, which has no import maps, so every script it loads is served with those
 * specifiers rewritten. Each file runs through run() in a fresh page (or a fresh worker) and every
 * test must agree with node --test: full name, nesting, result, skip and todo reasons, failure
 * type and error, the order of the events, and the summary. Files that use Node-only APIs are left
 * out (their header says why).
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  checkCorpus,
  reportCorpusResult,
} from '../../packages/test-runner/src/conformance/check-corpus.js'
import type { TestEvent } from '../../packages/test-runner/src/conformance/compare-runs.js'
import {
  CORPUS_DIR,
  type CorpusFile,
  readCorpus,
  rewriteSpecifiers,
  runOptions,
} from '../../packages/test-runner/src/conformance/corpus.js'
import { RUNNER_UNDER_TEST } from '../../packages/test-runner/src/conformance/run-processes.js'
import { launchBrowser } from './harness.js'

const PACKAGES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages')
const CONFORMANCE = join(PACKAGES, 'test-runner', 'src', 'conformance')
/** URL prefix → folder served under it. */
const FOLDERS: Record<string, string> = {
  '/runner/': join(PACKAGES, 'test-runner', 'dist'),
  '/assert/': join(PACKAGES, 'assert', 'dist'),
  '/protocol/': join(PACKAGES, 'protocol', 'dist'),
  '/corpus/': CORPUS_DIR,
}
/** What node:test users import, and what the built packages import from each other. */
const SPECIFIERS: Record<string, string> = {
  'node:test': '/runner/index.js',
  'node:assert': '/assert/index.js',
  'node:assert/strict': '/assert/strict.js',
  '@daebug/test-runner': '/runner/index.js',
  '@daebug/assert': '/assert/index.js',
  '@daebug/assert/strict': '/assert/strict.js',
  '@daebug/protocol': '/protocol/index.js',
}
/** The same for the worker: everything under /w/ is served with these specifiers rewritten. */
const WORKER_SPECIFIERS = Object.fromEntries(
  Object.entries(SPECIFIERS).map(([specifier, path]) => [specifier, `/w${path}`]),
)
/** How long one file may take in one realm. */
const FILE_LIMIT_MS = 20_000

const PAGE = `<!doctype html><html><head><title>test-runner conformance</title>
<script type="importmap">${JSON.stringify({ imports: SPECIFIERS })}</script>
</head><body></body></html>`

/** Runs one file through run() in the realm it is loaded in and returns the events as JSON lines. */
const DRIVER = `import { eventToJson } from '/event-json.mjs'
export async function runFile(runnerUrl, fileUrl, options) {
  const { run } = await import(runnerUrl)
  const lines = []
  for await (const event of run({ files: [fileUrl], ...options })) lines.push(eventToJson(event))
  return lines
}
export async function hasRun(runnerUrl) {
  return typeof (await import(runnerUrl)).run === 'function'
}
`

const WORKER = `import { runFile } from '/w/driver.js'
self.onmessage = async ({ data }) => {
  try {
    self.postMessage({ realm: typeof document === 'undefined' ? 'module worker' : 'not a worker', lines: await runFile('/w/runner/index.js', data.file, data.options) })
  } catch (error) {
    self.postMessage({ error: String((error && error.stack) || error) })
  }
}
`

/** Serves the page, the drivers, the corpus and the built packages, nothing else. */
async function startStaticServer(): Promise<{ server: Server; url: string }> {
  const fixed: Record<string, string> = {
    '/': PAGE,
    '/driver.js': DRIVER,
    '/event-json.mjs': await readFile(join(CONFORMANCE, 'event-json.mjs'), 'utf8'),
    '/w/worker.js': WORKER,
  }
  const read = async (path: string): Promise<string | undefined> => {
    if (fixed[path] !== undefined) return fixed[path]
    const prefix = Object.keys(FOLDERS).find((folder) => path.startsWith(folder))
    if (!prefix) return undefined
    const root = FOLDERS[prefix]!
    const file = normalize(join(root, path.slice(prefix.length)))
    return file.startsWith(root) ? readFile(file, 'utf8').catch(() => undefined) : undefined
  }
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const inWorker = path.startsWith('/w/')
    let body = await read(inWorker && path !== '/w/worker.js' ? path.slice(2) : path)
    if (body !== undefined && inWorker) body = rewriteSpecifiers(body, WORKER_SPECIFIERS)
    const type =
      path === '/' ? 'text/html' : path.endsWith('.map') ? 'application/json' : 'text/javascript'
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': type })
    response.end(body ?? 'not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { server, url: `http://127.0.0.1:${port}` }
}

interface RealmRun {
  realm?: string
  lines?: string[]
  error?: string
}

/** Runs one corpus file in a fresh page. */
async function runInPage(browser: Browser, url: string, file: CorpusFile): Promise<RealmRun> {
  const page = await browser.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  try {
    await page.goto(`${url}/`)
    const run = (await page.evaluate(
      async ({ file, options, limit }) => {
        const { runFile } = await import('/driver.js' as string)
        const timeout = new Promise<RealmRun>((resolve) =>
          setTimeout(() => resolve({ error: `did not finish in ${limit} ms` }), limit),
        )
        const lines = runFile('/runner/index.js', file, options).then(
          (lines: string[]) => ({ realm: typeof document === 'object' ? 'page' : '?', lines }),
          (error: unknown) => ({ error: String((error as Error)?.stack ?? error) }),
        )
        return Promise.race([lines, timeout])
      },
      { file: `${url}/corpus/${file.name}`, options: runOptions(file.flags), limit: FILE_LIMIT_MS },
    )) as RealmRun
    if (run.error && pageErrors.length) run.error += `; page errors: ${pageErrors.join(' | ')}`
    return run
  } finally {
    await page.close()
  }
}

/** Runs one corpus file in a fresh module worker (of a fresh page). */
async function runInWorker(browser: Browser, url: string, file: CorpusFile): Promise<RealmRun> {
  const page = await browser.newPage()
  try {
    await page.goto(`${url}/`)
    return (await page.evaluate(
      ({ file, options, limit }) =>
        new Promise<RealmRun>((resolve) => {
          const worker = new Worker('/w/worker.js', { type: 'module' })
          const errors: string[] = []
          const timer = setTimeout(() => {
            worker.terminate()
            resolve({ error: `did not finish in ${limit} ms ${errors.join(' | ')}` })
          }, limit)
          worker.onmessage = ({ data }) => {
            clearTimeout(timer)
            worker.terminate()
            resolve(data)
          }
          // An error the runner did not handle reaches the page; the run may still report.
          worker.onerror = (event) => {
            errors.push(`worker error: ${event.message || 'the worker did not load'}`)
          }
          worker.postMessage({ file, options })
        }),
      {
        file: `${url}/w/corpus/${file.name}`,
        options: runOptions(file.flags),
        limit: FILE_LIMIT_MS,
      },
    )) as RealmRun
  } finally {
    await page.close()
  }
}

function eventsOf(run: RealmRun, realm: string): TestEvent[] | string {
  if (run.error)
    return `ours failed in the ${realm}: ${run.error.split('\n').slice(0, 4).join(' ⏎ ')}`
  if (run.realm !== realm) return `ran in "${run.realm}", not in a ${realm}`
  const events = (run.lines ?? []).map((line) => JSON.parse(line) as TestEvent)
  return events.length ? events : `ours reported no events in the ${realm}`
}

const browserRuns = suite<{ server: Server; url: string; browser: Browser; files: CorpusFile[] }>(
  'test-runner conformance in Chromium',
)

browserRuns.before(async (context) => {
  context.files = readCorpus().filter((file) => !file.nodeOnly)
  if (RUNNER_UNDER_TEST === 'node:test') return
  assert.ok(
    existsSync(join(FOLDERS['/runner/']!, 'index.js')) &&
      existsSync(join(FOLDERS['/assert/']!, 'index.js')),
    'the packages are not built: run `npx turbo run build --filter=@daebug/test-runner` first',
  )
  Object.assign(context, await startStaticServer())
  context.browser = await launchBrowser()
})

browserRuns.after(async (context) => {
  await context.browser?.close()
  await new Promise((resolve) =>
    context.server ? context.server.close(resolve) : resolve(undefined),
  )
})

for (const realm of ['page', 'module worker'] as const) {
  browserRuns(`every corpus test agrees with node --test in a ${realm}`, async (context) => {
    if (RUNNER_UNDER_TEST === 'node:test') {
      console.log(
        `  Chromium ${realm}: waits for @daebug/test-runner (RUNNER_UNDER_TEST is 'node:test')`,
      )
      return
    }
    const run = realm === 'page' ? runInPage : runInWorker
    const result = await checkCorpus(
      context.files,
      async (file) => eventsOf(await run(context.browser, context.url, file), realm),
      { realm: 'chromium', limit: 1 },
    )
    const { differences, totals } = reportCorpusResult(`Chromium ${realm}`, result)
    assert.ok(!differences, totals)
    console.log(`  ${totals}`)
  })
}

browserRuns.run()
