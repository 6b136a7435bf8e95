/**
 * Test runs in live realms (issue 8), through the real CLI and a headless Chromium: what a page
 * can import, and what it runs.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { appendToLog, waitForLog, waitForRealms, withServer } from './harness.js'

const INDEX = '<!doctype html><html><head><title>app</title></head><body></body></html>'

interface Project {
  root: string
  /** The page realm, once connected. */
  page: string
  /** Its web worker realm, once connected. */
  worker: string
}

/** Serves `files` (and an index page), opens the page, and waits for its two realms. */
function withProject(files: Record<string, string>, body: (project: Project) => Promise<void>) {
  return withServer({ 'index.html': INDEX, ...files }, [], async ({ root, server, browser }) => {
    const tab = await browser.newPage()
    await tab.goto(server.url)
    const [page] = (await waitForRealms(root)) as [string]
    const [worker] = (await waitForRealms(root, 1, 10_000, 'worker')) as [string]
    await body({ root, page, worker })
  })
}

test('a page imports node:test and node:assert/strict through the import map, and run() finds the test files', () =>
  withProject(
    {
      'math.test.js':
        "import { test } from 'node:test'\nimport assert from 'node:assert/strict'\ntest('adds', () => assert.equal(1 + 1, 2))\n",
    },
    async ({ root, page }) => {
      await appendToLog(
        root,
        page,
        "```js\nconst { run } = await import('node:test')\nconst assert = (await import('node:assert/strict')).default\nconst events = []\nfor await (const event of run()) if (event.type === 'test:pass') events.push(event.data.name)\n;[typeof assert.deepStrictEqual, ...events]\n```\n",
      )
      await waitForLog(root, page, /```JSON\n\[\n {2}"function",\n {2}"adds"\n\]\n```/u, 15_000)
    },
  ))

test("a page's worker imports node:test and node:assert/strict too (no import maps in workers)", () =>
  withProject({}, async ({ root, worker }) => {
    await appendToLog(
      root,
      worker,
      "```js\nconst { run, test } = await import('node:test')\nconst { default: assert } = await import('node:assert/strict')\nassert.equal(1, 1)\n;[typeof run, typeof test, typeof document]\n```\n",
    )
    await waitForLog(
      root,
      worker,
      /```JSON\n\[\n {2}"function",\n {2}"function",\n {2}"undefined"\n\]\n```/u,
      15_000,
    )
  }))

test('a worker runs the test files a glob selects, written for Node and in TypeScript', () =>
  withProject(
    {
      'lib/add.ts': 'export const add = (a: number, b: number): number => a + b\n',
      'add.test.ts':
        "import { test } from 'node:test'\nimport assert from 'node:assert/strict'\nimport { add } from '/lib/add.ts'\ntest('adds in a worker', () => assert.equal(add(1, 2), 3))\ntest('fails in a worker', () => assert.equal(add(1, 1), 3))\n",
    },
    async ({ root, worker }) => {
      await appendToLog(
        root,
        worker,
        "```js\nconst { run } = await import('node:test')\nconst results = []\nfor await (const { type, data } of run({ files: ['*.test.ts'] })) if (type === 'test:pass' || type === 'test:fail') results.push(type + ' ' + data.name)\nresults\n```\n",
      )
      await waitForLog(
        root,
        worker,
        /```JSON\n\[\n {2}"test:pass adds in a worker",\n {2}"test:fail fails in a worker"\n\]\n```/u,
        15_000,
      )
    },
  ))

test('run() in a realm log writes the report above a one-line reply: 🚫 when a test failed, 👍 when none did', () =>
  withProject(
    {
      'math.test.js':
        "import { test } from 'node:test'\nimport assert from 'node:assert/strict'\ntest('adds', () => assert.equal(1 + 1, 2))\ntest('breaks', () => assert.equal(1 + 1, 3))\ntest('later', { skip: 'not ready' }, () => {})\n",
    },
    async ({ root, page }) => {
      await appendToLog(root, page, "```js\n(await import('node:test')).run()\n```\n")
      await waitForLog(
        root,
        page,
        new RegExp(
          [
            '## Test Results: 1 pass, 1 fail, 1 skip \\(\\d+ms\\)\n',
            '✗ breaks \\(\\d+ms\\)',
            '```Error',
            'AssertionError \\[ERR_ASSERTION\\]: Expected values to be strictly equal:\n',
            '2 !== 3\n',
            '    at \\S+ \\(math\\.test\\.js:4:\\d+\\)',
            '```',
            '○ later \\(skipped: not ready\\)',
            '✓ 1 passed in 1 file\n',
            '#### 🚫\\S+ to agent at [\\d:]+ \\([\\d,]+ms\\)',
            '```Text',
            '1 passed, 1 failed, 1 skipped \\(\\d+ms\\) — report above',
            '```',
          ].join('\n'),
          'u',
        ),
        15_000,
      )
      await appendToLog(
        root,
        page,
        "```js\n(await import('node:test')).run({ files: ['math.test.js'], testNamePatterns: ['adds'] })\n```\n",
      )
      await waitForLog(
        root,
        page,
        /#### 👍\S+ to agent at [\d:]+ \(\d+ms\)\n```Text\n1 passed, 0 failed, 2 skipped \(\d+ms\) — report above\n```/u,
        15_000,
      )
    },
  ))

