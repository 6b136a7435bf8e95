/**
 * The hand-written assert conformance cases, run by the BUILT @daebug/assert in a real headless
 * Chromium: in a page and in a module worker. Each case must pass or fail as node:assert does in
 * this process (or, for partialDeepStrictEqual, as current Node documents). The page and the
 * worker run the very runner the Node suite uses (run-case.ts, transpiled as it is).
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import ts from 'typescript'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { handWrittenCases } from '../../packages/assert/src/conformance/cases.js'
import type { Outcome } from '../../packages/assert/src/conformance/run-case.js'
import { launchBrowser } from './harness.js'

const run = promisify(execFile)
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'assert')
const DIST = join(PACKAGE, 'dist')

interface BrowserCase {
  code: string
  binding: 'assert' | 'strict'
}

/** Every hand-written case with each module: node:assert's and node:assert/strict's twin. */
const CASES: BrowserCase[] = (['assert', 'strict'] as const).flatMap((binding) =>
  handWrittenCases.map(({ code }) => ({ code, binding })),
)

/** Runs the cases one by one with a per-case time limit; shared by the page and the worker. */
const RUN_CASES = `import { runCase } from '/run-case.js'
export async function runCases(cases, modules) {
  const outcomes = []
  for (const { code, binding } of cases) {
    let timer
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ result: 'fail', errorClass: 'Timeout' }), 2000)
    })
    const { message, ...outcome } = await Promise.race([runCase(code, modules[binding]), timeout])
    clearTimeout(timer)
    outcomes.push(outcome)
  }
  return outcomes
}
`

const WORKER = `import assert from '/dist/index.js'
import strict from '/dist/strict.js'
import { runCases } from '/run-cases.js'
self.onmessage = async ({ data }) => {
  const realm = typeof WorkerGlobalScope === 'function' && typeof document === 'undefined' ? 'module worker' : 'not a worker'
  self.postMessage({ realm, outcomes: await runCases(data, { assert, strict }) })
}
`

const IN_PAGE = `(async () => {
  const [{ default: assert }, { default: strict }, { runCases }] = await Promise.all([
    import('/dist/index.js'),
    import('/dist/strict.js'),
    import('/run-cases.js'),
  ])
  return { realm: typeof document === 'object' ? 'page' : 'not a page', outcomes: await runCases(${JSON.stringify(CASES)}, { assert, strict }) }
})()`

const IN_WORKER = `new Promise((resolve, reject) => {
  const worker = new Worker('/worker.js', { type: 'module' })
  worker.onmessage = ({ data }) => { worker.terminate(); resolve(data) }
  worker.onerror = (event) => { worker.terminate(); reject(new Error('the worker failed: ' + (event.message || 'it did not load'))) }
  worker.postMessage(${JSON.stringify(CASES)})
})`

