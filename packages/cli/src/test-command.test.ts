import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { findChromium } from './headless.js'
import { main, parseTestArgs } from './main.js'
import { formatTotals } from './test-command.js'

const counts = {
  tests: 0,
  suites: 0,
  passed: 0,
  failed: 0,
  cancelled: 0,
  skipped: 0,
  todo: 0,
  topLevel: 0,
}

test('the totals line counts cancelled tests as failed and adds todos only when there are some', () => {
  assert.is(
    formatTotals({
      counts: { ...counts, passed: 118, failed: 1, skipped: 1 },
      duration_ms: 9_840,
      success: false,
    }),
    '118 passed, 1 failed, 1 skipped (9.8s)',
  )
  assert.is(
    formatTotals({
      counts: { ...counts, passed: 3, cancelled: 2, todo: 1 },
      duration_ms: 12.4,
      success: false,
    }),
    '3 passed, 2 failed, 0 skipped, 1 todo (12ms)',
  )
})

test('--test takes globs as positionals and node:test-style options', () => {
  const command = parseTestArgs([
    '--test',
    'src/**/*.test.js',
    'e2e/',
    '--page',
    'webworker',
    '--reporter',
    'tap',
    '--test-name-pattern',
    '/adds/i',
    '--test-only',
    '--timeout',
    '500',
  ])
  assert.equal(command, {
    type: 'test',
    settings: {
      root: '.',
      files: ['src/**/*.test.js', 'e2e/'],
      page: 'webworker',
      reporter: 'tap',
      testNamePatterns: ['/adds/i'],
      only: true,
      timeoutMs: 500,
      watch: false,
    },
  })
})

test('a bad --reporter or --timeout is a usage error, exit 2', async () => {
  for (const [args, message] of [
    [
      ['--reporter', 'xml'],
      "--reporter must be one of spec, tap, dot, junit, json, markdown; got 'xml'.",
    ],
    [['--timeout', '0'], "--timeout must be a whole number from 1 to 2147483647, got '0'."],
  ] as const) {
    const err: string[] = []
    const output = { out: () => {}, write: () => {}, err: (line: string) => void err.push(line) }
    assert.is(await main(['--test', ...args], output), 2)
    assert.equal(err, [`daebug: ${message}`, 'Run `daebug --help` for the options.'])
  }
})

test('--headless without any Chromium names both ways to get one', async () => {
  const chromium = { executablePath: () => '/nowhere/ms-playwright/chrome' } as never
  try {
    await findChromium(chromium, '/nowhere/chromium')
    assert.unreachable()
  } catch (error) {
    assert.is(
      (error as Error).message,
      '--headless found no Chromium: none at /nowhere/chromium, and no browser installed by Playwright. Install one with your package manager (e.g. apt-get install chromium), or run: npx playwright install chromium',
    )
  }
  assert.is(await findChromium(chromium, process.execPath), process.execPath)
})

test.run()
