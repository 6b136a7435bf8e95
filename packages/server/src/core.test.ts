import { FOOTER, formatLogHeader, parseRegistry, REPLY_TEXT } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { DaebugCore } from './core.js'
import { fakeSocket, LOG, ROOT, setup, until } from './core-harness.test-util.js'
import { type MemoryHost, memoryHost } from './memory-host.test-util.js'

test('a realm that says hello while the server stops is let go, not welcomed', async () => {
  const { core } = await setup()
  await core.close()
  const late = fakeSocket()
  core.connect(late).message(
    JSON.stringify({
      type: 'hello',
      name: 'late',
      instance: 'x',
      kind: 'worker',
      url: 'worker://late',
    }),
  )
  await new Promise((done) => setTimeout(done, 20))
  assert.ok(late.closed)
  assert.equal(late.sent, [])
  assert.not.ok(core.realms.has('late'))
})

test('a connecting realm is welcomed, gets its log, and appears in the registry', async () => {
  const { host, socket, core } = await setup()
  assert.equal(socket.sent[0], {
    type: 'welcome',
    name: '7-zen-1201-03',
    instance: 'i1',
    worker: true,
  })
  assert.is(host.files.get(LOG), formatLogHeader('7-zen-1201-03'))
  assert.is(host.files.get(`${ROOT}/daebug/.gitignore`), '*\n')
  const registry = await until(() => {
    const text = host.files.get(`${ROOT}/daebug.md`)
    return text && parseRegistry(text).realms.length ? parseRegistry(text) : undefined
  })
  assert.equal(
    registry.realms.map((realm) => [realm.name, realm.state]),
    [['7-zen-1201-03', 'live']],
  )
  await core.close()
})

test('code that does not parse is answered with a SyntaxError and never delivered', async () => {
  const { host, socket, core } = await setup()
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\nlet ok = 1\nlet = =\n\`\`\`\n`)
  const log = await until(() => {
    const text = host.files.get(LOG)
    return text?.includes('🚫') ? text : undefined
  })
  assert.match(log, '```Error\nSyntaxError: Unexpected token (line 2, column 7 of your code)\n```')
  assert.equal(socket.jobs(), [])
  await core.close()
})

test('a fence appended by the agent is delivered once and its result lands under it', async () => {
  const { host, socket, connection, core } = await setup()
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\n1 + 1\n\`\`\`\n`)
  const job = await until(() => socket.jobs()[0])
  // The realm gets the REPL rewrite of the code (SPEC §3.1): its own first line, then the code.
  assert.equal([job.code, job.mode], ['\n1 + 1', 'eval'])
  host.clock.now += 5
  connection.message(
    JSON.stringify({
      type: 'result',
      jobId: job.jobId,
      ok: true,
      value: '2',
      text: '2',
      durationMs: 1,
      events: [],
      omitted: 0,
    }),
  )
  const log = await until(() =>
    host.files.get(LOG)?.includes('👍') ? host.files.get(LOG) : undefined,
  )
  assert.ok(
    log.endsWith(
      `\`\`\`js\n1 + 1\n\`\`\`\n#### 👍7-zen-1201-03 to agent at 12:00:00 (5ms)\n\`\`\`JSON\n2\n\`\`\`\n\n${FOOTER}`,
    ),
  )
  host.agentWrite(LOG, `${log}`)
  await new Promise((done) => setTimeout(done, 120))
  assert.is(socket.jobs().length, 1, 'the same request is never delivered twice')
  await core.close()
})

test('a result for a job id that was not delivered to this instance is ignored', async () => {
  const { host, socket, connection, core } = await setup()
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\nx\n\`\`\`\n`)
  const job = await until(() => socket.jobs()[0])
  connection.message(
    JSON.stringify({
      type: 'result',
      jobId: 'forged',
      ok: true,
      value: '1',
      text: '1',
      durationMs: 1,
      events: [],
      omitted: 0,
    }),
  )
  const other = core.connect(fakeSocket())
  other.message(
    JSON.stringify({
      type: 'result',
      jobId: job.jobId,
      ok: true,
      value: '1',
      text: '1',
      durationMs: 1,
      events: [],
      omitted: 0,
    }),
  )
  await new Promise((done) => setTimeout(done, 50))
  assert.not.match(host.files.get(LOG)!, /👍/u)
  await core.close()
})

