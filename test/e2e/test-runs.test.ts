/**
 * Test runs in live realms (issue 8), through the real CLI and a headless Chromium: what a page
 * can import, and what it runs.
 */
import { test } from 'uvu'
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

test('run() evaluated in a realm log replies with one line: 🚫 when a test failed, 👍 when none did', () =>
  withProject(
    {
      'math.test.js':
        "import { test } from 'node:test'\nimport assert from 'node:assert/strict'\ntest('adds', () => assert.equal(1 + 1, 2))\ntest('breaks', () => assert.equal(1 + 1, 3))\ntest.skip('later')\n",
    },
    async ({ root, page }) => {
      await appendToLog(root, page, "```js\n(await import('node:test')).run()\n```\n")
      await waitForLog(
        root,
        page,
        /#### 🚫\S+ to agent at [\d:]+ \(\d+ms\)\n```Error\nTestsFailed: 1 passed, 1 failed, 1 skipped \(\d+\.\ds\)\n```/u,
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
        /#### 👍\S+ to agent at [\d:]+ \(\d+ms\)\n```Text\n1 passed, 0 failed, 2 skipped \(\d+\.\ds\)\n```/u,
        15_000,
      )
    },
  ))

test.run()
