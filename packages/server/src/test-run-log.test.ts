import { FOOTER } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { LOG, setup, until } from './core-harness.test-util.js'

const FILE = 'http://localhost:8680/__daebug/w/src/math.test.js'

const start = (name: string) => ({ type: 'test:start', data: { name, nesting: 0, file: FILE } })
const pass = (name: string) => ({
  type: 'test:pass',
  data: { name, nesting: 0, testNumber: 1, file: FILE, details: { duration_ms: 1 } },
})
const fail = (name: string) => ({
  type: 'test:fail',
  data: {
    name,
    nesting: 0,
    testNumber: 2,
    file: FILE,
    details: {
      duration_ms: 3,
      error: {
        name: 'AssertionError',
        message: 'Expected values to be strictly equal:\n\n2 !== 3\n',
        code: 'ERR_ASSERTION',
        stack: `AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n2 !== 3\n\n    at TestContext.<anonymous> (${FILE}:4:29)\n    at http://localhost:8680/__daebug/modules/test-runner/chunk-X.js:1:2`,
      },
    },
  },
})
const summary = {
  type: 'test:summary',
  data: {
    counts: {
      tests: 2,
      suites: 0,
      passed: 1,
      failed: 1,
      cancelled: 0,
      skipped: 0,
      todo: 0,
      topLevel: 2,
    },
    duration_ms: 2500,
    success: false,
  },
}

test('a run streams a progress block at most every 2 s, replaced by the report above a one-line reply', async () => {
  const { host, socket, connection, core } = await setup(100)
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\nrun()\n\`\`\`\n`)
  const job = await until(() => socket.jobs()[0])
  const send = (events: unknown[]) =>
    connection.message(JSON.stringify({ type: 'test', jobId: job.jobId, events }))
  send([])
  // The REPL time-out (100 ms) no longer applies: the run watchdog does.
  await new Promise((done) => setTimeout(done, 150))
  assert.not.match(host.files.get(LOG)!, /Timed out/)
  send([start('adds'), pass('adds')])
  assert.not.match(host.files.get(LOG)!, /## Test Progress/, 'not before 2 s')
  host.clock.now += 2000
  send([start('breaks'), fail('breaks')])
  await until(() =>
    host.files.get(LOG)?.includes('## Test Progress: 2/2 done, 1 pass, 1 fail (2.0s)'),
  )
  host.clock.now += 2000
  send([pass('third')])
  await until(() => host.files.get(LOG)?.includes('3/3 done'))
  assert.is(host.files.get(LOG)!.match(/## Test Progress/g)?.length, 1, 'replaced, not repeated')
  send([summary])
  connection.message(
    JSON.stringify({
      type: 'result',
      jobId: job.jobId,
      ok: false,
      text: 'TestsFailed: 1 passed, 1 failed, 0 skipped (2.5s)',
      durationMs: 4000,
      events: [],
      omitted: 0,
    }),
  )
  const log = await until(() =>
    host.files.get(LOG)?.includes('🚫') ? host.files.get(LOG) : undefined,
  )
  assert.not.match(log, /## Test Progress/)
  assert.ok(
    log.endsWith(
      [
        '```js',
        'run()',
        '```',
        '## Test Results: 2 pass, 1 fail, 0 skip (2.5s)',
        '',
        '✗ breaks (3ms)',
        '```Error',
        'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
        '',
        '2 !== 3',
        '',
        '    at TestContext.<anonymous> (src/math.test.js:4:29)',
        '```',
        '✓ 2 passed in 1 file',
        '',
        '#### 🚫7-zen-1201-03 to agent at 12:00:04 (4.0s)',
        '```Text',
        '2 passed, 1 failed, 0 skipped (2.5s) — report above',
        '```',
        '',
        FOOTER,
      ].join('\n'),
    ),
    log,
  )
  await core.close()
})

test('a run that outlives the watchdog is ended with the results so far', async () => {
  const { host, socket, connection, core } = await setup(60_000, { runTimeoutMs: 50 })
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\nrun()\n\`\`\`\n`)
  const job = await until(() => socket.jobs()[0])
  connection.message(
    JSON.stringify({ type: 'test', jobId: job.jobId, events: [start('a'), pass('a')] }),
  )
  const log = await until(() =>
    host.files.get(LOG)?.includes('🚫') ? host.files.get(LOG) : undefined,
  )
  assert.match(
    log,
    /## Test Results: 1 pass, 0 fail, 0 skip \(\d+ms\)\n\n✓ 1 passed in 1 file\n\n#### 🚫/,
  )
  assert.match(
    log,
    /```Text\nTimed out: the test run did not end within 50ms \(the run watchdog\); the report above has the results so far\.\n```/,
  )
  await core.close()
})

test.run()