test('a time-out replies 🚫, lets the next job run, and a late result becomes a note', async () => {
  const { host, socket, connection, core } = await setup(100)
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\nslow()\n\`\`\`\n\`\`\`js\nfast()\n\`\`\`\n`)
  const first = await until(() => socket.jobs()[0])
  const log = await until(() =>
    host.files.get(LOG)?.includes('Timed out') ? host.files.get(LOG) : undefined,
  )
  assert.match(
    log,
    /slow\(\)\n```\n#### 🚫7-zen-1201-03 to agent at [\d:]+ \(100ms\)\n```Text\nTimed out after 0\.1s; the realm may still be running the code\.\n```/,
  )
  // The second fence of the same request is not run after the first failed.
  await until(() => host.files.get(LOG)?.includes('Not run: an earlier block'))
  assert.is(socket.jobs().length, 1)
  connection.message(
    JSON.stringify({
      type: 'result',
      jobId: first.jobId,
      ok: true,
      value: '"late"',
      text: '"late"',
      durationMs: 1,
      events: [],
      omitted: 0,
    }),
  )
  await until(() => host.files.get(LOG)?.includes('Late result for the request at 12:00:00'))
  await core.close()
})

test('a realm that disconnects during a job gets a 🚫 reply and shows as disconnected', async () => {
  const { host, socket, connection, core } = await setup()
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\nwork()\n\`\`\`\n`)
  await until(() => socket.jobs()[0])
  connection.close()
  await until(() => host.files.get(LOG)?.includes('Interrupted: the realm disconnected'))
  const registry = await until(() => {
    const realms = parseRegistry(host.files.get(`${ROOT}/daebug.md`) ?? '').realms
    return realms[0]?.state === 'disconnected' ? realms : undefined
  })
  assert.is(registry.length, 1)
  await core.close()
})

test('%%SHUTDOWN%% in the registry asks the server to stop; close interrupts running jobs', async () => {
  const { host, socket, core, shutdowns } = await setup()
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\nforever()\n\`\`\`\n`)
  await until(() => socket.jobs()[0])
  host.agentWrite(`${ROOT}/daebug.md`, `${host.files.get(`${ROOT}/daebug.md`)}%%SHUTDOWN%%\n`)
  await until(() => shutdowns.length)
  await core.close()
  assert.match(
    host.files.get(LOG)!,
    /forever\(\)\n```\n#### 🚫7-zen-1201-03 to agent at [\d:]+\n```Text\nInterrupted: the server shut down\.\n```/,
  )
  assert.match(host.files.get(`${ROOT}/daebug.md`)!, /^# 👾 Daebug stopped at /u)
})

test('on start, a slot a previous server left executing is marked interrupted', async () => {
  const host = memoryHost()
  host.files.set(
    LOG,
    `${formatLogHeader('7-zen-1201-03')}`.replace(
      FOOTER,
      `\`\`\`js\nx\n\`\`\`\n#### ⏳7-zen-1201-03 to agent at 11:00:00\nexecuting (3s)\n\n${FOOTER}`,
    ),
  )
  const core = new DaebugCore({ root: ROOT, host, url: 'http://localhost:8680/', timeoutMs: 1000 })
  await core.start()
  assert.match(
    host.files.get(LOG)!,
    /#### 🚫7-zen-1201-03 to agent at 12:00:00\n```Text\nInterrupted: the server restarted\.\n```/,
  )
  await core.close()
})

