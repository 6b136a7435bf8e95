/**
 * `daebug --test` (issue 8), through the real CLI and headless Chromium: the demo app's suite,
 * the same outcomes as `node --test` on a fixture suite in a page and in a worker, the exit codes
 * and hints, and `--watch`.
 */
import { spawn } from 'node:child_process'
import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  freePort,
  launchBrowser,
  makeRoot,
  removeRoot,
  runCli,
  startServer,
  waitForRealms,
} from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const DEMO = join(here, '..', '..', 'apps', 'demo')
const PARITY = join(here, 'fixtures', 'parity')
const JSON_REPORTER = join(here, 'fixtures', 'json-reporter.mjs')
const TOTALS = /^(\d+) passed, (\d+) failed, (\d+) skipped(?:, (\d+) todo)? \((?:\d+ms|\d+\.\ds)\)$/

/** A copy of `source` in a fresh root, removed after `body`. */
async function withCopy(source: string, body: (root: string) => Promise<void>): Promise<void> {
  const root = await makeRoot()
  try {
    await cp(source, root, { recursive: true })
    await body(root)
  } finally {
    await removeRoot(root)
  }
}

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? ''

/** Each test's outcome, `file#suite > test status`, sorted, from json reporter output. */
function outcomes(ndjson: string): string[] {
  const names = new Map<string, string[]>()
  const found: string[] = []
  for (const line of ndjson.split('\n')) {
    if (!line.startsWith('{')) continue
    const { type, data } = JSON.parse(line)
    const file = String(data.file ?? '').replace(/^.*\//, '')
    if (type === 'test:start') {
      const stack = names.get(file) ?? []
      stack.length = data.nesting
      stack[data.nesting] = data.name
      names.set(file, stack)
    }
    if ((type !== 'test:pass' && type !== 'test:fail') || data.details?.type === 'suite') continue
    const path = [...(names.get(file) ?? []).slice(0, data.nesting), data.name].filter(
      (name) => name !== data.file,
    )
    const marked = (flag: unknown) => flag !== undefined && flag !== false
    const status = marked(data.skip)
      ? 'skip'
      : marked(data.todo)
        ? 'todo'
        : type === 'test:pass'
          ? 'pass'
          : 'fail'
    found.push(`${file}#${path.join(' > ')} ${status}`)
  }
  return found.sort()
}

function nodeTest(root: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', `--test-reporter=${JSON_REPORTER}`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8')
    })
    child.once('close', () => resolve(out))
  })
}

