import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  formatTestProgress,
  formatTestResults,
  formatTestRunReply,
  type TestReport,
} from './test-report.js'

const report: TestReport = {
  pass: 118,
  fail: 1,
  skip: 1,
  todo: 0,
  durationMs: 9800,
  files: 9,
  failures: [
    {
      name: 'math › rounds half up',
      durationMs: 3,
      error:
        'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n3 !== 2\n\n    at src/math.test.js:12:10',
    },
  ],
  skips: [{ name: 'math › later', reason: 'not ready' }],
  todos: [],
}

test('the report matches the SPEC example exactly', () => {
  assert.is(
    formatTestResults(report),
    [
      '## Test Results: 118 pass, 1 fail, 1 skip (9.8s)',
      '',
      '✗ math › rounds half up (3ms)',
      '```Error',
      'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
      '',
      '3 !== 2',
      '',
      '    at src/math.test.js:12:10',
      '```',
      '○ math › later (skipped: not ready)',
      '✓ 118 passed in 9 files',
    ].join('\n'),
  )
})

test('todos, reasonless skips, verbose passes and one file', () => {
  const text = formatTestResults({
    pass: 1,
    fail: 0,
    skip: 1,
    todo: 1,
    durationMs: 2,
    files: 1,
    failures: [],
    skips: [{ name: 's' }],
    todos: [{ name: 'suite › t', reason: 'later' }],
    passes: [{ name: 'p', durationMs: 1 }],
  })
  assert.is(
    text,
    '## Test Results: 1 pass, 0 fail, 1 skip, 1 todo (2ms)\n\n○ s (skipped)\n☐ suite › t (todo: later)\n✓ p (1ms)\n✓ 1 passed in 1 file',
  )
})

test('progress shows counts and lists the failures so far', () => {
  assert.is(
    formatTestProgress({
      done: 37,
      total: 120,
      pass: 36,
      fail: 1,
      durationMs: 4200,
      failures: [{ name: 'a › b', durationMs: 3 }],
    }),
    '## Test Progress: 37/120 done, 36 pass, 1 fail (4.2s)\n\n✗ a › b (3ms)',
  )
  assert.is(
    formatTestProgress({ done: 0, total: 5, pass: 0, fail: 0, durationMs: 0, failures: [] }),
    '## Test Progress: 0/5 done, 0 pass, 0 fail (0ms)',
  )
})

test('the REPL reply to a run is one line', () => {
  assert.is(formatTestRunReply(report), '118 passed, 1 failed, 1 skipped (9.8s) — report above')
})

test.run()
