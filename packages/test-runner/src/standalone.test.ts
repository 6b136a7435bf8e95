/**
 * Test files run on their own (`node file.mjs`), in a child process each: they run themselves,
 * print a spec report, and set the exit code, as a file using node:test does.
 */
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { test } from 'uvu'
import { spawnToEnd, writeTestFile } from './node-oracle.test-util.js'

const TSX = createRequire(import.meta.url).resolve('tsx')

async function runAlone(name: string, source: string, flags: string[] = []) {
  const file = writeTestFile(name, source)
  const node = await spawnToEnd(
    process.execPath,
    ['--import', TSX, '--conditions=@daebug/source', ...flags, file],
    dirname(file),
  )
  return { ...node, file, lines: node.stdout.replace(/ \([\d.]+ms\)/g, '').split('\n') }
}

test('a file run on its own runs its tests, prints a spec report, and exits with 1 on failure', async () => {
  const { code, lines } = await runAlone(
    'alone-failing.mjs',
    [
      "import { describe, it, test } from 'node:test'",
      "test('passes', () => {})",
      "describe('group', () => {",
      "  it('inner fails', () => { throw new Error('boom') })",
      "  it.skip('skipped')",
      '})',
      '',
    ].join('\n'),
  )
  assert.equal(code, 1)
  assert.deepEqual(lines.slice(0, 4), ['✔ passes', '▶ group', '  ✖ inner fails', '    Error: boom'])
  assert.ok(lines.includes('  ﹣ skipped # SKIP'))
  assert.ok(lines.includes('✖ group'))
  for (const count of ['tests 3', 'suites 1', 'pass 1', 'fail 1', 'skipped 1']) {
    assert.ok(lines.includes(`ℹ ${count}`), count)
  }
  assert.ok(lines.includes('✖ failing tests:'))
  assert.ok(lines.includes('test at alone-failing.mjs:4:3'))
})

test('a file whose tests pass, or fail only as to do, exits with 0', async () => {
  const { code, lines } = await runAlone(
    'alone-passing.mjs',
    "import { test } from 'node:test'\ntest('ok', () => {})\ntest.todo('not yet', () => { throw new Error('later') })\n",
  )
  assert.equal(code, 0)
  assert.deepEqual(lines.slice(0, 2), ['✔ ok', '✖ not yet # TODO'])
})

test('node’s --test-name-pattern and --test-only filter the tests', async () => {
  const source = [
    "import { test } from 'node:test'",
    "test('alpha', () => {})",
    "test('beta', () => {})",
    "test.only('gamma', () => {})",
    '',
  ].join('\n')
  const results = (lines: string[]) => lines.filter((line) => /^[✔✖﹣]/.test(line))
  const named = await runAlone('alone-named.mjs', source, ['--test-name-pattern=alpha'])
  assert.deepEqual(results(named.lines), [
    '✔ alpha',
    '﹣ beta # test name does not match pattern',
    '﹣ gamma # test name does not match pattern',
  ])
  const spaced = await runAlone('alone-spaced.mjs', source, ['--test-name-pattern', '/^b/'])
  assert.deepEqual(results(spaced.lines), [
    '﹣ alpha # test name does not match pattern',
    '✔ beta',
    '﹣ gamma # test name does not match pattern',
  ])
  const only = await runAlone('alone-only.mjs', source, ['--test-only'])
  assert.deepEqual(results(only.lines), [
    "﹣ alpha # 'only' option not set",
    "﹣ beta # 'only' option not set",
    '✔ gamma',
  ])
})

test('a test still pending when the event loop empties is cancelled, as with node:test', async () => {
  const { code, lines } = await runAlone(
    'alone-pending.mjs',
    "import { test } from 'node:test'\ntest('never settles', () => new Promise(() => {}))\n",
  )
  assert.equal(code, 1)
  const stdout = lines.join('\n')
  assert.match(
    stdout,
    /✖ never settles\n {2}'Promise resolution is still pending but the event loop has already resolved'\n/,
  )
  assert.match(stdout, /ℹ cancelled 1/)
})

test('an error thrown after every test ended is reported and fails the process', async () => {
  const { code, stdout } = await runAlone(
    'alone-late-error.mjs',
    "import { test } from 'node:test'\ntest('ends', () => { setTimeout(() => { throw new Error('late') }, 5) })\nsetTimeout(() => {}, 30)\n",
  )
  assert.equal(code, 1)
  assert.match(
    stdout,
    /ℹ Error: Test "ends" at alone-late-error.mjs:2:1 generated asynchronous activity after the test ended\. This activity created the error "Error: late" and would have caused the test to fail, but instead triggered an uncaughtException event\.\n/,
  )
})

