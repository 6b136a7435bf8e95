/**
 * Test files run on their own (`node file.mjs`), in a child process each: they run themselves,
 * print a spec report, and set the exit code, as a file using node:test does.
 */
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
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
  return { ...node, lines: node.stdout.replace(/ \([\d.]+ms\)/g, '').split('\n') }
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
  assert.match(stdout, /ℹ Error: A resource generated asynchronous activity after the test ended/)
})

test.run()
