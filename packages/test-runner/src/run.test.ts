import assert from 'node:assert/strict'
import { run as nodeRun } from 'node:test'
import { pathToFileURL } from 'node:url'
import type { TestEvent } from '@daebug/protocol'
import { test } from 'uvu'
import { describeEvents, plainEvent, writeTestFile } from './node-oracle.test-util.js'
import { type RunOptions, run } from './run.js'

type Shared = { order?: string[] }
const shared = globalThis as Shared

async function events(stream: AsyncIterable<TestEvent>): Promise<TestEvent[]> {
  const all: TestEvent[] = []
  for await (const event of stream) all.push(event)
  return all
}

function results(all: TestEvent[]): string[] {
  const kept = all.filter((event) => event.type === 'test:pass' || event.type === 'test:fail')
  return describeEvents(kept.map(plainEvent)).map((line) => line.replace(/ @.*$/, ''))
}

test('the stream is async-iterable and calls .on listeners with each event’s data', async () => {
  const file = writeTestFile(
    'stream.mjs',
    "import { test } from 'node:test'\ntest('a', () => {})\ntest('b', () => {})\n",
  )
  const stream = run({ files: [file] })
  const passed: string[] = []
  stream.on('test:pass', (data) => passed.push(data.name))
  const all = await events(stream)
  assert.deepEqual(passed, ['a', 'b'])
  assert.deepEqual(
    all.map((event) => event.type),
    [
      ...['test:enqueue', 'test:enqueue', 'test:dequeue', 'test:complete', 'test:start'],
      ...['test:pass', 'test:dequeue', 'test:complete', 'test:start', 'test:pass'],
      ...['test:summary', 'test:plan', ...Array(8).fill('test:diagnostic'), 'test:summary'],
    ],
  )
})

test('each file ends with its own summary, and the run with one for all files', async () => {
  const passing = writeTestFile(
    'summary-pass.mjs',
    "import { test } from 'node:test'\ntest('ok', () => {})\n",
  )
  const failing = writeTestFile(
    'summary-fail.mjs',
    "import { test, describe, it } from 'node:test'\ndescribe('s', () => { it('bad', () => { throw new Error('no') }) })\ntest.skip('later')\n",
  )
  const all = await events(run({ files: [passing, failing] }))
  const summaries = all.filter((event) => event.type === 'test:summary').map((event) => event.data)
  const counts = (
    tests: number,
    suites: number,
    passed: number,
    failed: number,
    skipped: number,
    topLevel: number,
  ) => ({
    tests,
    suites,
    passed,
    failed,
    cancelled: 0,
    skipped,
    todo: 0,
    topLevel,
  })
  assert.deepEqual(
    summaries.map(({ success, counts, file }) => ({ success, counts, file })),
    [
      { success: true, counts: counts(1, 0, 1, 0, 0, 1), file: passing },
      { success: false, counts: counts(2, 1, 0, 1, 1, 2), file: failing },
      { success: false, counts: counts(3, 1, 1, 1, 1, 3), file: undefined },
    ],
  )
  assert.ok(summaries.every((summary) => summary.duration_ms >= 0))
})

test('a file that fails to load is a failing test named after it, its tests unrun, and the run goes on', async () => {
  const broken = writeTestFile(
    'broken.mjs',
    "import { test } from 'node:test'\ntest('declared', () => {})\nthrow new Error('cannot load')\n",
  )
  const after = writeTestFile(
    'after-broken.mjs',
    "import { test } from 'node:test'\ntest('still runs', () => {})\n",
  )
  const all = await events(run({ files: [broken, after] }))
  assert.deepEqual(results(all), [
    'test:fail 0 "broken.mjs" #1 [testCodeFailure "cannot load" <- "cannot load"]',
    'test:pass 0 "still runs" #2',
  ])
  assert.ok(all.every((event) => !('name' in event.data) || event.data.name !== 'declared'))
})

