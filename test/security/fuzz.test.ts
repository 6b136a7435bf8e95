/**
 * The fuzz suite (issue 10): random and mutated bodies against every HTTP route and both
 * WebSockets of a running server, and random Markdown edits to a realm's log while the server
 * parses it. Nothing may crash the server, answer 5xx, or reach its internal-error handler; it
 * must still answer `/health`. Seeded: a failure names its seed. Prints `inputs fuzzed: N`.
 */
import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import WebSocket from 'ws'
import { mulberry32 } from '../../packages/protocol/src/seeded-random.test-util.js'
import { makeRoot, removeRoot, startServer, waitFor } from '../e2e/harness.js'

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)

const rand = mulberry32(SEED)
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
const int = (max: number) => Math.floor(rand() * max)

const ODD = [
  '',
  ' ',
  '\n',
  '\u0000',
  '\ud800',
  '🙂',
  '"',
  '\\',
  '{',
  '}',
  '[',
  ']',
  '```',
  '#### 👍',
  '%%SHUTDOWN%%',
  'null',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  '../',
  '%2e%2e/',
]

function randomText(max = 40): string {
  let text = ''
  const length = int(max)
  for (let i = 0; i < length; i++)
    text += rand() < 0.2 ? pick(ODD) : String.fromCharCode(32 + int(95))
  return text
}

function randomValue(depth = 0): unknown {
  const roll = int(depth > 3 ? 6 : 9)
  if (roll === 0) return null
  if (roll === 1) return rand() < 0.5
  if (roll === 2)
    return pick([0, -1, 1.5, 2 ** 53, Number.MAX_VALUE, 1e-300, 60_000, 2_147_483_648])
  if (roll === 3) return randomText()
  if (roll === 4)
    return pick(['node:test', 'src/**/*.test.js', '/__daebug/x', 'webworker', '1 + 1'])
  if (roll === 5) return undefined
  if (roll === 6) return Array.from({ length: int(4) }, () => randomValue(depth + 1))
  const object: Record<string, unknown> = {}
  for (let i = int(5); i > 0; i--) object[pick(KEYS)] = randomValue(depth + 1)
  return object
}

const KEYS = [
  'code',
  'timeout',
  'agent',
  'files',
  'exclude',
  'realm',
  'testNamePatterns',
  'only',
  'type',
  'id',
  'role',
  'name',
  'scope',
  'pattern',
  'queue',
  'watch',
  'runId',
  'subscribe',
  'jobId',
  'events',
  'ok',
  'text',
  '__proto__',
]

/** A body: random JSON, a mutated valid one, or bytes that are no JSON at all. */
function randomBody(seeds: readonly unknown[]): string {
  const roll = rand()
  if (roll < 0.3) return JSON.stringify(randomValue()) ?? ''
  if (roll < 0.8) {
    const base = JSON.stringify({ ...(pick(seeds) as object), [pick(KEYS)]: randomValue() })
    const chars = [...base]
    for (let i = int(4); i > 0; i--) {
      const at = int(chars.length + 1)
      const op = int(3)
      if (op === 0) chars.splice(at, 1)
      else if (op === 1) chars.splice(at, 0, pick(ODD))
      else chars.splice(at, int(8))
    }
    return chars.join('')
  }
  if (roll < 0.9) return randomText(200)
  return '['.repeat(int(5000)) // deep nesting
}

const HTTP: Array<{ method: string; path: string; seeds: unknown[] }> = [
  {
    method: 'POST',
    path: '/__daebug/api/realms/REALM/eval',
    seeds: [{ code: '1 + 1' }, { code: 'x', timeout: 50, agent: 'fuzz' }],
  },
  { method: 'POST', path: '/__daebug/api/realms/REALM/append', seeds: [{ code: '1' }] },
  { method: 'POST', path: '/__daebug/api/realms/REALM/cancel', seeds: [{}] },
  { method: 'GET', path: '/__daebug/api/realms/REALM/log?tail=5', seeds: [{}] },
  {
    method: 'POST',
    path: '/__daebug/api/tests/discover',
    seeds: [{ files: ['**/*.test.js'] }, { exclude: ['x'] }],
  },
  {
    method: 'POST',
    path: '/__daebug/api/tests/run',
    seeds: [{ realm: 'nosuch', files: ['a.test.js'] }],
  },
  {
    method: 'POST',
    path: '/__daebug/realm/open',
    seeds: [{ type: 'hello', name: 'x', instance: 'i', kind: 'page', url: 'http://x/' }],
  },
  { method: 'POST', path: '/__daebug/realm/poll', seeds: [{ session: 'x' }] },
  { method: 'POST', path: '/__daebug/realm/send', seeds: [{ session: 'x', messages: [] }] },
  { method: 'GET', path: '/__daebug/api/realms', seeds: [{}] },
  { method: 'GET', path: '/__daebug/api/health', seeds: [{}] },
  { method: 'GET', path: '/__daebug/api/registry', seeds: [{}] },
]