test('a second run sees an edited test file, and a file that does not parse fails alone', () =>
  withProject(
    {
      'math.test.js': "import { test } from 'node:test'\ntest('one', () => {})\n",
      'broken.test.js': "import { test } from 'node:test'\ntest('never', () => {\n",
    },
    async ({ root, page }) => {
      const run = "```js\n(await import('node:test')).run()\n```\n"
      await appendToLog(root, page, run)
      await waitForLog(
        root,
        page,
        /## Test Results: 1 pass, 1 fail, 0 skip \(\d+ms\)\n\n✗ Import: broken\.test\.js \(\d+ms\)\n```Error\nSyntaxError: [^\n]+\n```\n✓ 1 passed in 2 files/u,
        15_000,
      )
      await writeFile(
        join(root, 'math.test.js'),
        "import { test } from 'node:test'\ntest('one', () => {})\ntest('two', () => {})\n",
      )
      await writeFile(
        join(root, 'broken.test.js'),
        "import { test } from 'node:test'\ntest('fixed', () => {})\n",
      )
      await appendToLog(root, page, run)
      await waitForLog(root, page, /## Test Results: 3 pass, 0 fail, 0 skip[\s\S]*#### 👍/u, 15_000)
    },
  ))

test('a long run keeps one progress block, replaced by a report of at most 40 lines for 500 tests', () =>
  withProject(
    {
      'many.test.js': [
        "import { test } from 'node:test'",
        "import assert from 'node:assert/strict'",
        'for (let i = 0; i < 500; i++) {',
        "  test('case ' + i, async () => {",
        '    await new Promise((resolve) => setTimeout(resolve, 8))',
        '    if (i === 100 || i === 400) assert.deepEqual({ i }, { i: -1 })',
        '  })',
        '}',
        '',
      ].join('\n'),
    },
    async ({ root, page }) => {
      await appendToLog(root, page, "```js\n(await import('node:test')).run()\n```\n")
      const during = await waitForLog(root, page, /## Test Progress: \d+\/\d+ done/u, 15_000)
      assert.is(during.match(/## Test Progress/gu)?.length, 1)
      const log = await waitForLog(root, page, /— report above/u, 30_000)
      assert.not.match(log, /## Test Progress/u, 'the progress block is replaced by the report')
      const report = log.slice(
        log.indexOf('## Test Results'),
        log.indexOf('\n####', log.indexOf('## Test Results')),
      )
      assert.match(report, /^## Test Results: 498 pass, 2 fail, 0 skip/u)
      assert.match(report, /✗ case 100[\s\S]*✗ case 400/u)
      const lines = report.split('\n').length
      assert.ok(lines <= 40, `the report has ${lines} lines:\n${report}`)
    },
  ))

test("a worker's test files resolve bare specifiers through the page's own import map", () =>
  withServer(
    {
      'index.html':
        '<!doctype html><html><head><title>app</title><script type="importmap">{"imports":{"shapes/":"/vendor/shapes/"}}</script></head><body></body></html>',
      'vendor/shapes/area.js': 'export const square = (side) => side * side\n',
      'area.test.js':
        "import { test } from 'node:test'\nimport assert from 'node:assert/strict'\nimport { square } from 'shapes/area.js'\ntest('squares', () => assert.equal(square(3), 9))\n",
    },
    [],
    async ({ root, server, browser }) => {
      const tab = await browser.newPage()
      await tab.goto(server.url)
      const [page] = (await waitForRealms(root)) as [string]
      const [worker] = (await waitForRealms(root, 1, 10_000, 'worker')) as [string]
      for (const realm of [page, worker]) {
        await appendToLog(root, realm, "```js\n(await import('node:test')).run()\n```\n")
        await waitForLog(
          root,
          realm,
          /#### 👍\S+ to agent at [\d:]+ \(\S+\)\n```Text\n1 passed, 0 failed, 0 skipped/u,
          15_000,
        )
      }
    },
  ))

test("a page's run is isolated in a fresh iframe by default; isolation: 'none' runs against the live page", () =>
  withProject(
    {
      'title.test.js':
        "import { test } from 'node:test'\nimport assert from 'node:assert/strict'\ntest('sees the live page', () => assert.equal(document.title, 'app'))\n",
    },
    async ({ root, page }) => {
      await appendToLog(root, page, "```js\n(await import('node:test')).run()\n```\n")
      // The iframe has a document of its own, whose title is empty.
      await waitForLog(
        root,
        page,
        /```Text\n0 passed, 1 failed, 0 skipped \(\d+ms\) — report above/u,
        15_000,
      )
      await appendToLog(
        root,
        page,
        "```js\n(await import('node:test')).run({ isolation: 'none' })\n```\n",
      )
      await waitForLog(
        root,
        page,
        /```Text\n1 passed, 0 failed, 0 skipped \(\d+ms\) — report above/u,
        15_000,
      )
    },
  ))

test.run()
