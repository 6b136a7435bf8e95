import assert from 'node:assert/strict'
import { test } from 'uvu'
import { collect } from './collect.js'
import { writeTestFile } from './node-oracle.test-util.js'

const ran = globalThis as { ran?: string[] }

test('collect lists declared tests and suites, in order, without running any', async () => {
  ran.ran = []
  const file = writeTestFile(
    'collect.mjs',
    [
      "import { before, describe, it, test } from 'node:test'",
      "before(() => globalThis.ran.push('hook'))",
      "test('top', async (t) => { globalThis.ran.push('top'); await t.test('not listed') })",
      "describe('suite', () => {",
      "  it.skip('skipped', () => {})",
      "  it('to do', { todo: 'later' }, () => {})",
      "  describe.only('inner', () => { it('deep', () => globalThis.ran.push('deep')) })",
      '})',
      '',
    ].join('\n'),
  )
  const listed = await collect({ files: [file] })
  assert.deepEqual(ran.ran, [])
  assert.deepEqual(
    listed.map(({ testFile, ...entry }) => {
      assert.equal(testFile, file)
      return entry
    }),
    [
      { name: 'top', nesting: 0, type: 'test', line: 3, column: 1, file },
      { name: 'suite', nesting: 0, type: 'suite', line: 4, column: 1, file },
      { name: 'skipped', nesting: 1, type: 'test', line: 5, column: 6, file, skip: true },
      { name: 'to do', nesting: 1, type: 'test', line: 6, column: 3, file, todo: 'later' },
      { name: 'inner', nesting: 1, type: 'suite', line: 7, column: 12, file, only: true },
      { name: 'deep', nesting: 2, type: 'test', line: 7, column: 34, file },
    ],
  )
})

test('collect applies the run filters, and lists a file that fails to load with its error', async () => {
  const good = writeTestFile(
    'collect-filter.mjs',
    "import { test } from 'node:test'\ntest('alpha', () => {})\ntest('beta', () => {})\n",
  )
  const bad = writeTestFile('collect-bad.mjs', "throw new Error('broken')\n")
  const listed = await collect({ files: [good, bad], testNamePatterns: 'alpha' })
  assert.deepEqual(
    listed.map(({ name, skip, error }) => ({
      name,
      skip,
      error: (error as Error | undefined)?.message,
    })),
    [
      { name: 'alpha', skip: undefined, error: undefined },
      { name: 'beta', skip: 'test name does not match pattern', error: undefined },
      { name: bad, skip: undefined, error: 'broken' },
    ],
  )
})

test.run()
