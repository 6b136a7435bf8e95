import { Hono } from 'hono'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { LOG, ROOT, setup, until } from './core-harness.test-util.js'
import { mountRealmApi } from './realm-api.js'

async function api(timeoutMs = 60_000) {
  const served = await setup(timeoutMs)
  const app = new Hono()
  mountRealmApi(app, { core: served.core, root: ROOT })
  const post = (path: string, body: string) =>
    app.request(`/__daebug/api${path}`, { method: 'POST', body })
  const get = (path: string) => app.request(`/__daebug/api${path}`)
  const answer = (jobId: unknown, fields: Record<string, unknown>) =>
    served.connection.message(
      JSON.stringify({ type: 'result', jobId, durationMs: 1, events: [], omitted: 0, ...fields }),
    )
  return { ...served, post, get, answer }
}

test('an eval waits for the realm, answers its value, and is logged like a file request', async () => {
  const { post, socket, answer, host, core } = await api()
  const pending = post('/realms/zen/eval', JSON.stringify({ code: '1 + 1', agent: 'script' }))
  const job = await until(() => socket.jobs()[0])
  answer(job.jobId, {
    ok: true,
    value: '2',
    text: '2',
    events: [{ level: 'log', time: 1, text: 'hi' }],
  })
  const response = await pending
  assert.is(response.status, 200)
  const body = (await response.json()) as Record<string, unknown>
  assert.equal(body, {
    realm: '7-zen-1201-03',
    ok: true,
    value: 2,
    text: '2',
    durationMs: 0,
    events: [{ level: 'log', time: 1, text: 'hi' }],
  })
  const log = await until(() =>
    host.files.get(LOG)?.includes('👍') ? host.files.get(LOG) : undefined,
  )
  assert.match(
    log,
    /### 🗣️script to 7-zen-1201-03 at 12:00:00\n```js\n1 \+ 1\n```\n#### 👍7-zen-1201-03 to script at 12:00:00 \(0ms\)\n```JSON\n2\n```/,
  )
  await core.close()
})

test('code that throws is a 200 with ok: false; a time-out is a 504', async () => {
  const { post, socket, answer, core } = await api()
  const thrown = post('/realms/7-zen-1201-03/eval', JSON.stringify({ code: 'boom()' }))
  const first = await until(() => socket.jobs()[0])
  const error = {
    name: 'ReferenceError',
    message: 'boom is not defined',
    stack: 'ReferenceError: boom is not defined',
  }
  answer(first.jobId, { ok: false, text: error.stack, error })
  const body = (await (await thrown).json()) as Record<string, unknown>
  assert.equal([body.ok, body.error], [false, error])
  const slow = await post('/realms/zen/eval', JSON.stringify({ code: 'slow()', timeout: 30 }))
  assert.is(slow.status, 504)
  assert.equal(await slow.json(), {
    error: {
      code: 'TIMEOUT',
      message: 'Timed out after 0.0s; the realm may still be running the code.',
    },
  })
  await core.close()
})

test('a cancel answers the running job 🚫 Cancelled, and says so when nothing runs', async () => {
  const { post, socket, host, core } = await api()
  const running = post('/realms/zen/eval', JSON.stringify({ code: 'forever()' }))
  const job = await until(() => socket.jobs()[0])
  const cancel = await (await post('/realms/zen/cancel?agent=ops', '')).json()
  assert.equal(cancel, { cancelled: true, realm: '7-zen-1201-03', jobId: job.jobId })
  assert.ok(socket.sent.some((m) => m.type === 'cancel' && m.jobId === job.jobId))
  const answer = await running
  assert.is(answer.status, 409)
  assert.is(
    ((await answer.json()) as { error: { message: string } }).error.message,
    'Cancelled by ops. The page may still be running the code.',
  )
  await until(() => host.files.get(LOG)?.includes('#### 🚫7-zen-1201-03 to http'))
  const idle = await (await post('/realms/zen/cancel', '')).json()
  assert.equal(idle, {
    cancelled: false,
    realm: '7-zen-1201-03',
    message: 'No job is running in 7-zen-1201-03.',
  })
  await core.close()
})

test('append takes a raw chunk in as if saved to the log; the log and registry can be read', async () => {
  const { post, get, socket, host, core } = await api()
  const chunk = '### 🗣️bot to 7-zen-1201-03\n```js\n40 + 2\n```\n'
  const appended = (await (await post('/realms/zen/append', chunk)).json()) as { jobs: string[] }
  assert.is(appended.jobs.length, 1)
  await until(() => socket.jobs()[0])
  assert.match(
    host.files.get(LOG)!,
    /### 🗣️bot to 7-zen-1201-03\n```js\n40 \+ 2\n```\n#### ⏳7-zen-1201-03 to bot/,
  )
  const tail = await (await get('/realms/7-zen-1201-03/log?tail=2')).text()
  assert.is(tail, '> Append your JavaScript snippet below to execute against this page.\n\n')
  assert.match(await (await get('/registry')).text(), /^# 👾 Daebug at http:\/\/localhost:8680\//)
  const realms = (await (await get('/realms')).json()) as { realms: Array<{ name: string }> }
  assert.equal(
    realms.realms.map((realm) => realm.name),
    ['7-zen-1201-03'],
  )
  await core.close()
})

test('bad bodies and unknown realms get specific errors', async () => {
  const { post, get, core } = await api()
  const answers = [
    await post('/realms/zen/eval', '{'),
    await post('/realms/zen/eval', JSON.stringify({ code: 1 })),
    await post('/realms/nosuch/eval', JSON.stringify({ code: '1' })),
    await get('/realms/nosuch/log'),
    await get('/realms/zen/log?tail=x'),
    await post('/realms/zen/eval', JSON.stringify({ code: 'x'.repeat(9_000_000) })),
  ]
  assert.equal(
    answers.map((answer) => answer.status),
    [400, 400, 404, 404, 400, 413],
  )
  const messages = await Promise.all(
    answers.map(
      async (answer) => ((await answer.json()) as { error: { message: string } }).error.message,
    ),
  )
  assert.match(messages[0]!, /^The body is not JSON/)
  assert.match(messages[1]!, /code/)
  assert.is(
    messages[2],
    "No connected realm matches 'nosuch'. Realms: 7-zen-1201-03 (page, http://localhost:8680/app/index.html).",
  )
  assert.is(messages[3], messages[2])
  await core.close()
})

test.run()
