import type { CapturedEvent, RealmResult } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { ConsoleLike } from './capture.js'
import type { WebSocketLike } from './channel.js'
import { CLIENT_VERSION, type PageClientOptions, startPageClient } from './client.js'
import { fakeTimers } from './fake-timers.test-util.js'
import type { PageWindow } from './lifecycle.js'
import { REALM_NAME_KEY } from './realm-name.js'

type Message = { type: string; [key: string]: unknown }
type Listener = (event: Event) => void

class FakeSocket implements WebSocketLike {
  readyState = 0
  sent: string[] = []
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(data)
  }
  close(): void {
    this.readyState = 3
  }
  /** The server accepts the connection. */
  open(): void {
    this.readyState = 1
    this.onopen?.({} as Event)
  }
  receive(message: Message): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent)
  }
  /** The connection is lost. */
  drop(): void {
    this.readyState = 3
    this.onclose?.({} as CloseEvent)
  }
  messages(type?: string): Message[] {
    const all = this.sent.map((text) => JSON.parse(text) as Message)
    return type ? all.filter((message) => message.type === type) : all
  }
}

function fakeTarget() {
  const listeners = new Map<string, Listener[]>()
  return {
    addEventListener: (type: string, listener: Listener) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener])
    },
    removeEventListener: (type: string, listener: Listener) => {
      listeners.set(
        type,
        (listeners.get(type) ?? []).filter((item) => item !== listener),
      )
    },
    dispatch(type: string, event: object = {}) {
      for (const listener of listeners.get(type) ?? []) listener(event as Event)
    },
    count: (type: string) => listeners.get(type)?.length ?? 0,
  }
}

const NAME = '7-zen-1201-03'

function setup(overrides: Partial<PageClientOptions> = {}) {
  const sockets: FakeSocket[] = []
  const Socket = class extends FakeSocket {
    constructor(url: string) {
      super(url)
      sockets.push(this)
    }
  }
  const timers = fakeTimers()
  const stored = new Map([[REALM_NAME_KEY, NAME]])
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
  }
  const document = { title: 'Demo', ...fakeTarget() }
  const win = { location: { href: 'http://localhost:5173/app' }, document, ...fakeTarget() }
  const printed: Array<[string, unknown[]]> = []
  const pageConsole = {} as Required<ConsoleLike>
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir'] as const) {
    pageConsole[level] = (...args: unknown[]) => void printed.push([level, args])
  }
  let instances = 0
  const global = {}
  const options: PageClientOptions = {
    server: 'http://localhost:4000',
    global,
    window: win as PageWindow,
    console: pageConsole,
    storage,
    WebSocket: Socket,
    now: () => 1_700_000_000_000 + timers.now(),
    monotonicNow: timers.now,
    random: () => 0.5,
    instanceId: () => `instance-${++instances}`,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    ...overrides,
  }
  const client = startPageClient(options)
  const socket = (): FakeSocket => sockets[sockets.length - 1]!
  /** Opens the current socket and welcomes the realm under `name`. */
  const connect = (name = NAME) => {
    socket().open()
    socket().receive({ type: 'welcome', name, instance: client.instance })
  }
  const job = async (code: string, jobId = 'job-1'): Promise<RealmResult> => {
    socket().receive({ type: 'job', jobId, code, mode: 'eval', timeoutMs: 60_000 })
    for (let i = 0; i < 50; i++) {
      const result = socket()
        .messages('result')
        .find((message) => message.jobId === jobId)
      if (result) return result as unknown as RealmResult
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    throw new Error(`no result for ${jobId}`)
  }
  const warnings = () => printed.filter(([level]) => level === 'warn')
  return {
    client,
    sockets,
    socket,
    connect,
    job,
    timers,
    stored,
    win,
    printed,
    pageConsole,
    global,
    warnings,
    options,
  }
}

/** Job code reaches the test's fake console as `pageConsole`. */
function exposeConsole(pageConsole: ConsoleLike): void {
  ;(globalThis as { pageConsole?: ConsoleLike }).pageConsole = pageConsole
}

test.after.each(() => {
  delete (globalThis as { pageConsole?: ConsoleLike }).pageConsole
})

test('on open the realm says hello with its stored name', () => {
  const { socket, client } = setup()
  assert.is(socket().url, 'ws://localhost:4000/__daebug/realm')
  socket().open()
  assert.equal(socket().messages(), [
    {
      type: 'hello',
      name: NAME,
      instance: client.instance,
      kind: 'page',
      url: 'http://localhost:5173/app',
      title: 'Demo',
      version: client.version,
    },
  ])
})