const MIXED = [
  "import { describe, it, test } from 'node:test'",
  "import assert from 'node:assert'",
  "test('passes', (t) => { t.diagnostic('a note') })",
  "test('fails', () => { assert.strictEqual(1, 2) })",
  "test('skipped', { skip: 'not here' }, () => {})",
  "test.todo('later')",
  "describe('group', () => {",
  "  it('inner passes', () => {})",
  "  it('inner fails', () => { throw new TypeError('bad type') })",
  '})',
  '',
].join('\n')

// Durations, stack frames and the file's path are the only parts that may differ from node's.
function comparable(output: string, file: string): string {
  return (
    output
      .replaceAll(file, '<file>')
      .replace(/\d+(\.\d+)?ms\b/g, '<n>ms')
      .replace(/duration_ms[: ]+[\d.]+/g, 'duration_ms <n>')
      .replace(/time="[\d.]+"/g, 'time="<n>"')
      .replace(/(hostname=)"[^"]*"/g, '$1"<host>"')
      .replace(/^( *)stack: \|-\n(?:\1 .*\n)*/gm, '')
      .replace(/\n *at [^\n]*?(?= \{\n|\n)/g, '')
      // Node keeps the frames of native functions (`new Promise`) in its own errors' stacks, and
      // an error without frames is printed in brackets.
      .replace(/^\[(Error \[ERR_TEST_FAILURE\])/gm, '$1')
      .replace(/\] \{$/gm, ' {')
  )
}

/** Runs `source` with node:test itself, as `file` (a path beside ours, with the same name). */
async function nodeAlone(file: string, source: string, flags: string[]) {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, source)
  return spawnToEnd(process.execPath, [...flags, file], dirname(file))
}

for (const reporter of ['spec', 'tap', 'dot', 'junit']) {
  test(`--test-reporter=${reporter} prints what node:test prints for a file on its own`, async () => {
    const flags = [`--test-reporter=${reporter}`]
    const ours = await runAlone(`alone-${reporter}.mjs`, MIXED, flags)
    const nodeFile = join(dirname(ours.file), 'node', `alone-${reporter}.mjs`)
    const node = await nodeAlone(nodeFile, MIXED, flags)
    assert.equal(ours.code, node.code)
    assert.equal(comparable(ours.stdout, ours.file), comparable(node.stdout, nodeFile))
  })
}

test('each --test-reporter writes to its --test-reporter-destination', async () => {
  const source = "import { test } from 'node:test'\ntest('one', () => {})\n"
  const { code, stdout, stderr, file } = await runAlone('alone-destinations.mjs', source, [
    '--test-reporter=tap',
    '--test-reporter-destination=stderr',
    '--test-reporter=dot',
    '--test-reporter-destination=dots.txt',
  ])
  assert.equal(code, 0)
  assert.equal(stdout, '')
  assert.match(stderr, /^TAP version 13\n# Subtest: one\nok 1 - one\n/)
  assert.equal(readFileSync(join(dirname(file), 'dots.txt'), 'utf8'), '.\n')
})

test('reporters without as many destinations fail the file with a clear error', async () => {
  const source = "import { test } from 'node:test'\ntest('one', () => {})\n"
  const { code, stderr } = await runAlone('alone-unpaired.mjs', source, [
    '--test-reporter=tap',
    '--test-reporter=dot',
  ])
  assert.equal(code, 1)
  assert.match(stderr, /ERR_INVALID_ARG_VALUE/)
  assert.match(stderr, /--test-reporter flags \(2: tap, dot\) must match/)
})

test('a reporter module given by path formats the events', async () => {
  const reporter = writeTestFile(
    'names-reporter.mjs',
    'export default async function* (events) { for await (const { type, data } of events) if (type === "test:pass") yield "passed " + data.name + "\\n" }\n',
  )
  const source = "import { test } from 'node:test'\ntest('one', () => {})\ntest('two', () => {})\n"
  const { code, stdout } = await runAlone('alone-custom.mjs', source, [
    `--test-reporter=./${reporter.split('/').pop()}`,
  ])
  assert.equal(code, 0)
  assert.equal(stdout, 'passed one\npassed two\n')
})

test('a reporter module beside dot still gets where each test was declared', async () => {
  const reporter = writeTestFile(
    'where-reporter.mjs',
    'export default async function* (events) { for await (const { type, data } of events) if (type === "test:pass") yield data.name + " " + data.line + ":" + data.column + "\\n" }\n',
  )
  const source =
    "import { test } from 'node:test'\ntest('one', () => {})\n  test('two', () => {})\n"
  const { code, stdout, stderr } = await runAlone('alone-where.mjs', source, [
    '--test-reporter=dot',
    '--test-reporter-destination=stdout',
    `--test-reporter=./${reporter.split('/').pop()}`,
    '--test-reporter-destination=stderr',
  ])
  assert.equal(code, 0)
  assert.equal(stdout, '..\n')
  assert.equal(stderr, 'one 2:1\ntwo 3:3\n')
})

test.run()