test('a reload keeps the realm, shows reloaded, and the next job makes it live again', async () => {
  const { host, core, connection } = await setup()
  connection.close()
  const reloaded = fakeSocket()
  const again = core.connect(reloaded)
  again.message(
    JSON.stringify({
      type: 'hello',
      name: '7-zen-1201-03',
      instance: 'i2',
      kind: 'page',
      url: 'http://localhost:8680/',
    }),
  )
  const registry = () => parseRegistry(host.files.get(`${ROOT}/daebug.md`) ?? '').realms
  await until(() => registry()[0]?.state === 'reloaded')
  assert.equal(reloaded.sent[0], {
    type: 'welcome',
    name: '7-zen-1201-03',
    instance: 'i2',
    worker: true,
  })
  host.agentWrite(LOG, `${host.files.get(LOG)}\`\`\`js\n1\n\`\`\`\n`)
  const job = await until(() => reloaded.jobs()[0])
  again.message(
    JSON.stringify({
      type: 'result',
      jobId: job.jobId,
      ok: true,
      value: '1',
      text: '1',
      durationMs: 1,
      events: [],
      omitted: 0,
    }),
  )
  await until(() => registry()[0]?.state === 'live')
  await core.close()
})

test('a second instance under a connected name is renamed; a reload keeps the name', async () => {
  const { host, core } = await setup()
  const twin = fakeSocket()
  const twinConnection = core.connect(twin)
  // The first instance answers the ping: it is a duplicated tab.
  const original = core.realms.get('7-zen-1201-03')!
  const answer = setInterval(() => {
    original.lastSeen = host.now() + 1
  }, 10)
  twinConnection.message(
    JSON.stringify({
      type: 'hello',
      name: '7-zen-1201-03',
      instance: 'i2',
      kind: 'page',
      url: 'http://localhost:8680/',
    }),
  )
  const welcome = await until(() => twin.sent.find((m) => m.type === 'welcome'), 3000)
  clearInterval(answer)
  assert.is.not(welcome.name, '7-zen-1201-03')
  await core.close()
})

// Web worker realms (SPEC §3.5): the page reports what happened to its worker.

const WORKER = '7-zen-1201-03-webworker'
const WORKER_LOG = `${ROOT}/daebug/7-zen-1201-03-webworker.md`
const RESTARTED = 'worker unresponsive for 6 s; restarted'
const FAILED = 'worker restarted 10 times in 10 minutes; no more restarts until the page reloads'

async function connectWorker(core: DaebugCore, host: MemoryHost, instance = 'w1') {
  const socket = fakeSocket()
  const connection = core.connect(socket)
  connection.message(
    JSON.stringify({
      type: 'hello',
      name: WORKER,
      instance,
      kind: 'worker',
      url: `worker://${WORKER}`,
      parent: '7-zen-1201-03',
    }),
  )
  await until(() => socket.sent.find((m) => m.type === 'welcome'))
  await until(() => host.files.get(WORKER_LOG))
  return { socket, connection }
}

/** Appends a request to the worker's log and waits for its delivery. */
async function runInWorker(host: MemoryHost, socket: ReturnType<typeof fakeSocket>, code: string) {
  host.agentWrite(WORKER_LOG, `${host.files.get(WORKER_LOG)}\`\`\`js\n${code}\n\`\`\`\n`)
  return until(() => socket.jobs()[0])
}

function report(status: 'restarted' | 'failed' | 'unavailable', text: string, worker = WORKER) {
  return JSON.stringify({ type: 'worker', worker, status, text })
}

function result(jobId: unknown) {
  return JSON.stringify({
    type: 'result',
    jobId,
    ok: true,
    value: '1',
    text: '1',
    durationMs: 1,
    events: [],
    omitted: 0,
  })
}

/** The log from the request's fence on, without the footer. */
function after(log: string | undefined, fence: string): string {
  const text = log ?? ''
  return text.slice(text.indexOf(fence), text.lastIndexOf(FOOTER))
}

function registryStates(host: MemoryHost): string[][] {
  return parseRegistry(host.files.get(`${ROOT}/daebug.md`) ?? '').realms.map((realm) => [
    realm.name,
    realm.url,
    realm.state,
  ])
}

const STUCK_REPLY = [
  '```js\nwhile (true) {}\n```',
  `#### 🚫${WORKER} to agent at 12:00:00`,
  '```Text',
  RESTARTED,
  '```',
  '',
  '#### 🛠️System at 12:00:00',
  '```Text',
  RESTARTED,
  '```',
  '',
  '',
].join('\n')