test('on the demo app, every failure is printed with its diff, then the totals; exit 1, and 0 once fixed', () =>
  withCopy(DEMO, async (root) => {
    const args = ['--test', '--headless', '--root', root, '--port', String(await freePort())]
    const failing = await runCli(args)
    assert.is(failing.code, 1, failing.stderr)
    assert.match(failing.stdout, /✖ reset keeps the step/)
    assert.match(failing.stdout, /\+ {3}step: 1,\n\s+- {3}step: 5,/)
    assert.match(failing.stdout, /﹣ decrements .*# the page has no decrement button yet/)
    assert.match(lastLine(failing.stdout), TOTALS)
    assert.match(lastLine(failing.stdout), /^4 passed, 1 failed, 1 skipped, 1 todo /)

    const counter = join(root, 'counter.js')
    const source = await readFile(counter, 'utf8')
    await writeFile(
      counter,
      source.replace(
        'return { ...counter, ...createCounter() }',
        'return { ...counter, value: 0 }',
      ),
    )
    const fixed = await runCli(args)
    assert.is(fixed.code, 0, fixed.stdout + fixed.stderr)
    assert.match(lastLine(fixed.stdout), /^5 passed, 0 failed, 1 skipped, 1 todo /)
  }))

test('a suite written for node:test has the same outcomes under node --test and in a page and a worker', () =>
  withCopy(PARITY, async (root) => {
    const files = (await readdir(root)).filter((name) => name.endsWith('_test.js'))
    assert.ok(files.length >= 10, `${files.length} test files`)
    const expected = outcomes(await nodeTest(root))
    assert.ok(expected.some((line) => line.endsWith(' fail')) && expected.length >= 40)
    const port = String(await freePort())
    for (const page of [[], ['--page', 'webworker']]) {
      const run = await runCli([
        '--test',
        '--headless',
        '--reporter',
        'json',
        '--root',
        root,
        '--port',
        port,
        ...page,
      ])
      assert.is(run.code, 1, run.stderr)
      assert.equal(outcomes(run.stdout), expected, `in ${page.length ? 'the worker' : 'the page'}`)
    }
  }))

test('with no realm and no --headless it exits 2 within its wait time, with a one-line hint', async () => {
  const root = await makeRoot({
    'a.test.js': "import { test } from 'node:test'\ntest('a', () => {})\n",
  })
  try {
    const run = await runCli(['--test', '--root', root, '--port', String(await freePort())])
    assert.is(run.code, 2)
    assert.ok(run.ms < 15_000, `took ${run.ms} ms`)
    assert.match(
      lastLine(run.stderr),
      /^daebug: no realm connected to http:\/\/\S+ within 10s: open that URL in a browser, or add --headless\.$/,
    )
    assert.is(run.stdout, '')
  } finally {
    await removeRoot(root)
  }
})

test('with a --page that matches no realm it exits 2 and lists the realms', async () => {
  const root = await makeRoot({
    'a.test.js': "import { test } from 'node:test'\ntest('a', () => {})\n",
  })
  const server = await startServer(root)
  const browser = await launchBrowser()
  try {
    const tab = await browser.newPage()
    await tab.goto(server.url)
    const [page] = (await waitForRealms(root)) as [string]
    await waitForRealms(root, 1, 10_000, 'worker')
    const run = await runCli(['--test', '--page', 'nosuch', '--root', root])
    assert.is(run.code, 2, run.stdout)
    assert.is(
      lastLine(run.stderr),
      `daebug: No connected realm matches 'nosuch'. Realms: ${page} (page, ${server.url}), ${page}-webworker (worker).`,
    )
    const good = await runCli(['--test', '--page', page, '--root', root])
    assert.is(good.code, 0, good.stderr)
    assert.match(lastLine(good.stdout), /^1 passed, 0 failed, 0 skipped /)
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
})

test('--watch runs again when a test file changes, with the new result', () =>
  withCopy(join(PARITY, 'helpers'), async (root) => {
    const file = join(root, 'math.test.js')
    await writeFile(file, "import { test } from 'node:test'\ntest('one', () => {})\n")
    let edited = false
    const run = await runCli(
      ['--test', '--headless', '--watch', '--root', root, '--port', String(await freePort())],
      {
        onStdout: (stdout, child) => {
          const totals = stdout.split('\n').filter((line) => TOTALS.test(line))
          if (totals.length === 1 && !edited) {
            edited = true
            void writeFile(
              file,
              "import { test } from 'node:test'\ntest('one', () => {})\ntest('two', () => { throw new Error('no') })\n",
            )
          }
          if (totals.length === 2) child.kill('SIGINT')
        },
      },
    )
    const totals = run.stdout.split('\n').filter((line) => TOTALS.test(line))
    assert.match(totals[0] ?? '', /^1 passed, 0 failed/)
    assert.match(totals[1] ?? '', /^1 passed, 1 failed/, run.stderr)
    assert.is(run.code, 1, 'the exit code is the last run’s')
  }))

test('serve mode with --headless opens the project itself: a realm connects with no browser of ours', async () => {
  const root = await makeRoot({})
  const server = await startServer(root, ['--headless'])
  try {
    const [page] = (await waitForRealms(root, 1, 20_000)) as [string]
    assert.ok(page)
  } finally {
    assert.is(await server.stop(), 0, server.stderr.join('\n'))
    await removeRoot(root)
  }
})

test.run()