/** Serves the page, the runner, the worker and the built package, nothing else. */
async function startStaticServer(): Promise<{ server: Server; url: string }> {
  const runCaseSource = await readFile(join(PACKAGE, 'src', 'conformance', 'run-case.ts'), 'utf8')
  const runCaseModule = ts.transpileModule(runCaseSource, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText
  const fixed: Record<string, string> = {
    '/': '<!doctype html><html><head><title>assert conformance</title></head><body></body></html>',
    '/run-case.js': runCaseModule,
    '/run-cases.js': RUN_CASES,
    '/worker.js': WORKER,
  }
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const type = path === '/' ? 'text/html' : 'text/javascript'
    let body = fixed[path]
    if (body === undefined && path.startsWith('/dist/') && path.endsWith('.js')) {
      const file = normalize(join(DIST, path.slice('/dist/'.length)))
      if (file.startsWith(DIST)) body = await readFile(file, 'utf8').catch(() => undefined)
    }
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': type })
    response.end(body ?? 'not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { server, url: `http://127.0.0.1:${port}/` }
}

/**
 * What node:assert did with each case (or what current Node documents, where 20 cannot say),
 * asked of a fresh Node process: in this one, an async hook that another test file's tools
 * enabled gives every promise an `async_id` symbol, and then node:assert finds two promises
 * unequal.
 */
async function nodeOutcomes(): Promise<Outcome['result'][]> {
  const script = `
    import nodeAssert from 'node:assert'
    import nodeStrict from 'node:assert/strict'
    import { handWrittenCases } from ${JSON.stringify(join(PACKAGE, 'src', 'conformance', 'cases.ts'))}
    import { runCase } from ${JSON.stringify(join(PACKAGE, 'src', 'conformance', 'run-case.ts'))}
    process.noDeprecation = true // assert.fail(a, b) warns once; the warning is not a result
    const cases = ${JSON.stringify(CASES)}
    const results = []
    for (const [index, { code, binding }] of cases.entries()) {
      const documented = handWrittenCases[index % handWrittenCases.length]?.expect
      results.push(documented ?? (await runCase(code, binding === 'strict' ? nodeStrict : nodeAssert)).result)
    }
    process.stdout.write(JSON.stringify(results))
  `
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: dirname(fileURLToPath(import.meta.url)),
      maxBuffer: 16 * 1024 * 1024,
    },
  )
  return JSON.parse(stdout) as Outcome['result'][]
}

function mismatches(expected: Outcome['result'][], outcomes: Omit<Outcome, 'message'>[]): string {
  const lines: string[] = []
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.result === expected[index]) continue
    const { code, binding } = CASES[index]!
    const error = [outcome.errorClass, outcome.code, outcome.operator].filter(Boolean).join(' ')
    lines.push(
      `hand#${index % handWrittenCases.length} [${binding}] ${code}\n  node: ${expected[index]}, browser: ${outcome.result}${error ? ` (${error})` : ''}`,
    )
  }
  return lines.length > 15
    ? `${lines.slice(0, 15).join('\n')}\n… and ${lines.length - 15} more`
    : lines.join('\n')
}

const browserRuns = suite<{
  server: Server
  url: string
  browser: Browser
  page: Page
  expected: Outcome['result'][]
  pageErrors: string[]
}>('assert conformance in Chromium')

browserRuns.before(async (context) => {
  assert.ok(
    existsSync(join(DIST, 'index.js')) && existsSync(join(DIST, 'strict.js')),
    'packages/assert/dist is not built: run `npx turbo run build --filter=@daebug/assert` first',
  )
  context.expected = await nodeOutcomes()
  Object.assign(context, await startStaticServer())
  context.browser = await launchBrowser()
  context.page = await context.browser.newPage()
  context.pageErrors = []
  context.page.on('pageerror', (error) => context.pageErrors.push(error.message))
  await context.page.goto(context.url)
})

browserRuns.after(async (context) => {
  await context.browser?.close()
  await new Promise((resolve) => context.server?.close(resolve))
})

browserRuns('the hand-written cases pass or fail in a page as they do in Node', async (context) => {
  const { realm, outcomes } = (await context.page.evaluate(IN_PAGE)) as {
    realm: string
    outcomes: Omit<Outcome, 'message'>[]
  }
  assert.is(realm, 'page')
  assert.is(outcomes.length, CASES.length)
  const differences = mismatches(context.expected, outcomes)
  assert.ok(!differences, `\n${differences}\n${context.pageErrors.join('\n')}`)
})

browserRuns(
  'the hand-written cases pass or fail in a module worker as they do in Node',
  async (context) => {
    const { realm, outcomes } = (await context.page.evaluate(IN_WORKER)) as {
      realm: string
      outcomes: Omit<Outcome, 'message'>[]
    }
    assert.is(realm, 'module worker')
    assert.is(outcomes.length, CASES.length)
    const differences = mismatches(context.expected, outcomes)
    assert.ok(!differences, `\n${differences}`)
  },
)

browserRuns.run()