const RELAY_SEEDS = [
  { type: 'hello', role: 'client', name: 'fuzz' },
  { type: 'status' },
  { type: 'run', scope: 'all', realm: 'nosuch' },
  { type: 'tree', realm: 'nosuch' },
  { type: 'cancel', runId: 'run-1' },
  { type: 'eval', realm: 'nosuch', code: '1' },
]
const REALM_SEEDS = [
  { type: 'heartbeat' },
  { type: 'events', events: [{ level: 'log', time: 1, text: 'x' }], omitted: 0 },
  { type: 'result', jobId: 'j', ok: true, text: '1', durationMs: 1, events: [], omitted: 0 },
  { type: 'test', jobId: 'j', events: [{ type: 'test:pass', data: {} }] },
  { type: 'note', text: 'x' },
  { type: 'worker', worker: 'w', status: 'restarted', text: 'x' },
]

async function openSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url)
  socket.on('message', () => {})
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  return socket
}

const MARKDOWN = [
  '```js\n',
  '```\n',
  '```ts\n1 as number\n```\n',
  '### 🗣️fuzz to REALM\n',
  '> **fuzz** to REALM\n',
  '#### 👍REALM to agent at 12:00:00 (1ms)\n',
  '## Test Progress: 1/2 done\n',
  '-'.repeat(70),
  '\n> Append your JavaScript snippet below to execute against this page.\n',
  '\r\n',
  '    ```js\n',
  '~~~js\n1\n~~~\n',
  '1 + 1\n',
  'throw new Error("x")\n',
  '\n\n\n',
]

test('10,000 random inputs leave the server up, with no 5xx and no internal error', async () => {
  const root = await makeRoot({
    'a.test.js': "import { test } from 'node:test'\ntest('a', () => {})\n",
  })
  const server = await startServer(root)
  let inputs = 0
  const fives: string[] = []
  const slow: string[] = []
  try {
    // A realm of our own, through the realm channel: its log is what the Markdown edits go to.
    const realmSocket = await openSocket(`${server.url.replace('http', 'ws')}__daebug/realm`)
    realmSocket.send(
      JSON.stringify({
        type: 'hello',
        name: 'fuzz-realm',
        instance: 'f1',
        kind: 'page',
        url: server.url,
      }),
    )
    const log = join(root, 'daebug', 'fuzz-realm.md')
    await waitFor('the fuzz realm log', async () =>
      (await import('node:fs/promises')).readFile(log, 'utf8'),
    )
    const relay = await openSocket(`${server.url.replace('http', 'ws')}__daebug/ws`)

    for (let round = 0; round < 7000; round++) {
      const route = pick(HTTP)
      const path = route.path.replace(
        'REALM',
        pick([
          'fuzz-realm',
          'nosuch',
          '%2e%2e',
          encodeURIComponent(randomText(10).replace(/[\ud800-\udfff]/g, '')) || 'x',
        ]),
      )
      const body = route.method === 'POST' ? randomBody(route.seeds) : undefined
      inputs++
      try {
        const response = await fetch(`${server.url}${path.slice(1)}`, {
          method: route.method,
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(1000),
        })
        await response.arrayBuffer()
        // 504 is documented: an eval whose time-out (the body's own) ran out.
        const documented = response.status === 504 && path.endsWith('/eval')
        if (response.status >= 500 && !documented)
          fives.push(`${route.method} ${path} ${body} → ${response.status}`)
      } catch (error) {
        // A valid request that waits on purpose (a run, a long time-out) is let go; the server
        // must still be up, which the health check below asks.
        if ((error as Error).name !== 'TimeoutError') throw error
        slow.push(`${route.method} ${path}`)
      }
    }
    for (let round = 0; round < 2000; round++) {
      relay.send(randomBody(RELAY_SEEDS))
      realmSocket.send(randomBody(REALM_SEEDS))
      inputs += 2
      if (round % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    for (let round = 0; round < 1000; round++) {
      let chunk = ''
      for (let i = int(4) + 1; i > 0; i--)
        chunk += rand() < 0.6 ? pick(MARKDOWN).replace('REALM', 'fuzz-realm') : randomText(60)
      await appendFile(log, chunk)
      inputs++
      if (round % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
    const health = await fetch(`${server.url}__daebug/api/health`)
    assert.is(health.status, 200, `seed ${SEED}`)
    assert.equal(fives, [], `seed ${SEED}: 5xx answers`)
    const internal = server.stderr.filter((line) => /internal error|Unhandled|uncaught/i.test(line))
    assert.equal(internal, [], `seed ${SEED}: the server's stderr`)
    assert.is(server.process.exitCode, null, `seed ${SEED}: the server exited`)
    console.log(`  inputs fuzzed: ${inputs} (seed ${SEED}); ${slow.length} waiting requests let go`)
    assert.ok(inputs >= 10_000)
    realmSocket.close()
    relay.close()
  } finally {
    await server.stop()
    await removeRoot(root)
  }
})

test.run()