test('a restarted worker answers its running job once with the page’s reason, then notes it', async () => {
  const { host, core, connection } = await setup()
  const worker = await connectWorker(core, host)
  const job = await runInWorker(host, worker.socket, 'while (true) {}')
  connection.message(report('restarted', RESTARTED))
  await until(() => host.files.get(WORKER_LOG)?.includes('🛠️System'))
  // A result the old worker sent before it was terminated arrives late: it is no second reply.
  worker.connection.message(result(job.jobId))
  worker.connection.close()
  await new Promise((done) => setTimeout(done, 1200))
  assert.is(after(host.files.get(WORKER_LOG), '```js'), STUCK_REPLY)
  await core.close()
})

test('a worker whose socket closes before the page reports the restart still gets one reply, with the reason', async () => {
  const { host, core, connection } = await setup()
  const worker = await connectWorker(core, host)
  await runInWorker(host, worker.socket, 'while (true) {}')
  worker.connection.close()
  await new Promise((done) => setTimeout(done, 50))
  connection.message(report('restarted', RESTARTED))
  await until(() => host.files.get(WORKER_LOG)?.includes('🛠️System'))
  await new Promise((done) => setTimeout(done, 1200))
  assert.is(after(host.files.get(WORKER_LOG), '```js'), STUCK_REPLY)
  await core.close()
})

test('after a restart report, the next request waits for the new worker instead of the stuck one', async () => {
  const { host, core, connection } = await setup()
  const stuck = await connectWorker(core, host, 'w1')
  await runInWorker(host, stuck.socket, 'while (true) {}')
  connection.message(
    JSON.stringify({
      type: 'worker',
      worker: WORKER,
      status: 'restarted',
      text: RESTARTED,
      instance: 'w1',
    }),
  )
  await until(() => host.files.get(WORKER_LOG)?.includes('🛠️System'))
  assert.ok(stuck.socket.closed, 'the stuck worker is let go')
  host.agentWrite(WORKER_LOG, `${host.files.get(WORKER_LOG)}\`\`\`js\nself.name\n\`\`\`\n`)
  await new Promise((done) => setTimeout(done, 100))
  assert.is(stuck.socket.jobs().length, 1, 'nothing more goes to the stuck worker')
  const fresh = await connectWorker(core, host, 'w2')
  const job = await until(() => fresh.socket.jobs()[0])
  assert.is(job.code, '\nself.name')
  await core.close()
})

test('a restart report about an older instance leaves a newer worker connected', async () => {
  const { host, core, connection } = await setup()
  await connectWorker(core, host, 'w1')
  const fresh = await connectWorker(core, host, 'w2')
  connection.message(
    JSON.stringify({
      type: 'worker',
      worker: WORKER,
      status: 'restarted',
      text: RESTARTED,
      instance: 'w1',
    }),
  )
  await until(() => host.files.get(WORKER_LOG)?.includes('🛠️System'))
  assert.not.ok(fresh.socket.closed)
  await core.close()
})

test("a worker's imports resolve against its page's URL and through its page's import map", async () => {
  const { host, core } = await setup()
  const worker = await connectWorker(core, host)
  const job = await runInWorker(host, worker.socket, "import { x } from './m.js'\nimport 'lit'")
  assert.is(
    job.code,
    '((run) => run())(async () => {\n;void ({x: x} = await import("http://localhost:8680/app/m.js"));\n;await import("http://localhost:8680/vendor/lit.js");\n})',
  )
  await core.close()
})

test('a worker whose socket closes with no report from its page gets the disconnect reply', async () => {
  const { host, core } = await setup()
  const worker = await connectWorker(core, host)
  await runInWorker(host, worker.socket, 'work()')
  worker.connection.close()
  const log = await until(() => {
    const text = host.files.get(WORKER_LOG)
    return text?.includes('🚫') ? text : undefined
  }, 3000)
  assert.match(log, `\n\`\`\`Text\n${REPLY_TEXT.disconnected('closed')}\n\`\`\``)
  await core.close()
})

