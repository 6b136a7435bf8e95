import {
  formatTestProgress,
  formatTestRunReply,
  type TestErrorInfo,
  type TestEvent,
} from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createMarkdownReporter, createTestReportCollector, formatFailure } from './markdown.js'

const file = 'http://localhost:5173/src/math.test.js'

const start = (name: string, nesting = 0): TestEvent => ({
  type: 'test:start',
  data: { name, nesting, file },
})

function result(
  type: 'test:pass' | 'test:fail',
  name: string,
  extra: { nesting?: number; duration?: number; error?: TestErrorInfo; suite?: boolean } & {
    skip?: boolean | string
    todo?: boolean | string
  } = {},
): TestEvent {
  const { nesting = 0, duration = 1, error, suite, skip, todo } = extra
  const details = {
    duration_ms: duration,
    ...(suite ? { type: 'suite' as const } : {}),
    ...(error ? { error } : {}),
  }
  return {
    type,
    data: {
      name,
      nesting,
      testNumber: 1,
      details,
      file,
      ...(skip === undefined ? {} : { skip }),
      ...(todo === undefined ? {} : { todo }),
    },
  } as TestEvent
}

const failure = (cause: unknown, failureType = 'testCodeFailure'): TestErrorInfo => ({
  name: 'Error',
  message: typeof cause === 'string' ? cause : 'wrapped',
  code: 'ERR_TEST_FAILURE',
  failureType,
  cause: cause as TestErrorInfo,
})

const chromeError: TestErrorInfo = {
  name: 'AssertionError',
  message: 'Expected values to be strictly equal:\n\n3 !== 2\n',
  code: 'ERR_ASSERTION',
  stack: [
    'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
    '',
    '3 !== 2',
    '',
    '    at http://localhost:5173/src/math.test.js:12:10',
    '    at runTest (http://localhost:5173/__daebug/test-runner.js:310:9)',
    '    at async http://localhost:5173/node_modules/@daebug/test-runner/dist/index.js:40:3',
    '    at new Promise (<anonymous>)',
  ].join('\n'),
}

test('the SPEC §2.7 example: a failure in a suite, a skip, the passes counted', () => {
  const reporter = createMarkdownReporter({ cwd: 'http://localhost:5173' })
  const events: TestEvent[] = [
    start('math'),
    start('rounds half up', 1),
    result('test:fail', 'rounds half up', { nesting: 1, duration: 3, error: failure(chromeError) }),
    start('later', 1),
    result('test:pass', 'later', { nesting: 1, skip: 'not ready' }),
    start('adds', 1),
    result('test:pass', 'adds', { nesting: 1 }),
    result('test:fail', 'math', {
      suite: true,
      error: failure('1 subtest failed', 'subtestsFailed'),
    }),
    {
      type: 'test:summary',
      data: {
        counts: {
          tests: 3,
          suites: 1,
          passed: 1,
          failed: 1,
          cancelled: 0,
          skipped: 1,
          todo: 0,
          topLevel: 1,
        },
        duration_ms: 9800,
        success: false,
      },
    },
  ]
  for (const event of events) assert.is(reporter.push(event), '')
  assert.is(
    reporter.end(),
    [
      '## Test Results: 1 pass, 1 fail, 1 skip (9.8s)',
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
      '✓ 1 passed in 1 file',
      '',
    ].join('\n'),
  )
})

test('progress counts tests done of those enqueued; the reply sums top-level durations', () => {
  const collector = createTestReportCollector()
  const enqueue = (name: string): TestEvent => ({
    type: 'test:enqueue',
    data: { name, nesting: 0, file },
  })
  for (const name of ['suite', 'a', 'b', 'c']) collector.push(enqueue(name))
  collector.push(start('a'))
  collector.push(
    result('test:fail', 'a', {
      duration: 5,
      error: failure('test timed out after 5ms', 'testTimeoutFailure'),
    }),
  )
  assert.is(
    formatTestProgress(collector.progress(4200)),
    '## Test Progress: 1/4 done, 0 pass, 1 fail (4.2s)\n\n✗ a (5ms)',
  )
  collector.push(start('b'))
  collector.push(result('test:pass', 'b'))
  collector.push(result('test:pass', 'suite', { suite: true }))
  assert.is(
    formatTestProgress(collector.progress(5000)),
    '## Test Progress: 2/3 done, 1 pass, 1 fail (5.0s)\n\n✗ a (5ms)',
  )
  assert.is(collector.report().failures[0]?.error, 'test timed out after 5ms')
  assert.is(
    formatTestRunReply(collector.report()),
    '1 passed, 1 failed, 0 skipped (7ms) — report above',
  )
})

