import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MiddlewareHandler } from 'hono'
import type { UpgradeWebSocket } from 'hono/ws'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { nodeFs } from './adapters/node.js'
import { createDaebug, type Daebug, type DaebugOptions } from './create.js'
import { memoryHost } from './memory-host.test-util.js'

const SERVER = 'http://localhost:8680'
const WORKER_SCRIPT = 'self.postMessage("daebug worker")'

/** No WebSockets in these tests: the realm route answers 426. */
const refuseUpgrade: MiddlewareHandler = async (c) => c.text('upgrade required', 426)
const noUpgrade = (() => refuseUpgrade) as unknown as UpgradeWebSocket

const opened: Daebug[] = []

// Closed even when a test fails: an open server's timers would keep the test process alive.
test.after.each(async () => {
  for (const daebug of opened.splice(0)) await daebug.close()
})

function createServer(options: Partial<DaebugOptions> = {}): Daebug {
  const daebug = createDaebug({
    root: '/project',
    host: memoryHost(),
    url: `${SERVER}/`,
    port: 8680,
    clientScript: async () => 'window.daebug = true',
    workerScript: async () => WORKER_SCRIPT,
    upgradeWebSocket: noUpgrade,
    ...options,
  })
  opened.push(daebug)
  return daebug
}

async function getWorkerScript(daebug: Daebug, headers: Record<string, string> = {}) {
  const response = await daebug.app.request(`${SERVER}/__daebug/worker.js`, { headers })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    cache: response.headers.get('cache-control'),
    allowOrigin: response.headers.get('access-control-allow-origin'),
    vary: response.headers.get('vary'),
    body: await response.text(),
  }
}

test('the worker script is served as JavaScript to a page of an allowed origin, with CORS for it', async () => {
  const daebug = createServer({ allowOrigins: ['https://app.test'] })
  const answers = []
  for (const origin of ['http://localhost:5173', 'https://app.test']) {
    answers.push(await getWorkerScript(daebug, { origin, 'sec-fetch-site': 'cross-site' }))
  }
  const served = (origin: string) => ({
    status: 200,
    type: 'text/javascript; charset=utf-8',
    cache: 'no-cache',
    allowOrigin: origin,
    vary: 'Origin',
    body: WORKER_SCRIPT,
  })
  assert.equal(answers, [served('http://localhost:5173'), served('https://app.test')])
})

test('the worker script is refused to a foreign origin', async () => {
  const daebug = createServer()
  const answer = await getWorkerScript(daebug, {
    origin: 'https://attacker.test',
    'sec-fetch-site': 'cross-site',
  })
  assert.equal(
    [answer.status, answer.allowOrigin, answer.body.includes(WORKER_SCRIPT)],
    [403, null, false],
  )
})

test('a worker script that cannot be read answers 503 with the reason, and is tried again', async () => {
  let built = false
  const daebug = createServer({
    workerScript: async () => {
      if (!built) throw new Error("Package subpath './worker-client.js' is not defined")
      return WORKER_SCRIPT
    },
  })
  const missing = await getWorkerScript(daebug)
  built = true
  const later = await getWorkerScript(daebug)
  assert.equal(
    [missing.status, JSON.parse(missing.body).error.code, later.status, later.body],
    [503, 'LOAD_ERROR', 200, WORKER_SCRIPT],
  )
  assert.match(JSON.parse(missing.body).error.message, "'./worker-client.js' is not defined")
})

test('a server created without a worker script answers 503 instead of failing', async () => {
  const daebug = createServer({ workerScript: undefined })
  const answer = await getWorkerScript(daebug)
  assert.equal(
    [answer.status, answer.type, JSON.parse(answer.body).error.code],
    [503, 'application/json', 'LOAD_ERROR'],
  )
})

