/**
 * The WebSocket relay (issue 9) with the `ws` package, as an external tool would use it: runs,
 * their events and their one terminal event, `RUN_IN_PROGRESS`, a tab closed mid-run, `tree`,
 * `run {watch: true}`, and the errors for bad messages.
 */
import { cp, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket from 'ws'
import {
  launchBrowser,
  makeRoot,
  removeRoot,
  type ServerProcess,
  startServer,
  waitFor,
  waitForRealms,
} from './harness.js'

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'demo')

type Message = Record<string, unknown> & { type: string }

/** A relay client that keeps every message it received. */
async function relayClient(server: ServerProcess) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}__daebug/ws`)
  const received: Message[] = []
  socket.on('message', (data) => received.push(JSON.parse(String(data))))
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  let seen = 0
  return {
    received,
    send: (message: unknown) =>
      socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    /** The next message (after those already taken) that `match` accepts. */
    next: (match: (message: Message) => boolean, ms = 20_000) =>
      waitFor(
        'a relay message',
        () => {
          const index = received.findIndex((message, at) => at >= seen && match(message))
          if (index === -1) return undefined
          seen = index + 1
          return received[index]!
        },
        ms,
      ),
    close: () => socket.close(),
  }
}

/** The demo app in a fresh root, served, with one tab open on it. */
async function withDemo(
  body: (served: {
    root: string
    server: ServerProcess
    tab: import('playwright-core').Page
    realm: string
  }) => Promise<void>,
) {
  const root = await makeRoot()
  await cp(DEMO, root, { recursive: true })
  const server = await startServer(root)
  const browser = await launchBrowser()
  try {
    const tab = await browser.newPage()
    await tab.goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    await body({ root, server, tab, realm })
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
}

test('a run streams run:start, a test event per test, and one run:complete matching the log; a second run is refused', () =>
  withDemo(async ({ root, server, realm }) => {
    const client = await relayClient(server)
    client.send({ type: 'hello', role: 'client', name: 'script' })
    const connected = await client.next((m) => m.type === 'connected')
    assert.ok((connected.realms as Array<{ name: string }>).some((r) => r.name === realm))
    client.send({ type: 'run', scope: 'all', id: 'r1' })
    const start = await client.next((m) => m.type === 'run:start')
    assert.is(start.id, 'r1')
    client.send({ type: 'run', scope: 'all', id: 'r2' })
    const refused = await client.next((m) => m.type === 'error')
    assert.equal([refused.id, refused.code], ['r2', 'RUN_IN_PROGRESS'])
    const complete = await client.next((m) => m.type === 'run:complete')
    const events = client.received.filter(
      (m) => m.runId === start.runId && String(m.type).startsWith('test:'),
    )
    const finished = events.filter(
      (m) => m.type !== 'test:start' && !(m.data as { details?: { type?: string } }).details?.type,
    )
    assert.equal(finished.map((m) => m.type).sort(), [
      'test:fail',
      'test:pass',
      'test:pass',
      'test:pass',
      'test:pass',
      'test:skip',
      'test:todo',
    ])
    assert.ok(events.every((m) => typeof m.id === 'string' && m.realm === realm))
    assert.is(client.received.filter((m) => m.type === 'run:complete').length, 1)
    const summary = complete.summary as Record<string, number>
    const log = await readFile(join(root, 'daebug', `${realm}.md`), 'utf8')
    const report = /## Test Results: (\d+) pass, (\d+) fail, (\d+) skip, (\d+) todo/.exec(log)
    assert.ok(report, 'the log has the report')
    assert.equal(
      [summary.passed, summary.failed, summary.skipped, summary.todo],
      report!.slice(1).map(Number),
    )
    assert.is(complete.aborted, undefined)
    client.close()
  }))

test('tree lists the suites and tests of the demo without running them', () =>
  withDemo(async ({ server }) => {
    const client = await relayClient(server)
    client.send({ type: 'tree', id: 't' })
    const result = await client.next((m) => m.type === 'tree:result')
    const tree = result.tree as Array<{ id: string; children: Array<Record<string, unknown>> }>
    assert.equal(
      tree.map((file) => file.id),
      ['tests/counter.test.js', 'tests/page.test.js'],
    )
    const suite = tree[0]!.children[0] as {
      type: string
      id: string
      children: Array<{ id: string }>
    }
    assert.equal([suite.type, suite.id], ['suite', 'tests/counter.test.js#counter'])
    assert.ok(
      suite.children.some((t) => t.id === 'tests/counter.test.js#counter › reset keeps the step'),
    )
    client.close()
  }))

test('closing the tab mid-run ends the run with run:complete and aborted', async () => {
  const root = await makeRoot({
    'slow.test.js':
      "import { test } from 'node:test'\ntest('slow', () => new Promise((resolve) => setTimeout(resolve, 5000)))\n",
  })
  const server = await startServer(root)
  const browser = await launchBrowser()
  try {
    const tab = await browser.newPage()
    await tab.goto(server.url)
    await waitForRealms(root)
    const client = await relayClient(server)
    client.send({ type: 'run', scope: 'all' })
    await client.next((m) => m.type === 'run:start')
    // node:test reports a test's start when it reports its result: wait for the test to be running.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await tab.close()
    const complete = await client.next((m) => m.type === 'run:complete')
    assert.match(String(complete.aborted), /disconnected/, JSON.stringify(complete))
    client.close()
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
})

test('run {watch: true} runs again after a test file is edited, until cancelled', () =>
  withDemo(async ({ root, server }) => {
    const client = await relayClient(server)
    client.send({ type: 'run', scope: 'file', id: 'tests/counter.test.js', watch: true })
    const first = await client.next((m) => m.type === 'run:complete')
    assert.is((first.summary as { failed: number }).failed, 1)
    const counter = join(root, 'counter.js')
    const file = join(root, 'tests', 'counter.test.js')
    await writeFile(
      counter,
      (await readFile(counter, 'utf8')).replace('...createCounter() }', 'value: 0 }'),
    )
    await writeFile(file, `${await readFile(file, 'utf8')}\n`)
    await client.next((m) => m.type === 'tree:changed')
    const second = await client.next((m) => m.type === 'run:complete')
    assert.is(second.runId, first.runId)
    assert.is((second.summary as { failed: number }).failed, 0)
    client.send({ type: 'cancel', runId: first.runId })
    client.send({ type: 'cancel', runId: first.runId, id: 'again' })
    const unknown = await client.next((m) => m.type === 'error')
    assert.equal([unknown.id, unknown.code], ['again', 'INVALID_ID'])
    client.close()
  }))

test('malformed JSON, unknown types and unknown realms get errors, and the server keeps serving', () =>
  withDemo(async ({ server, realm }) => {
    const client = await relayClient(server)
    client.send('{nope')
    client.send({ type: 'runn', id: 'a' })
    client.send({ type: 'eval', id: 'b', realm: 'nosuch', code: '1' })
    client.send({ type: 'hello', role: 'realm', id: 'c' })
    client.send({ type: 'eval', id: 'e', code: 'x'.repeat(9_000_000) })
    const errors = await waitFor('five errors', () => {
      const found = client.received.filter((m) => m.type === 'error')
      return found.length >= 5 ? found : undefined
    })
    // The eval is answered once the realm was looked up: it may come after the later error.
    assert.equal(
      errors.map((m) => [m.id, m.code]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        ['a', 'UNKNOWN_COMMAND'],
        ['b', 'NO_REALM'],
        ['c', 'BAD_MESSAGE'],
        [undefined, 'BAD_MESSAGE'],
        [undefined, 'TOO_LARGE'],
      ],
    )
    client.send({ type: 'eval', id: 'd', realm, code: '6 * 7' })
    const result = await client.next((m) => m.type === 'eval:result')
    assert.equal([result.id, result.value], ['d', 42])
    const health = await fetch(`${server.url}__daebug/api/health`)
    assert.is(health.status, 200)
    client.close()
  }))

test.run()