test('verbose lists the passes; todos and cancelled tests are reported as such', () => {
  const collector = createTestReportCollector({ verbose: true })
  collector.push(result('test:pass', 'p', { duration: 2 }))
  collector.push(result('test:fail', 't', { todo: true, error: failure(chromeError) }))
  collector.push(
    result('test:fail', 'c', {
      error: failure(
        'test did not finish before its parent and was cancelled',
        'cancelledByParent',
      ),
    }),
  )
  const report = collector.report()
  assert.equal(report.passes, [{ name: 'p', durationMs: 2 }])
  assert.equal(report.todos, [{ name: 't' }])
  assert.equal(
    report.failures.map((f) => [f.name, f.error]),
    [['c', 'test did not finish before its parent and was cancelled']],
  )
  assert.equal([report.pass, report.fail, report.todo], [1, 1, 1])
})

test('a test whose subtests failed counts as failed but only its subtests are listed', () => {
  const collector = createTestReportCollector()
  collector.push(start('parent'))
  collector.push(start('child', 1))
  collector.push(result('test:fail', 'child', { nesting: 1, error: failure(chromeError) }))
  collector.push(
    result('test:fail', 'parent', { error: failure('1 subtest failed', 'subtestsFailed') }),
  )
  const report = collector.report()
  assert.is(report.fail, 2)
  assert.equal(
    report.failures.map((f) => f.name),
    ['parent › child'],
  )
})

test('a suite whose hook failed is listed, not counted', () => {
  const collector = createTestReportCollector()
  const hookError = {
    name: 'Error',
    message: 'db down',
    stack: 'Error: db down\n    at before (http://localhost:5173/src/db.test.js:3:9)',
  }
  collector.push(start('db'))
  collector.push(
    result('test:fail', 'db', { suite: true, error: failure(hookError, 'hookFailed') }),
  )
  const report = collector.report()
  assert.is(report.fail, 0)
  assert.equal(report.failures, [
    {
      name: 'db',
      durationMs: 1,
      error: 'Error: db down\n    at before (http://localhost:5173/src/db.test.js:3:9)',
    },
  ])
})

test('failures show the thrown error: Firefox stacks get their first line, values are inspected', () => {
  const firefox = {
    name: 'TypeError',
    message: 'x is null',
    stack:
      'check@http://localhost:5173/src/a.test.js:4:7\nrun@http://localhost:5173/__daebug/test-runner.js:9:1\n',
  }
  assert.is(
    formatFailure(failure(firefox), 'http://localhost:5173'),
    'TypeError: x is null\ncheck@src/a.test.js:4:7\n',
  )
  assert.is(
    formatFailure(failure({ answer: 42 } as unknown as TestErrorInfo), undefined),
    '{ answer: 42 }',
  )
  assert.is(formatFailure({ name: 'Error', message: 'plain' }, undefined), 'Error: plain')
})

test("a file that failed to load is listed as 'Import: <file>'; one that failed after its tests, by its path", () => {
  const collector = createTestReportCollector({ cwd: 'http://localhost:5173' })
  const broken = 'http://localhost:5173/src/broken.test.js'
  const syntax = {
    name: 'SyntaxError',
    message: 'Unexpected end of input',
    stack: 'SyntaxError: Unexpected end of input',
  }
  collector.push({ type: 'test:start', data: { name: broken, nesting: 0, file: broken } })
  collector.push({
    type: 'test:fail',
    data: {
      name: broken,
      nesting: 0,
      testNumber: 1,
      file: broken,
      details: { duration_ms: 1, error: failure(syntax) },
    },
  })
  collector.push(start('a'))
  collector.push(result('test:pass', 'a'))
  collector.push(start(file))
  collector.push({
    type: 'test:fail',
    data: {
      name: file,
      nesting: 0,
      testNumber: 2,
      file,
      details: { duration_ms: 1, error: failure(syntax) },
    },
  })
  assert.equal(
    collector.report().failures.map((f) => [f.name, f.error]),
    [
      ['Import: src/broken.test.js', 'SyntaxError: Unexpected end of input'],
      ['src/math.test.js', 'SyntaxError: Unexpected end of input'],
    ],
  )
})

test.run()
