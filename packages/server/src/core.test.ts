import { FOOTER, formatLogHeader, parseRegistry } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { DaebugCore } from './core.js'
import { memoryHost } from './memory-host.test-util.js'

const ROOT = '/project'
const LOG = `${ROOT}/daebug/7-zen-1201-03.md`

function fakeSocket() {
  const sent: Array<Record<string, unknown>> = []
  return {
    sent,
    send: (text: string) => void sent.push(JSON.parse(text)),
    close: () => {},
    jobs: () => sent.filter((m) => m.type === 'job'),
  }
}

async function setup(timeoutMs = 60_000) {
  const host = memoryHost()
  const shutdowns: number[] = []
  const core = new DaebugCore({
    root: ROOT,
    host,
    url: 'http://localhost:8680/',
    timeoutMs,
    onShutdownRequest: () => void shutdowns.push(1),
  })
  await core.start()
  const socket = fakeSocket()
  const connection = core.connect(socket)
  connection.message(
    JSON.stringify({
      type: 'hello',
      name: '7-zen-1201-03',
      instance: 'i1',
      kind: 'page',
      url: 'http://localhost:8680/',
    }),
  )
  await until(() => host.files.get(LOG))
  return { host, core, socket, connection, shutdowns }
}

async function until<T>(check: () => T | undefined | false, ms = 2000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('condition not reached')
    await new Promise((done) => setTimeout(done, 5))
  }
}

test('a connecting realm is welcomed, gets its log, and appears in the registry', async () => {
  const { host, socket, core } = await setup()
  assert.equal(socket.sent[0], { type: 'welcome', name: '7-zen-1201-03', instance: 'i1' })
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
  assert.equal(reloaded.sent[0], { type: 'welcome', name: '7-zen-1201-03', instance: 'i2' })
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

test.run()
