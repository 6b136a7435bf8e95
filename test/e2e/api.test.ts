/**
 * The HTTP API and `daebug eval` (issue 9), through the real CLI and a headless Chromium, with
 * `fetch` as an external tool would use it.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { runCli, waitFor, waitForLog, waitForRealms, withServer, withSession } from './harness.js'

test('an HTTP eval of 1+1 answers 2, and the request and reply are in the realm log', () =>
  withSession(async ({ root, server, realm }) => {
    const response = await fetch(`${server.url}__daebug/api/realms/${realm}/eval`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '1+1' }),
    })
    assert.is(response.status, 200)
    const body = (await response.json()) as Record<string, unknown>
    assert.equal([body.ok, body.value, body.text, body.realm], [true, 2, '2', realm])
    await waitForLog(
      root,
      realm,
      new RegExp(
        `### 🗣️http to ${realm} at [\\d:]+\\n\`\`\`js\\n1\\+1\\n\`\`\`\\n#### 👍${realm} to http at [\\d:]+ \\(\\d+ms\\)\\n\`\`\`JSON\\n2\\n\`\`\``,
      ),
    )
  }))

const CHECKOUT =
  '<!doctype html><html><head><title>Checkout page</title></head><body></body></html>'

test('daebug eval prints the value, matches --page by name, URL or title, exits 1 on a throw', () =>
  withServer({ 'index.html': CHECKOUT }, [], async ({ root, server, browser }) => {
    await (await browser.newPage()).goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    // The server runs on a port that is not the root's derived one: eval finds it through
    // daebug/.server.json.
    const evaluate = (args: string[]) => runCli(['eval', '--root', root, ...args])
    const byName = await evaluate(['--page', realm, 'document.title'])
    assert.equal([byName.code, byName.stdout], [0, 'Checkout page\n'], byName.stderr)
    const byTitle = await evaluate(['--page', 'checkout', 'console.log("note"); [1, 2]'])
    assert.equal([byTitle.code, byTitle.stdout], [0, '[\n  1,\n  2\n]\n'], byTitle.stderr)
    assert.match(byTitle.stderr, /log: "note"/)
    const byUrl = await evaluate(['--page', `localhost:${server.port}`, 'location.pathname'])
    assert.equal([byUrl.code, byUrl.stdout], [0, '/\n'], byUrl.stderr)
    const thrown = await evaluate(['--page', realm, 'null.x'])
    assert.is(thrown.code, 1)
    assert.match(thrown.stderr, /^TypeError: Cannot read properties of null/m)
    assert.is(thrown.stdout, '')
  }))

test('daebug eval with no server running exits 2 with a hint', async () => {
  const run = await runCli(['eval', '--root', '/tmp', '--port', '9', '1'])
  assert.is(run.code, 2)
  assert.match(run.stderr, /^daebug: no Daebug server is running for \/tmp: start one with/)
})

test('cancelling a stuck job in a worker answers it and restarts the worker, which runs the next job', () =>
  withSession(async ({ root, server }) => {
    const [worker] = (await waitForRealms(root, 1, 10_000, 'worker')) as [string]
    const api = `${server.url}__daebug/api/realms/${worker}`
    const stuck = fetch(`${api}/eval`, {
      method: 'POST',
      body: JSON.stringify({ code: 'while (true) {}' }),
    })
    await waitForLog(root, worker, /executing/)
    const cancel = (await (await fetch(`${api}/cancel`, { method: 'POST' })).json()) as {
      cancelled: boolean
    }
    assert.is(cancel.cancelled, true)
    const answer = await stuck
    assert.is(answer.status, 409)
    await waitForLog(
      root,
      worker,
      /#### 🚫\S+ to http at [\d:]+ \([\d,.]+m?s\)\n```Text\nCancelled by http\.\n```/,
    )
    const next = await waitFor(
      'the restarted worker to answer',
      async () => {
        const response = await fetch(`${api}/eval`, {
          method: 'POST',
          body: JSON.stringify({ code: '6 * 7', timeout: 2000 }),
        })
        const body = (await response.json()) as { value?: number }
        return body.value === 42 ? body : undefined
      },
      20_000,
    )
    assert.is(next.value, 42)
  }))

test('malformed JSON, unknown realms and oversized bodies get the documented errors on every route, and the server keeps serving', () =>
  withSession(async ({ server, realm }) => {
    const api = `${server.url}__daebug/api`
    const cases: Array<[string, RequestInit, number, string]> = [
      [`${api}/realms/${realm}/eval`, { method: 'POST', body: '{' }, 400, 'BAD_MESSAGE'],
      [`${api}/realms/${realm}/eval`, { method: 'POST', body: '{"code": 1}' }, 400, 'BAD_MESSAGE'],
      [`${api}/realms/nosuch/eval`, { method: 'POST', body: '{"code": "1"}' }, 404, 'NO_REALM'],
      [`${api}/realms/nosuch/log`, {}, 404, 'NO_REALM'],
      [`${api}/realms/nosuch/cancel`, { method: 'POST' }, 404, 'NO_REALM'],
      [
        `${api}/realms/${realm}/eval`,
        { method: 'POST', body: `{"code": "${'x'.repeat(9_000_000)}"}` },
        413,
        'TOO_LARGE',
      ],
      [`${api}/tests/run`, { method: 'POST', body: '[' }, 400, 'BAD_MESSAGE'],
      [`${api}/tests/run`, { method: 'POST', body: '{"realm": "nosuch"}' }, 400, 'BAD_MESSAGE'],
      [`${api}/tests/discover`, { method: 'POST', body: '{"files": 3}' }, 400, 'BAD_MESSAGE'],
      [`${api}/tests/discover`, { method: 'POST', body: 'x'.repeat(70_000) }, 413, 'TOO_LARGE'],
    ]
    for (const [url, init, status, code] of cases) {
      const response = await fetch(url, init)
      const body = (await response.json()) as { error?: { code: string; message: string } }
      assert.equal(
        [response.status, body.error?.code],
        [status, code],
        `${init.method ?? 'GET'} ${url}`,
      )
      assert.ok(body.error!.message.length > 10)
    }
    const health = await fetch(`${api}/health`)
    assert.equal([health.status, ((await health.json()) as { ok: boolean }).ok], [200, true])
  }))

test.run()