test('files run one after another: a file loads once the previous file’s tests have ended', async () => {
  shared.order = []
  const first = writeTestFile(
    'order-first.mjs',
    "import { test } from 'node:test'\nglobalThis.order.push('load first')\ntest('slow', () => new Promise((resolve) => setTimeout(() => { globalThis.order.push('first done'); resolve() }, 20)))\n",
  )
  const second = writeTestFile(
    'order-second.mjs',
    "import { test } from 'node:test'\nglobalThis.order.push('load second')\ntest('quick', () => { globalThis.order.push('second done') })\n",
  )
  await events(run({ files: [first, second] }))
  assert.deepEqual(shared.order, ['load first', 'first done', 'load second', 'second done'])
})

test('the environment finds and loads the files', async () => {
  const file = writeTestFile(
    'env.mjs',
    "import { test } from 'node:test'\ntest('from env', () => {})\n",
  )
  const loaded: string[] = []
  const all = await events(
    run({
      files: ['pattern/**'],
      env: {
        resolveFiles: async (patterns) => patterns.map(() => file),
        importFile: (url) => {
          loaded.push(url)
          return import(url)
        },
      },
    }),
  )
  assert.deepEqual(loaded, [pathToFileURL(file).href])
  assert.deepEqual(results(all), ['test:pass 0 "from env" #1'])
})

test('a file run twice is loaded again, and reported under its own name both times', async () => {
  const file = writeTestFile(
    'twice.mjs',
    "import { test } from 'node:test'\ntest('again', () => {})\n",
  )
  for (let round = 0; round < 2; round++) {
    const all = await events(run({ files: [file] }))
    const passes = all.filter((event) => event.type === 'test:pass').map((event) => event.data.file)
    assert.deepEqual(passes, [file])
  }
})

test('an aborted signal cancels the running test and the files still to run', async () => {
  const controller = new AbortController()
  const slow = writeTestFile(
    'abort-slow.mjs',
    "import { test } from 'node:test'\ntest('waits', (t) => new Promise((resolve) => { const timer = setTimeout(resolve, 5000); t.signal.addEventListener('abort', () => { clearTimeout(timer); resolve() }) }))\ntest('next', () => {})\n",
  )
  const later = writeTestFile(
    'abort-later.mjs',
    "import { test } from 'node:test'\ntest('never', () => {})\n",
  )
  const stream = run({ files: [slow, later], signal: controller.signal })
  stream.on('test:dequeue', (data) => {
    if (data.name === 'waits') setTimeout(() => controller.abort(), 5)
  })
  const lines = results(await events(stream)).map((line) => line.replace(/(\[\w+) .*\]/, '$1]'))
  assert.deepEqual(lines, [
    'test:fail 0 "waits" #1 [testAborted]',
    'test:fail 0 "next" #2 [testAborted]',
    'test:fail 0 "abort-later.mjs" #2 [testAborted]',
  ])
})

test('testSkipPatterns skip the tests and suites whose name or ancestors match', async () => {
  const file = writeTestFile(
    'skip-patterns.mjs',
    "import { describe, it, test } from 'node:test'\ntest('keep', () => {})\ntest('drop me', () => { throw new Error('ran') })\ndescribe('drop suite', () => { it('inside', () => { throw new Error('ran') }) })\n",
  )
  const all = await events(run({ files: [file], testSkipPatterns: [/drop/] }))
  assert.deepEqual(results(all), [
    'test:pass 0 "keep" #1',
    'test:pass 0 "drop me" #2 skip="test name matches a skip pattern"',
    'test:pass 0 "drop suite" #3 skip="test name matches a skip pattern" (suite)',
  ])
})

test('the timeout option bounds every test', async () => {
  const file = writeTestFile(
    'run-timeout.mjs',
    "import { test } from 'node:test'\ntest('too slow', () => new Promise((resolve) => setTimeout(resolve, 200)))\n",
  )
  const all = await events(run({ files: [file], timeout: 10 }))
  assert.deepEqual(results(all), [
    'test:fail 0 "too slow" #1 [testTimeoutFailure "test timed out after 10ms" <- "test timed out after 10ms"]',
  ])
})

