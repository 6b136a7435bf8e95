import type { RealmWorkerStatus } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { fakeTimers } from './fake-timers.test-util.js'
import { startWorkerHost, type WorkerHostOptions, type WorkerLike } from './worker-host.js'

type Listener = (event: Event) => void

/** A worker double: records what the page posts, and lets the test answer for the worker. */
function fakeWorker(url: string, options: WorkerOptions) {
  const listeners: Record<string, Listener[]> = { message: [], error: [] }
  const worker = {
    url,
    options,
    posted: [] as unknown[],
    terminated: false,
    postMessage(message: unknown) {
      worker.posted.push(message)
    },
    terminate() {
      worker.terminated = true
    },
    addEventListener(type: 'message' | 'error', listener: Listener) {
      listeners[type]!.push(listener)
    },
    say(data: unknown) {
      for (const listener of listeners.message!) listener({ data } as MessageEvent)
    },
    fail(message: string) {
      for (const listener of listeners.error!) listener({ message } as ErrorEvent)
    },
  }
  return worker
}

function setup(overrides: Partial<WorkerHostOptions> = {}) {
  const timers = fakeTimers()
  const workers: ReturnType<typeof fakeWorker>[] = []
  const reports: Omit<RealmWorkerStatus, 'type'>[] = []
  const violations: Listener[] = []
  const host = startWorkerHost({
    server: 'http://127.0.0.1:8960',
    pageName: '7-zen-1201-03',
    pageOrigin: 'http://127.0.0.1:8960',
    report: (status) => reports.push(status),
    createWorker: (url, options): WorkerLike => {
      const worker = fakeWorker(url, options)
      workers.push(worker)
      return worker
    },
    blobUrl: (source) => `blob:${source}`,
    violations: {
      addEventListener: (_type, listener) => violations.push(listener),
      removeEventListener: () => {},
    },
    now: timers.now,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    ...overrides,
  })
  /** The current worker answers every ping from now on. */
  const answer = () => {
    const worker = workers.at(-1)!
    worker.say({ daebug: 'ready' })
    const post = worker.postMessage
    worker.postMessage = (message) => {
      post(message)
      if ((message as { daebug?: string }).daebug === 'ping') worker.say({ daebug: 'pong' })
    }
  }
  return { host, timers, workers, reports, violations, answer }
}

test('the worker is a module worker named after the page, and gets init', () => {
  const { workers, host } = setup()
  assert.is(host.name, '7-zen-1201-03-webworker')
  assert.is(workers[0]!.url, 'http://127.0.0.1:8960/__daebug/worker.js')
  assert.equal(workers[0]!.options, { type: 'module', name: '7-zen-1201-03-webworker' })
  assert.equal(workers[0]!.posted[0], {
    daebug: 'init',
    server: 'http://127.0.0.1:8960',
    name: '7-zen-1201-03-webworker',
    parent: '7-zen-1201-03',
  })
})

test('a server of another origin is loaded through a blob module that imports it', () => {
  const { workers } = setup({ pageOrigin: 'http://localhost:5173' })
  assert.is(workers[0]!.url, 'blob:import "http://127.0.0.1:8960/__daebug/worker.js"\n')
})

test('a worker that answers its pings is left alone', () => {
  const { timers, workers, reports, answer } = setup()
  answer()
  timers.advance(60_000)
  assert.is(workers.length, 1)
  assert.equal(reports, [])
})

test('a worker silent for 6 s is reported, terminated and created again 1 s later', () => {
  const { timers, workers, reports, answer } = setup()
  answer()
  timers.advance(2000)
  workers[0]!.postMessage = () => {} // stuck in a loop: no more pongs
  timers.advance(8000)
  assert.equal(reports, [
    {
      worker: '7-zen-1201-03-webworker',
      status: 'restarted',
      text: 'worker unresponsive for 6 s; restarted',
      silentMs: 6000,
    },
  ])
  assert.ok(workers[0]!.terminated)
  assert.is(workers.length, 2)
})

test('a restart the server asks for reports why, replaces the worker at once and is no failure', () => {
  const { host, timers, workers, reports, answer } = setup()
  answer()
  for (let i = 0; i < 12; i++) {
    host.restart('cancelled by http; restarted to stop the job')
    timers.advance(200)
    answer()
  }
  assert.is(workers.length, 13, 'a new worker each time, after the report has gone out')
  assert.ok(workers.slice(0, 12).every((worker) => worker.terminated))
  assert.equal(reports[0], {
    worker: '7-zen-1201-03-webworker',
    status: 'restarted',
    text: 'cancelled by http; restarted to stop the job',
  })
  assert.ok(
    reports.every((report) => report.status === 'restarted'),
    'requested restarts never make the worker failed',
  )
})

test('restarts back off, and after 10 in 10 minutes the worker is failed and not created again', () => {
  const { timers, workers, reports } = setup()
  for (let i = 0; i < 11; i++) {
    workers.at(-1)!.fail('boom')
    timers.advance(100)
    const count = workers.length
    while (workers.length === count && reports.at(-1)?.status !== 'failed') timers.advance(100)
  }
  timers.advance(60 * 60_000)
  assert.equal(
    reports.map((report) => report.status),
    [...Array(10).fill('restarted'), 'failed'],
  )
  assert.match(reports[0]!.text, 'worker crashed while starting (boom); restarted')
  assert.is(workers.length, 11, 'the first worker and 10 restarts, no more')
})

test('the delay before each restart doubles, up to 60 s', () => {
  const { timers, workers } = setup()
  const delays: number[] = []
  for (let i = 0; i < 8; i++) {
    workers.at(-1)!.fail('boom')
    timers.advance(100)
    const start = timers.now()
    const count = workers.length
    while (workers.length === count) timers.advance(100)
    delays.push(Math.round((timers.now() - start) / 1000) * 1000)
  }
  assert.equal(delays, [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000])
})

test('an error after the worker is ready is its own business, not a crash', () => {
  const { timers, workers, reports, answer } = setup()
  answer()
  workers[0]!.fail('an uncaught error in agent code')
  timers.advance(10_000)
  assert.equal(reports, [])
  assert.is(workers.length, 1)
})

test('a CSP that blocks workers makes it unavailable once, never retried', () => {
  const { timers, workers, reports, violations } = setup()
  workers[0]!.fail('')
  for (const listener of violations)
    listener({ effectiveDirective: 'worker-src', blockedURI: 'http://127.0.0.1:8960' } as never)
  timers.advance(10 * 60_000)
  assert.equal(reports, [
    {
      worker: '7-zen-1201-03-webworker',
      status: 'unavailable',
      text: "No web worker realm: the page's Content-Security-Policy blocks it (worker-src).",
    },
  ])
  assert.is(workers.length, 1)
})

test('a worker that cannot be created at all is unavailable, with the reason', () => {
  const { reports } = setup({
    createWorker: () => {
      throw new DOMException('blocked', 'SecurityError')
    },
  })
  assert.equal(reports, [
    {
      worker: '7-zen-1201-03-webworker',
      status: 'unavailable',
      text: 'No web worker realm: creating it failed (SecurityError: blocked).',
    },
  ])
})

test('stop terminates the worker and ends the watching', () => {
  const { host, timers, workers, reports } = setup()
  host.stop()
  timers.advance(60_000)
  assert.ok(workers[0]!.terminated)
  assert.equal(reports, [])
})

test.run()