/** A real folder with an index.html (removed after the test). */
function servedRoot(html: string): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'daebug-create-')))
  writeFileSync(join(root, 'index.html'), html)
  roots.push(root)
  return root
}
const roots: string[] = []
test.after.each(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

test('the runtime modules are served under /__daebug/modules/, and pages get their import map', async () => {
  const root = servedRoot('<!doctype html><html><head><title>app</title></head></html>')
  const read = async (pkg: string, file: string) =>
    file !== 'index.js'
      ? undefined
      : pkg === 'test-runner'
        ? 'export const run = 1'
        : "import { inspect } from '@daebug/protocol'\nexport default inspect"
  const daebug = createServer({ root, host: { ...memoryHost(), fs: nodeFs }, runtimeModules: read })
  const runner = await daebug.app.request(`${SERVER}/__daebug/modules/test-runner/index.js`)
  assert.is(runner.status, 200)
  assert.is(runner.headers.get('content-type'), 'text/javascript; charset=utf-8')
  assert.is(await runner.text(), 'export const run = 1')
  // Workers have no import maps: the packages' imports of each other are served as URLs.
  const assertModule = await daebug.app.request(`${SERVER}/__daebug/modules/assert/index.js`)
  assert.is(
    await assertModule.text(),
    'import { inspect } from "/__daebug/modules/protocol/index.js"\nexport default inspect',
  )
  for (const path of [
    'test-runner/missing.js',
    'test-runner/../x.js',
    'fs/index.js',
    'assert/a/b.js',
  ]) {
    const answer = await daebug.app.request(`${SERVER}/__daebug/modules/${path}`)
    assert.is(answer.status, 404, path)
    assert.match(await answer.text(), 'serves the built files of test-runner, assert, protocol')
  }
  const page = await (await daebug.app.request(`${SERVER}/`)).text()
  const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(page)?.[1] ?? '{}')
  assert.is(map.imports['node:test'], '/__daebug/modules/test-runner/index.js')
  assert.is(map.imports['node:assert/strict'], '/__daebug/modules/assert/strict.js')
  assert.is(map.imports['@daebug/protocol'], '/__daebug/modules/protocol/index.js')
})

test('a runtime module’s imports are prepared as it is served, before a realm asks for them', async () => {
  const files: Record<string, string> = {
    'test-runner/index.js':
      "import { a } from './chunk-A.js'\nimport '@daebug/assert'\nexport const run = a",
    'test-runner/chunk-A.js':
      "import { inspect } from '@daebug/protocol'\nexport const a = inspect",
    'assert/index.js': 'export default 1',
    'protocol/index.js': 'export const inspect = 1',
  }
  const reads: string[] = []
  const read = async (pkg: string, file: string) => {
    reads.push(`${pkg}/${file}`)
    return files[`${pkg}/${file}`]
  }
  const root = servedRoot('<html></html>')
  const daebug = createServer({ root, host: { ...memoryHost(), fs: nodeFs }, runtimeModules: read })
  const served = await daebug.app.request(`${SERVER}/__daebug/modules/test-runner/index.js`)
  assert.match(
    await served.text(),
    'from \'./chunk-A.js\'\nimport "/__daebug/modules/assert/index.js"',
  )
  await new Promise((done) => setTimeout(done, 50))
  assert.equal(reads.sort(), Object.keys(files).sort(), 'the whole graph, each file once')
  const chunk = await daebug.app.request(`${SERVER}/__daebug/modules/test-runner/chunk-A.js`)
  assert.is(
    await chunk.text(),
    'import { inspect } from "/__daebug/modules/protocol/index.js"\nexport const a = inspect',
  )
})

test('a worker imports the root files under /__daebug/w/, their specifiers rewritten', async () => {
  const root = servedRoot('<html></html>')
  writeFileSync(
    join(root, 'math.test.ts'),
    "import { test } from 'node:test'\nimport { add } from '/lib/add.js'\nimport './setup.js'\nconst n: number = 1\n",
  )
  writeFileSync(join(root, '.env'), 'SECRET')
  const read = async () => undefined
  const daebug = createServer({ root, host: { ...memoryHost(), fs: nodeFs }, runtimeModules: read })
  const answer = await daebug.app.request(`${SERVER}/__daebug/w/math.test.ts`)
  assert.is(answer.status, 200)
  assert.is(answer.headers.get('content-type'), 'text/javascript; charset=utf-8')
  assert.is(
    await answer.text(),
    'import { test } from "/__daebug/modules/test-runner/index.js"\nimport { add } from "/__daebug/w/lib/add.js"\nimport \'./setup.js\'\nconst n         = 1\n',
  )
  for (const path of ['missing.js', '.env', '%2e%2e/x']) {
    const refused = await daebug.app.request(`${SERVER}/__daebug/w/${path}`)
    assert.is(refused.status === 404 || refused.status === 400, true, path)
    assert.not.match(await refused.text(), 'SECRET')
  }
})

test('without runtime modules, pages get no import map', async () => {
  const root = servedRoot('<!doctype html><html><head></head></html>')
  const daebug = createServer({ root, host: { ...memoryHost(), fs: nodeFs } })
  const page = await (await daebug.app.request(`${SERVER}/`)).text()
  assert.not.match(page, 'importmap')
})

test.run()