test('a welcome under another name is stored and used from then on', () => {
  const { client, connect, stored, socket } = setup()
  connect('12-moss-1201-04')
  assert.is(client.name, '12-moss-1201-04')
  assert.is(stored.get(REALM_NAME_KEY), '12-moss-1201-04')
  assert.ok(client.connected)
  socket().drop()
  assert.not.ok(client.connected)
})

test('an expression job answers with its JSON value', async () => {
  const { connect, job } = setup()
  connect()
  const result = await job('1 + 1')
  assert.equal(
    { ...result, durationMs: 0 },
    {
      type: 'result',
      jobId: 'job-1',
      ok: true,
      value: '2',
      text: '2',
      durationMs: 0,
      events: [],
      omitted: 0,
    },
  )
})

test('statement code may return its value', async () => {
  const { connect, job } = setup()
  connect()
  // As the server prepares code with a top-level `return` (SPEC §3.1).
  const result = await job(
    '(async () => {\nconst doubled = [1, 2].map((n) => n * 2)\nreturn doubled\n})()',
  )
  assert.is(result.value, '[\n  2,\n  4\n]')
})

test('a thrown error fails the job with its stack', async () => {
  const { connect, job } = setup()
  connect()
  const result = await job("throw new Error('boom')")
  assert.is(result.ok, false)
  assert.is(result.error?.name, 'Error')
  assert.is(result.error?.message, 'boom')
  assert.ok(result.text.startsWith('Error: boom\n'))
})

test('a rejected promise fails the job', async () => {
  const { connect, job } = setup()
  connect()
  const result = await job("(async () => {\nawait Promise.reject(new TypeError('nope'))\n})()")
  assert.is(result.ok, false)
  assert.ok(result.text.startsWith('TypeError: nope'))
})

test('a thrown non-error is reported as Uncaught, as DevTools shows it', async () => {
  const { connect, job } = setup()
  connect()
  const result = await job("throw 'x'")
  assert.equal(
    [result.ok, result.text, result.error],
    [false, "Uncaught 'x'", { name: 'Uncaught', message: "'x'", stack: "Uncaught 'x'" }],
  )
  const object = await job('throw {code: 1}', 'job-2')
  assert.is(object.text, 'Uncaught { code: 1 }')
})

test('values that are no JSON are previewed', async () => {
  const { connect, job } = setup()
  connect()
  const texts: string[] = []
  const codes = ['\nvar a = {}; a.a = a; a', '\n12n', '\nundefined', '\n(function f() {})']
  for (const [index, code] of codes.entries()) {
    const result = await job(code, `job-${index}`)
    assert.is(result.ok, true)
    assert.is(result.value, undefined)
    texts.push(result.text)
  }
  assert.equal(texts, ['<ref *1> { a: [Circular *1] }', '12n', 'undefined', '[Function: f]'])
})

test('console calls during a job go to its result, not to the background', async () => {
  const { connect, job, socket, timers, printed, pageConsole } = setup()
  exposeConsole(pageConsole)
  connect()
  const result = await job("pageConsole.log('a', 1); pageConsole.warn({ b: 2 }); 3")
  assert.equal(
    result.events.map(({ level, text, json }) => ({ level, text, json })),
    [
      { level: 'log', text: 'a 1', json: undefined },
      { level: 'warn', text: '{\n  "b": 2\n}', json: true },
    ],
  )
  assert.equal(printed, [
    ['log', ['a', 1]],
    ['warn', [{ b: 2 }]],
  ])
  timers.advance(5000)
  assert.equal(socket().messages('events'), [])
})

test('a job that logs 25 times reports the first 2, the last 8 and 15 omitted', async () => {
  const { connect, job, pageConsole } = setup()
  exposeConsole(pageConsole)
  connect()
  const result = await job('for (let i = 0; i < 25; i++) pageConsole.log("line " + i)')
  assert.equal(
    result.events.map((event) => event.text),
    ['0', '1', '17', '18', '19', '20', '21', '22', '23', '24'].map((i) => `"line ${i}"`),
  )
  assert.is(result.omitted, 15)
})

test('console calls outside jobs are flushed once, a second later', () => {
  const { connect, socket, timers, pageConsole } = setup()
  connect()
  pageConsole.log('first')
  timers.advance(500)
  pageConsole.error('second', 2)
  timers.advance(499)
  assert.equal(socket().messages('events'), [])
  timers.advance(1)
  const [message, ...more] = socket().messages('events')
  assert.equal(more, [])
  const events = message?.events as CapturedEvent[]
  assert.equal(
    events.map(({ location, ...event }) => event),
    [
      { level: 'log', time: 1_700_000_000_000, text: '"first"', json: true },
      { level: 'error', time: 1_700_000_000_500, text: 'second 2' },
    ],
  )
  assert.is(message?.omitted, 0)
  // The location is the page's call, not the client's wrapper.
  assert.match(String(events[0]?.location), /client\.test\.ts:\d+:\d+$/)
})

