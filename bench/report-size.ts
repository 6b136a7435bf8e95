/**
 * SPEC §12, last row: a 500-test run with 2 failures, started from a realm log as an agent starts
 * it, may add at most 40 lines to the log (request, report and reply together). Node's own spec
 * reporter on the same file is measured beside it. Exits non-zero when the target is missed.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  appendToLog,
  launchBrowser,
  logOf,
  makeRoot,
  removeRoot,
  startServer,
  waitForLog,
  waitForRealms,
} from '../test/e2e/harness.js'
import { report } from './stats.js'

const TESTS = 500
const FAILING = [100, 400]

/** 500 trivial tests, two of them failing on an `assert.equal` mismatch. */
const TEST_FILE = [
  "import { test } from 'node:test'",
  "import assert from 'node:assert/strict'",
  '',
  `for (let i = 0; i < ${TESTS}; i++) {`,
  `  test(\`test \${i}\`, () => {`,
  `    assert.equal(i, ${JSON.stringify(FAILING)}.includes(i) ? -1 : i)`,
  '  })',
  '}',
  '',
].join('\n')

const REQUEST = "```js\n(await import('node:test')).run({ files: ['**/*.test.js'] })\n```\n"

const lines = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

/** What the run adds to the realm log: the request, the report and the one-line reply. */
async function measureLog(): Promise<string> {
  const root = await makeRoot({ 'many.test.js': TEST_FILE })
  const server = await startServer(root)
  const browser = await launchBrowser()
  try {
    await (await browser.newPage()).goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    const before = await readFile(join(root, logOf(realm)), 'utf8')
    await appendToLog(root, realm, REQUEST)
    const after = await waitForLog(root, realm, /— report above\n`{3,}\n/u, 60_000)
    // The server writes above the footer, so "after minus before" is what lies between the
    // part of the log that was there and the footer, which both end with.
    const footer = before.lastIndexOf('-'.repeat(70))
    const head = before.slice(0, footer)
    if (!after.startsWith(head) || !after.endsWith(before.slice(footer)))
      throw new Error('the log changed above the run')
    const added = after.slice(head.length, after.length - (before.length - footer))
    if (!added.includes(`## Test Results: ${TESTS - FAILING.length} pass, ${FAILING.length} fail`))
      throw new Error(`unexpected report:\n${added}`)
    return added
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
}

/** Node's spec reporter output for the same file. */
async function measureNode(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'daebug-bench-node-'))
  try {
    const file = join(folder, 'many.test.js')
    await writeFile(file, TEST_FILE)
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', file], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    if (!run.stdout.includes(`# fail ${FAILING.length}`) && !run.stdout.includes('failing tests'))
      throw new Error(`unexpected node --test output:\n${run.stdout.slice(-2000)}`)
    return run.stdout
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

const added = await measureLog()
const node = await measureNode()
if (process.argv.includes('--show')) console.log(`${added}\n`)
const addedLines = lines(added)
report(`report-size: ${TESTS} tests, ${FAILING.length} failing, one run each`, [
  {
    what: `node --test spec reporter, ${TESTS} tests`,
    value: `${lines(node)} lines, ${bytes(node).toLocaleString('en')} bytes`,
    compared: '-',
    ratio: '-',
    target: 'reported',
    pass: true,
  },
  {
    what: 'lines added to the realm log by the run',
    value: `${addedLines} lines`,
    compared: `node spec ${lines(node)} lines`,
    ratio: `${(addedLines / lines(node)).toFixed(3)}×`,
    target: '≤ 40',
    pass: addedLines <= 40,
  },
  {
    what: 'bytes added to the realm log by the run',
    value: `${bytes(added).toLocaleString('en')} bytes`,
    compared: `node spec ${bytes(node).toLocaleString('en')} bytes`,
    ratio: `${(bytes(added) / bytes(node)).toFixed(3)}×`,
    target: 'reported',
    pass: true,
  },
])
