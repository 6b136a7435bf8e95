import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { nodeFs } from './adapters/node.js'
import { setup, until } from './core-harness.test-util.js'
import { mountTestRunApi, runCode } from './test-run-api.js'

const FILE = 'http://localhost:8680/__daebug/w/src/math.test.js'

async function api() {
  const project = mkdtempSync(join(tmpdir(), 'daebug-run-api-'))
  mkdirSync(join(project, 'src'))
  writeFileSync(join(project, 'src', 'math.test.js'), '')
  const served = await setup()
  const app = new Hono()
  mountTestRunApi(app, { core: served.core, root: project, fs: nodeFs })
  const post = (body: unknown) =>
    app.request('/__daebug/api/tests/run', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  const done = async () => {
    await served.core.close()
    rmSync(project, { recursive: true, force: true })
  }
  return { ...served, post, done }
}

async function readLines(response: Response): Promise<Array<Record<string, unknown>>> {
  const text = await response.text()
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
}

test('the run is logged as a request to the realm and its events stream as NDJSON, ending with the summary', async () => {
  const { post, socket, connection, host, done } = await api()
  const response = await post({ files: ['src/*.test.js'], testNamePatterns: ['adds'] })
  assert.is(response.headers.get('content-type'), 'application/x-ndjson; charset=utf-8')
  const job = await until(() => socket.jobs()[0])
  assert.is(job.timeoutMs, 0, 'the run watchdog bounds it, not the job time-out')
  assert.match(
    host.files.get('/project/daebug/7-zen-1201-03.md')!,
    /### 🗣️http to 7-zen-1201-03 at 12:00:00\n```js\n\(await import\('\/__daebug\/modules\/test-runner\/index\.js'\)\)\.run\(\{"files":\["src\/\*\.test\.js"\],"testNamePatterns":\["adds"\]\}\)\n```/,
  )
  const events = [
    { type: 'test:start', data: { name: 'math', nesting: 0, file: FILE } },
    { type: 'test:start', data: { name: 'adds', nesting: 1, file: FILE } },
    {
      type: 'test:pass',
      data: { name: 'adds', nesting: 1, testNumber: 1, file: FILE, details: { duration_ms: 1 } },
    },
    {
      type: 'test:summary',
      data: {
        counts: {
          tests: 1,
          suites: 1,
          passed: 1,
          failed: 0,
          cancelled: 0,
          skipped: 0,
          todo: 0,
          topLevel: 1,
        },
        duration_ms: 3,
        success: true,
      },
    },
  ]
  connection.message(JSON.stringify({ type: 'test', jobId: job.jobId, events }))
  connection.message(
    JSON.stringify({
      type: 'result',
      jobId: job.jobId,
      ok: true,
      text: 'x',
      durationMs: 5,
      events: [],
      omitted: 0,
    }),
  )
  const lines = await readLines(response)
  assert.equal(
    lines.map((line) => [line.type, line.runId === job.jobId, line.realm, line.id]),
    [
      ['test:start', true, '7-zen-1201-03', 'src/math.test.js#math'],
      ['test:start', true, '7-zen-1201-03', 'src/math.test.js#math › adds'],
      ['test:pass', true, '7-zen-1201-03', 'src/math.test.js#math › adds'],
      ['test:summary', true, '7-zen-1201-03', undefined],
    ],
  )
  await done()
})

test('a realm that goes away mid-run ends the stream with why, and an unsuccessful summary', async () => {
  const { post, socket, connection, done } = await api()
  const response = await post({})
  const job = await until(() => socket.jobs()[0])
  connection.message(JSON.stringify({ type: 'test', jobId: job.jobId, events: [] }))
  connection.close()
  const lines = await readLines(response)
  assert.equal(
    lines.map((line) => line.type),
    ['test:diagnostic', 'test:summary'],
  )
  const summary = lines[1]!.data as { success: boolean; aborted: string }
  assert.is(summary.success, false)
  assert.match(summary.aborted, /disconnected/, summary.aborted)
  await done()
})

test('bad bodies, unknown realms and selections with no test files get clear errors', async () => {
  const { post, done } = await api()
  const answers = await Promise.all([
    post('{'),
    post({ only: 'yes' }),
    post({ realm: 'nosuch' }),
    post({ files: ['lib/*.test.js'] }),
    post({ files: ['x'.repeat(70_000)] }),
  ])
  const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{
    error: { message: string }
  }>
  assert.equal(
    answers.map((answer) => answer.status),
    [400, 400, 404, 400, 413],
  )
  assert.match(bodies[0]!.error.message, /^The body is not JSON/)
  assert.match(bodies[1]!.error.message, /only/)
  assert.is(
    bodies[2]!.error.message,
    "No connected realm matches 'nosuch'. Realms: 7-zen-1201-03 (page, http://localhost:8680/app/index.html).",
  )
  assert.is(bodies[3]!.error.message, 'No test files found for lib/*.test.js.')
  assert.is(bodies[4]!.error.message, 'The request body is over 65536 bytes.')
  await done()
})

test('the code a request runs names only what it asked for', () => {
  assert.is(runCode({}), "(await import('/__daebug/modules/test-runner/index.js')).run()")
  assert.is(
    runCode({ only: true, timeout: 500 }),
    `(await import('/__daebug/modules/test-runner/index.js')).run({"only":true,"timeout":500})`,
  )
})

test.run()