test('a failed worker shows failed, its job ends with the reason, and a new worker clears it', async () => {
  const { host, core, connection } = await setup()
  const worker = await connectWorker(core, host)
  await runInWorker(host, worker.socket, 'while (true) {}')
  connection.message(report('failed', FAILED))
  const failed = [WORKER, `worker://${WORKER}`, 'failed']
  await until(() => registryStates(host).some((line) => line.join() === failed.join()))
  await until(() => host.files.get(WORKER_LOG)?.includes('🛠️System'))
  assert.is(after(host.files.get(WORKER_LOG), '```js'), STUCK_REPLY.replaceAll(RESTARTED, FAILED))
  // The terminated worker's socket closing afterwards changes nothing.
  worker.connection.close()
  await new Promise((done) => setTimeout(done, 50))
  assert.ok(registryStates(host).some((line) => line.join() === failed.join()))
  await connectWorker(core, host, 'w2')
  await until(() => registryStates(host).find((line) => line[0] === WORKER)?.[2] === 'reloaded')
  await core.close()
})

test('a worker that failed before it ever connected is listed as failed, with its log saying why', async () => {
  const { host, core, connection } = await setup()
  connection.message(report('failed', FAILED))
  await until(() => registryStates(host).some((line) => line[0] === WORKER))
  await until(() => host.files.get(WORKER_LOG)?.includes('🛠️System'))
  assert.equal(
    [
      registryStates(host).find((line) => line[0] === WORKER),
      host.files
        .get(WORKER_LOG)
        ?.endsWith(`#### 🛠️System at 12:00:00\n\`\`\`Text\n${FAILED}\n\`\`\`\n\n${FOOTER}`),
    ],
    [[WORKER, `worker://${WORKER}`, 'failed'], true],
  )
  await core.close()
})

test('a worker that cannot be created is explained in the page’s own log', async () => {
  const { host, core, connection } = await setup()
  const why = "no web worker: Content-Security-Policy worker-src 'none' refused it"
  connection.message(report('unavailable', why))
  const log = await until(() => {
    const text = host.files.get(LOG)
    return text?.includes('🛠️System') ? text : undefined
  })
  assert.ok(log.endsWith(`#### 🛠️System at 12:00:00\n\`\`\`Text\n${why}\n\`\`\`\n\n${FOOTER}`))
  assert.is(host.files.get(WORKER_LOG), undefined)
  await core.close()
})

test('a page’s report about another page’s worker is ignored', async () => {
  const { host, core, connection } = await setup()
  const other = '9-oak-1202-07-webworker'
  const before = host.files.get(LOG)
  connection.message(report('failed', FAILED, other))
  connection.message(report('unavailable', 'blocked', other))
  connection.message(report('restarted', RESTARTED, other))
  await new Promise((done) => setTimeout(done, 100))
  assert.equal(
    [host.files.get(LOG), [...core.realms.keys()], host.files.get(`${ROOT}/daebug/${other}.md`)],
    [before, ['7-zen-1201-03'], undefined],
  )
  await core.close()
})

test('the welcome tells pages to create no worker when workers are turned off', async () => {
  const { socket, core } = await setup(60_000, { worker: false })
  assert.equal(socket.sent[0], {
    type: 'welcome',
    name: '7-zen-1201-03',
    instance: 'i1',
    worker: false,
  })
  await core.close()
})

test('a message sent right after hello, while the hello waits on a slow write, is not dropped', async () => {
  const host = memoryHost()
  const replaceText = host.fs.replaceText.bind(host.fs)
  host.fs.replaceText = async (...args: Parameters<typeof replaceText>) => {
    await new Promise((resolve) => setTimeout(resolve, 20))
    return replaceText(...args)
  }
  const core = new DaebugCore({ root: ROOT, host, url: 'http://localhost:8680/', timeoutMs: 1000 })
  await core.start()
  const connection = core.connect(fakeSocket())
  const hello = { type: 'hello', name: '7-zen-1201-03', instance: 'i1', kind: 'page' }
  connection.message(JSON.stringify({ ...hello, url: 'http://localhost:8680/' }))
  connection.message(JSON.stringify({ type: 'note', text: 'no worker here' }))
  await until(() => host.files.get(LOG)?.includes('no worker here'))
  await core.close()
})

test.run()
