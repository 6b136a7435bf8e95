/// <reference types="node" />
import { readFileSync } from 'node:fs'
import type { TestEvent } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { ReporterOptions } from './reporter.js'
import {
  createLineReporter,
  createReporter,
  isReporterName,
  type ReporterName,
  reporters,
} from './reporters.js'

const events: TestEvent[] = readFileSync(
  new URL('./fixtures/mixed-run.events.ndjson', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as TestEvent)

const names = Object.keys(reporters) as ReporterName[]

async function* stream(list: TestEvent[]): AsyncGenerator<TestEvent> {
  yield* list
}

async function printAll(name: ReporterName, options?: ReporterOptions): Promise<string> {
  let text = ''
  for await (const chunk of reporters[name](stream(events), options)) text += chunk
  return text
}

function pushAll(name: ReporterName, options?: ReporterOptions): string {
  const reporter = createReporter(name, options)
  return events.map((event) => reporter.push(event)).join('') + reporter.end()
}

const pass = (name: string, testNumber: number, duration_ms = 1): TestEvent => ({
  type: 'test:pass',
  data: { name, nesting: 0, testNumber, details: { duration_ms } },
})

test('the six reporters are spec, tap, dot, junit, json and markdown', () => {
  assert.equal(names, ['spec', 'tap', 'dot', 'junit', 'json', 'markdown'])
  assert.ok(isReporterName('tap'))
  assert.not.ok(isReporterName('toString'))
})

test('fed one event at a time, each reporter prints what its generator prints', async () => {
  for (const name of names) {
    assert.fixture(
      pushAll(name, { cwd: '/project' }),
      await printAll(name, { cwd: '/project' }),
      name,
    )
  }
})

test('spec prints its lines as the events arrive, not at the end', () => {
  const spec = createReporter('spec')
  assert.is(spec.push({ type: 'test:start', data: { name: 'a', nesting: 0 } }), '')
  assert.is(spec.push(pass('a', 1, 1.5)), '✔ a (1.5ms)\n')
  assert.is(spec.end(), '')
})

test('durationMs prints every duration, and the total, as the same number', () => {
  const spec = pushAll('spec', { cwd: '/project', durationMs: 7 })
  assert.match(spec, '✔ adds numbers (7ms)\n')
  assert.match(spec, 'ℹ duration_ms 7\n')
  assert.not.match(spec, /\((?!7ms)[\d.]+ms\)/)
  assert.match(pushAll('tap', { durationMs: 7 }), '  duration_ms: 7\n')
  assert.match(pushAll('junit', { durationMs: 7 }), 'name="adds numbers" time="0.007000"')
  assert.match(pushAll('markdown', { durationMs: 7 }), '(7ms)\n\n✗ compares objects (7ms)')
  const summary = createReporter('json', { durationMs: 7 }).push({
    type: 'test:summary',
    data: {
      counts: {
        tests: 1,
        suites: 0,
        passed: 1,
        failed: 0,
        cancelled: 0,
        skipped: 0,
        todo: 0,
        topLevel: 1,
      },
      duration_ms: 123.4,
      success: true,
    },
  })
  assert.match(summary, '"duration_ms":7,')
})

test('dot breaks the line after every 20 marks, or the given columns', () => {
  const many = Array.from({ length: 23 }, (_, i) => pass(`t${i}`, i + 1))
  const dot = createReporter('dot')
  assert.is(many.map((event) => dot.push(event)).join('') + dot.end(), `${'.'.repeat(20)}\n...\n`)
  const narrow = createReporter('dot', { columns: 10 })
  assert.is(
    many.map((event) => narrow.push(event)).join('') + narrow.end(),
    `${'.'.repeat(10)}\n${'.'.repeat(10)}\n...\n`,
  )
})

test('a line reporter prints each complete line once, the last one at the end', () => {
  const lines: string[] = []
  const reporter = createLineReporter('dot', (line) => lines.push(line), { columns: 2 })
  reporter.push(pass('a', 1))
  assert.equal(lines, [])
  reporter.push(pass('b', 2))
  assert.equal(lines, ['..'])
  reporter.push(pass('c', 3))
  reporter.end()
  assert.equal(lines, ['..', '.'])
})

test('a line reporter prints the whole mixed run line by line', () => {
  const lines: string[] = []
  const reporter = createLineReporter('spec', (line) => lines.push(line), { cwd: '/project' })
  for (const event of events) reporter.push(event)
  reporter.end()
  assert.is(`${lines.join('\n')}\n`, pushAll('spec', { cwd: '/project' }))
})

test('an unknown reporter name is refused with the list of names', () => {
  assert.throws(
    () => createReporter('verbose' as ReporterName),
    /Unknown reporter 'verbose'; expected one of: spec, tap, dot, junit, json, markdown/,
  )
})

test('with no events, each reporter still prints a well-formed empty report', async () => {
  const empty: Record<ReporterName, string> = {
    spec: '',
    tap: 'TAP version 13\n',
    dot: '\n',
    junit: '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n</testsuites>\n',
    json: '',
    markdown: '## Test Results: 0 pass, 0 fail, 0 skip (0ms)\n\n✓ 0 passed in 0 files\n',
  }
  for (const name of names) {
    const reporter = createReporter(name)
    assert.is(reporter.end(), empty[name], name)
  }
})

test.run()