test('runs started together run one after another', async () => {
  shared.order = []
  const file = (name: string) =>
    writeTestFile(
      `together-${name}.mjs`,
      `import { test } from 'node:test'\ntest('${name}', () => new Promise((resolve) => setTimeout(() => { globalThis.order.push('${name}'); resolve() }, 10)))\n`,
    )
  const [one, two] = [run({ files: [file('one')] }), run({ files: [file('two')] })]
  await Promise.all([events(two), events(one)])
  assert.deepEqual(shared.order, ['one', 'two'])
})

test('bad options throw the errors node’s run() throws', () => {
  const bad: RunOptions[] = [
    { files: 'a.test.js' as never },
    { only: 'yes' as never },
    { testNamePatterns: '/(/' },
    { testNamePatterns: [5 as never] },
    { timeout: -1 },
    { concurrency: 0 },
    { concurrency: 'many' as never },
    { signal: {} as never },
  ]
  for (const options of bad) {
    const thrown = (call: () => unknown) => {
      try {
        call()
      } catch (error) {
        const { name, code, message } = error as { name: string; code: string; message: string }
        return { name, code, message }
      }
      return 'nothing thrown'
    }
    assert.deepEqual(
      thrown(() => run(options)),
      thrown(() => nodeRun(options as never)),
    )
  }
})

test('files loaded by run() print nothing and do not start a run of their own', async () => {
  const file = writeTestFile(
    'quiet.mjs',
    "import { test } from 'node:test'\ntest('quiet', () => {})\n",
  )
  const printed: unknown[] = []
  const log = console.log
  console.log = (...args: unknown[]) => printed.push(args)
  try {
    await events(run({ files: [file] }))
    await new Promise((resolve) => setTimeout(resolve, 10))
  } finally {
    console.log = log
  }
  assert.deepEqual(printed, [])
})

const firstDiagnostic = (all: TestEvent[]): string | undefined =>
  all.find((event) => event.type === 'test:diagnostic')?.data.message

/** Whether the run ended with a summary that says it failed. */
function failedRun(all: TestEvent[]): boolean {
  const summary = all.at(-1)
  return summary?.type === 'test:summary' && summary.data.success === false
}

test('an error from a test that has ended is a diagnostic naming that test, and fails the file', async () => {
  const file = writeTestFile(
    'escaped.mjs',
    "import { after, test } from 'node:test'\ntest('ends first', () => { setTimeout(() => { throw new Error('too late') }, 5) })\nafter(() => new Promise((resolve) => setTimeout(resolve, 30)))\n",
  )
  const all = await events(run({ files: [file] }))
  assert.equal(
    firstDiagnostic(all),
    `Error: Test "ends first" at ${file}:2:1 generated asynchronous activity after the test ended. This activity created the error "Error: too late" and would have caused the test to fail, but instead triggered an uncaughtException event.`,
  )
  assert.deepEqual(results(all), [
    'test:pass 0 "ends first" #1',
    'test:fail 0 "escaped.mjs" #1 [testCodeFailure "too late" <- "too late"]',
  ])
  assert.equal(failedRun(all), true)
})

test('an error from code no test made is a diagnostic, even while a test runs', async () => {
  const file = writeTestFile(
    'unowned.mjs',
    "import { test } from 'node:test'\nsetTimeout(() => { throw new Error('from the file') }, 5)\ntest('waits', () => new Promise((resolve) => setTimeout(resolve, 30)))\n",
  )
  const all = await events(run({ files: [file] }))
  assert.equal(
    firstDiagnostic(all),
    'Error: A resource generated asynchronous activity after the test ended. This activity created the error "Error: from the file" which triggered an uncaughtException event, caught by the test runner.',
  )
  assert.deepEqual(results(all), [
    'test:pass 0 "waits" #1',
    'test:fail 0 "unowned.mjs" #1 [testCodeFailure "from the file" <- "from the file"]',
  ])
  assert.equal(failedRun(all), true)
})

test.run()
