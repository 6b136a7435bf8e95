import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestEvent, TestSummaryData } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { durationsPath, MergedRun, readDurations, saveDurations, splitFiles } from './split-run.js'

const files = ['/a.test.js', '/b.test.js', '/c.test.js', '/d.test.js', '/e.test.js']

test('files of unknown duration are dealt out in turn, each group in the files’ order', () => {
  assert.equal(splitFiles(files, {}, 2), [
    ['/a.test.js', '/c.test.js', '/e.test.js'],
    ['/b.test.js', '/d.test.js'],
  ])
})

test('known durations go longest first to the group with the least time so far', () => {
  const durations = { '/a.test.js': 100, '/b.test.js': 900, '/c.test.js': 500, '/d.test.js': 400 }
  // e is unknown: the mean, 475 ms. Order: b 900, c 500, e 475, d 400, a 100.
  assert.equal(splitFiles(files, durations, 2), [
    ['/b.test.js', '/d.test.js'],
    ['/a.test.js', '/c.test.js', '/e.test.js'],
  ])
})

test('there are never more groups than files, nor empty ones', () => {
  assert.equal(splitFiles(['/a.test.js', '/b.test.js'], {}, 4), [['/a.test.js'], ['/b.test.js']])
  assert.equal(splitFiles([], {}, 4), [])
})

const counts = (passed: number, failed: number) => ({
  tests: passed + failed,
  suites: 0,
  passed,
  failed,
  cancelled: 0,
  skipped: 0,
  todo: 0,
  topLevel: passed + failed,
})

function fileEvents(file: string, name: string, ok: boolean): TestEvent[] {
  const data = { name, nesting: 0, file, testNumber: 1, details: { duration_ms: 1 } }
  return [
    { type: 'test:start', data: { name, nesting: 0, file } },
    ok
      ? { type: 'test:pass', data }
      : {
          type: 'test:fail',
          data: { ...data, details: { duration_ms: 1, error: { message: 'no' } } },
        },
    {
      type: 'test:summary',
      data: { success: ok, counts: counts(ok ? 1 : 0, ok ? 0 : 1), duration_ms: 200, file },
    },
  ] as TestEvent[]
}

function runEnd(passed: number, failed: number, notes: string[] = []): TestEvent[] {
  return [
    { type: 'test:plan', data: { nesting: 0, count: passed + failed } },
    ...[
      ...notes,
      `tests ${passed + failed}`,
      `pass ${passed}`,
      `fail ${failed}`,
      'duration_ms 401.5',
    ].map((message) => ({ type: 'test:diagnostic', data: { nesting: 0, message } }) as TestEvent),
    {
      type: 'test:summary',
      data: { success: failed === 0, counts: counts(passed, failed), duration_ms: 401.5 },
    },
  ]
}

test('the runs’ events come out a whole file at a time, then one end over all of them', () => {
  const out: TestEvent[] = []
  const merged = new MergedRun(
    ['page-1', 'page-2'],
    (event) => out.push(event),
    (file) => file.replace('http://h/', ''),
  )
  const [a, b] = [
    fileEvents('http://h/a.test.js', 'adds', true),
    fileEvents('http://h/b.test.js', 'subtracts', false),
  ]
  // Interleaved as two realms would send them.
  for (let i = 0; i < 3; i++) {
    merged.push(0, a[i]!)
    merged.push(1, b[i]!)
  }
  for (const event of runEnd(0, 1, ['a note of page-2'])) merged.push(1, event)
  for (const event of runEnd(1, 0)) merged.push(0, event)
  const summary = merged.end()
  const shown = out.map((event) =>
    event.type === 'test:diagnostic'
      ? `ℹ ${event.data.message.replace(/^duration_ms .*/, 'duration_ms …')}`
      : `${event.type} ${'name' in event.data ? event.data.name : ''}`.trim(),
  )
  assert.equal(shown, [
    'test:start adds',
    'test:pass adds',
    'test:summary',
    'test:start subtracts',
    'test:fail subtracts',
    'test:summary',
    'test:plan',
    'ℹ a note of page-2',
    'ℹ page-1 ran 1 file in 402ms: a.test.js',
    'ℹ page-2 ran 1 file in 402ms: b.test.js',
    'ℹ tests 2',
    'ℹ suites 0',
    'ℹ pass 1',
    'ℹ fail 1',
    'ℹ cancelled 0',
    'ℹ skipped 0',
    'ℹ todo 0',
    'ℹ duration_ms …',
    'test:summary',
  ])
  assert.equal(out.at(-1), { type: 'test:summary', data: summary })
  assert.equal([summary.success, summary.counts, summary.aborted], [false, counts(1, 1), undefined])
  assert.equal(
    [...merged.durations],
    [
      ['http://h/a.test.js', 200],
      ['http://h/b.test.js', 200],
    ],
  )
})

test('a run that was aborted, or whose stream broke, fails the merged one and says where', () => {
  const out: TestEvent[] = []
  const merged = new MergedRun(['page-1', 'page-2', 'page-3'], (event) => out.push(event))
  for (const event of [...fileEvents('a.test.js', 'adds', true), ...runEnd(1, 0)])
    merged.push(0, event)
  const started = fileEvents('b.test.js', 'waits', true)[0]!
  merged.push(1, started)
  merged.push(1, {
    type: 'test:diagnostic',
    data: { nesting: 0, message: 'The realm disconnected.' },
  })
  const aborted: TestSummaryData = {
    success: false,
    counts: counts(0, 0),
    duration_ms: 5,
    aborted: 'the realm disconnected',
  }
  merged.push(1, { type: 'test:summary', data: aborted })
  merged.push(2, fileEvents('c.test.js', 'never ends', true)[0]!)
  const summary = merged.end()
  assert.is(summary.success, false)
  assert.is(
    summary.aborted,
    'in page-2: the realm disconnected; the run in page-3 ended without a summary',
  )
  // What the aborted and broken runs had begun is still shown.
  assert.equal(
    out.filter((event) => event.type === 'test:start').map((event) => event.data.name),
    ['adds', 'waits', 'never ends'],
  )
  assert.ok(
    out.some(
      (event) =>
        event.type === 'test:diagnostic' && event.data.message === 'The realm disconnected.',
    ),
  )
})

test('durations are kept in the log folder, newest first, and a broken record reads as none', async () => {
  const root = await mkdtemp(join(tmpdir(), 'daebug-durations-'))
  try {
    assert.equal(await readDurations(root), {})
    await saveDurations(
      root,
      new Map([
        ['/a.test.js', 120],
        ['/b.test.js', 80],
      ]),
    )
    await saveDurations(root, new Map([['/b.test.js', 95]]))
    assert.equal(await readDurations(root), { '/a.test.js': 120, '/b.test.js': 95 })
    assert.ok((await readFile(durationsPath(root), 'utf8')).endsWith('}\n'))
    await writeFile(durationsPath(root), '{"/a.test.js": "slow", "/b.test.js": 7')
    assert.equal(await readDurations(root), {})
  } finally {
    await rm(root, { recursive: true, force: true })
  }
})

test.run()