test('background events wait for the connection, and go out once it is back', () => {
  const { connect, socket, timers, pageConsole } = setup()
  pageConsole.info('early')
  timers.advance(1000)
  connect()
  assert.equal(
    socket()
      .messages('events')
      .map((message) => (message.events as unknown[]).length),
    [1],
  )
})

test('a job sent twice is evaluated once', async () => {
  const { connect, job, socket } = setup()
  connect()
  const counter = globalThis as { timesRun?: number }
  counter.timesRun = 0
  await job('timesRun += 1')
  await job('timesRun += 1')
  assert.is(counter.timesRun, 1)
  assert.is(socket().messages('result').length, 1)
  delete counter.timesRun
})

test('a reconnect says hello again as the same instance', () => {
  const { client, connect, sockets, socket, timers } = setup()
  connect()
  socket().drop()
  timers.advance(10_000)
  assert.is(sockets.length, 2)
  socket().open()
  assert.equal(
    socket()
      .messages('hello')
      .map((hello) => hello.instance),
    [client.instance],
  )
})

test('an outage prints one warning however many attempts fail', () => {
  const { connect, socket, sockets, timers, warnings } = setup()
  connect()
  socket().drop()
  for (let i = 0; i < 6; i++) {
    timers.advance(20_000)
    socket().drop()
  }
  assert.is(sockets.length, 7)
  assert.is(warnings().length, 1)
  timers.advance(20_000)
  connect()
  socket().drop()
  assert.is(warnings().length, 1, 'a blip mended by the first retry is not worth a warning')
  timers.advance(5000)
  assert.equal(socket().messages('events'), [], 'the warning itself is not captured')
  timers.advance(1000)
  socket().drop()
  assert.is(warnings().length, 2)
})

test('a WebSocket blocked by CSP is retried with backoff, warned about once, and sends nothing', () => {
  let attempts = 0
  const Blocked = class {
    constructor() {
      attempts++
      throw new DOMException('blocked', 'SecurityError')
    }
  } as unknown as PageClientOptions['WebSocket']
  const { warnings, timers } = setup({ WebSocket: Blocked })
  timers.advance(60_000)
  assert.ok(attempts > 2 && attempts < 10, `${attempts} attempts`)
  assert.is(warnings().length, 1)
  assert.match(String(warnings()[0]?.[1][0]), /Content-Security-Policy/)
})

test('a connection the CSP blocks later is reported as blocked by the CSP', () => {
  const { socket, win, warnings } = setup()
  win.document.dispatch('securitypolicyviolation', {
    blockedURI: 'ws://localhost:4000/__daebug/realm',
    effectiveDirective: 'connect-src',
  })
  socket().drop()
  assert.equal(warnings(), [
    [
      'warn',
      [
        "[daebug] http://localhost:4000: the page's Content-Security-Policy blocks ws://localhost:4000 (allow it in connect-src). Retrying in the background.",
      ],
    ],
  ])
})

test('a ping is answered with a heartbeat, and heartbeats go out every 10 s', () => {
  const { connect, socket, timers } = setup()
  connect()
  socket().receive({ type: 'ping' })
  assert.is(socket().messages('heartbeat').length, 1)
  timers.advance(30_000)
  assert.is(socket().messages('heartbeat').length, 4)
})

test('starting twice on one global keeps the first client', () => {
  const { client, sockets, options, global } = setup()
  assert.is(startPageClient(options), client)
  assert.is(sockets.length, 1)
  assert.is((global as { __daebug?: unknown }).__daebug, client)
  assert.equal(Object.keys(global), [])
  client.stop()
  assert.is((global as { __daebug?: unknown }).__daebug, undefined)
})

test('a cancelled job runs on, but its result is never sent', async () => {
  const { connect, socket, job } = setup()
  connect()
  const gate = globalThis as { releaseJob?: () => void }
  socket().receive({
    type: 'job',
    jobId: 'slow',
    code: 'await new Promise((resolve) => { releaseJob = resolve })',
    mode: 'eval',
    timeoutMs: 60_000,
  })
  socket().receive({ type: 'cancel', jobId: 'slow' })
  gate.releaseJob?.()
  await job('2', 'next')
  assert.equal(
    socket()
      .messages('result')
      .map((result) => result.jobId),
    ['next'],
  )
  delete gate.releaseJob
})

test('a result finished while disconnected is sent after the next welcome', async () => {
  const { connect, socket, timers, pageConsole } = setup()
  exposeConsole(pageConsole)
  connect()
  const gate = globalThis as { releaseJob?: () => void }
  socket().receive({
    type: 'job',
    jobId: 'across',
    code: "(async () => {\nawait new Promise((resolve) => { releaseJob = resolve }); pageConsole.log('done'); return 5\n})()",
    mode: 'eval',
    timeoutMs: 60_000,
  })
  socket().drop()
  gate.releaseJob?.()
  await new Promise((resolve) => setTimeout(resolve, 0))
  timers.advance(1000)
  connect()
  const [result] = socket().messages('result') as unknown as RealmResult[]
  assert.equal([result?.jobId, result?.value, result?.events.length], ['across', '5', 1])
  delete gate.releaseJob
})

test('past its timeout a job that never settles no longer takes the events', () => {
  const { connect, socket, timers, pageConsole } = setup()
  connect()
  socket().receive({
    type: 'job',
    jobId: 'forever',
    code: 'new Promise(() => {})',
    mode: 'eval',
    timeoutMs: 5000,
  })
  timers.advance(5000)
  pageConsole.log('later')
  timers.advance(1000)
  assert.is(socket().messages('events').length, 1)
})

test('the bfcache closes the socket on pagehide and reconnects on pageshow', () => {
  const { connect, socket, sockets, win, timers, warnings, pageConsole } = setup()
  connect()
  pageConsole.log('before leaving')
  win.dispatch('pagehide', { persisted: true })
  assert.is(socket().readyState, 3)
  assert.is(socket().messages('events').length, 1)
  timers.advance(60_000)
  assert.is(sockets.length, 1)
  win.dispatch('pageshow', { persisted: true })
  assert.is(sockets.length, 2)
  assert.equal(warnings(), [])
})

test('a tab that becomes visible reconnects at once instead of waiting for the backoff', () => {
  const { connect, socket, sockets, win, timers } = setup()
  connect()
  for (let i = 0; i < 5; i++) {
    socket().drop()
    timers.advance(20_000)
  }
  socket().drop()
  const before = sockets.length
  win.document.dispatch('visibilitychange')
  assert.is(sockets.length, before + 1)
})

test('stop restores the console and removes every listener', () => {
  const { client, pageConsole, win } = setup()
  const patched = pageConsole.log
  client.stop()
  assert.is.not(pageConsole.log, patched)
  assert.equal(['error', 'unhandledrejection', 'pagehide', 'pageshow'].map(win.count), [0, 0, 0, 0])
  assert.is(win.document.count('visibilitychange'), 0)
})

test('after its first welcome a page starts its worker host, which reports through the page', () => {
  const started: string[] = []
  let report:
    | ((status: { worker: string; status: 'unavailable'; text: string }) => void)
    | undefined
  const { connect, socket, warnings } = setup({
    hostWorker: (page) => {
      started.push(page.name)
      report = page.report
      return {
        name: `${page.name}-webworker`,
        restart: (why: string) => started.push(`restart: ${why}`),
        stop: () => started.push('stopped'),
      }
    },
  })
  assert.equal(started, [])
  connect()
  connect()
  assert.equal(started, [NAME], 'one host, however many welcomes')
  report!({ worker: `${NAME}-webworker`, status: 'unavailable', text: 'No web worker realm: x.' })
  assert.equal(socket().messages('worker'), [
    {
      type: 'worker',
      worker: `${NAME}-webworker`,
      status: 'unavailable',
      text: 'No web worker realm: x.',
    },
  ])
  assert.equal(warnings(), [['warn', ['[daebug] No web worker realm: x.']]])
  socket().receive({ type: 'restart-worker', reason: 'cancelled by http' })
  assert.equal(started, [NAME, 'restart: cancelled by http'], 'the server may restart the worker')
  connect('8-fern-1201-04')
  assert.equal(
    started,
    [NAME, 'restart: cancelled by http', 'stopped', '8-fern-1201-04'],
    'a renamed page gets a renamed worker',
  )
})

test('a server started with --no-worker gets no worker host', () => {
  let started = 0
  const { socket, client } = setup({
    hostWorker: () => {
      started++
      return { name: 'x', restart() {}, stop() {} }
    },
  })
  socket().open()
  socket().receive({ type: 'welcome', name: NAME, instance: client.instance, worker: false })
  assert.is(started, 0)
})

test('a worker realm says hello as a worker, under its fixed name, with its page', () => {
  const { connect, socket } = setup({ worker: { name: `${NAME}-webworker`, parent: NAME } })
  socket().open()
  assert.equal(socket().messages('hello')[0], {
    type: 'hello',
    name: `${NAME}-webworker`,
    instance: 'instance-1',
    kind: 'worker',
    url: `worker://${NAME}-webworker`,
    parent: NAME,
    version: CLIENT_VERSION,
  })
  connect(`${NAME}-webworker`)
})

test.run()
