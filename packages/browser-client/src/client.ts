/**
 * The page client: names the realm, connects it, runs its jobs and captures its console. Every
 * host object (WebSocket, window, console, storage, clocks, timers, eval) can be injected, so that
 * it runs in Node tests and in embedders.
 *
 * Behaviour where SPEC is silent:
 * - a job id seen before (the last 1,000) is ignored, so a job runs once even if sent twice;
 * - `cancel`: a page cannot stop running code, so the job runs on, its events go back to the
 *   background and its result is never sent; past `timeoutMs` a job that has not settled also
 *   stops taking events (its result is still sent when it comes, for the server's late note);
 * - results finished while disconnected are kept and sent after the next `welcome`;
 * - background events are flushed 1 s after the first one (one message for a burst), at once
 *   when a job starts (so they precede its reply), on `pagehide`, and after each `welcome`; while
 *   disconnected they stay buffered (first 2, last 8, a count);
 * - `pagehide` closes the socket (the server learns of a reload or bfcache entry at once) and
 *   `pageshow`, `visibilitychange`, `resume` and `online` reconnect at once or say "still here".
 */
import type {
  RealmHello,
  RealmWorkerStatus,
  ServerJob,
  ServerToRealmMessage,
} from '@daebug/protocol'
import pkg from '../package.json' with { type: 'json' }
import { type ConsoleLike, type JobEvents, startCapture } from './capture.js'
import {
  createRealmChannel,
  type RealmTransport,
  realmSocketUrl,
  type WebSocketConstructor,
  webSocketTransport,
} from './channel.js'
import {
  buildResult,
  evaluateCode,
  type GlobalEval,
  type JobOutcome,
  outcomeOf,
  serializeResult,
} from './evaluate.js'
import { type ImportMapDocument, readImportMap } from './import-map.js'
import { type PageWindow, watchLifecycle } from './lifecycle.js'
import { loadRealmName, type NameStorage, REALM_NAME_KEY } from './realm-name.js'
import { isTestRunStream, streamTestRun } from './test-run-stream.js'
import { workerNameOf } from './worker-host.js'

/** The global property that holds the running client (non-enumerable), and keeps it to one. */
export const CLIENT_GLOBAL_KEY = '__daebug'

/** Options of {@link startPageClient}; everything but `server` defaults to the page's own objects. */
export interface PageClientOptions {
  /** The Daebug server's origin, e.g. `http://localhost:4000`. */
  server: string
  /** Where the client registers itself as `__daebug` (default `globalThis`). */
  global?: object
  window?: PageWindow
  console?: ConsoleLike
  storage?: NameStorage
  WebSocket?: WebSocketConstructor
  /** Replaces the WebSocket transport (a plain-HTTP fallback, a test double). */
  transport?: RealmTransport
  /** Epoch milliseconds, for event times (default `Date.now`). */
  now?: () => number
  /** A monotonic clock in milliseconds, for durations (default `performance.now`). */
  monotonicNow?: () => number
  random?: () => number
  /** A new instance id (default `crypto.randomUUID`, else random hex). */
  instanceId?: () => string
  setTimeout?: (callback: () => void, ms: number) => unknown
  clearTimeout?: (timer: unknown) => void
  /** An indirect eval in the page's global scope. */
  eval?: GlobalEval
  /** Background events are flushed this long after the first one (default 1000 ms). */
  flushDelayMs?: number
  heartbeatMs?: number
  /**
   * A web worker's realm instead of a page's: its name is fixed (the page chose it), its URL is
   * `worker://<name>`, and page lifecycle events do not apply.
   */
  worker?: { name: string; parent: string }
  /**
   * Starts the page's web worker realm after the first `welcome` (unless the server said
   * `worker: false`), and again under a new name after a rename (SPEC §3.5).
   */
  hostWorker?: (page: {
    name: string
    report: (status: Omit<RealmWorkerStatus, 'type'>) => void
  }) => { readonly name: string; restart(why: string): void; stop(): void } | undefined
}

/** A running page client; also `globalThis.__daebug`, for debugging. */
export interface PageClient {
  readonly version: string
  readonly name: string
  readonly instance: string
  /** True while the server has welcomed this realm on an open connection. */
  readonly connected: boolean
  /** Disconnects, restores the console and removes every listener. */
  stop(): void
}

/** The version of `@daebug/browser-client`, sent in `hello`. */
export const CLIENT_VERSION: string = pkg.version

const RECENT_JOBS = 1_000
const VALID_NAME = /^[^\r\n]{1,200}$/

function read<T>(get: () => T, fallback: T): T {
  try {
    return get() ?? fallback
  } catch {
    return fallback
  }
}

function defaultInstanceId(random: () => number): string {
  const id = read(() => globalThis.crypto?.randomUUID?.(), undefined)
  if (id) return id
  let hex = ''
  for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16)
  return hex
}

/**
 * Starts the page client: the realm connects to `server`, runs its jobs and reports its console.
 * Starting twice on one global returns the client already running there.
 * @example
 * startPageClient({ server: new URL(document.currentScript.src).origin })
 */
export function startPageClient(options: PageClientOptions): PageClient {
  const global = (options.global ?? globalThis) as Record<string, unknown>
  const existing = read(() => global[CLIENT_GLOBAL_KEY] as PageClient | undefined, undefined)
  if (typeof existing?.stop === 'function') return existing

  const win = options.window ?? (globalThis as unknown as PageWindow)
  const storage = options.storage ?? read(() => globalThis.sessionStorage, undefined)
  const now = options.now ?? Date.now
  const monotonicNow = options.monotonicNow ?? (() => performance.now())
  const random = options.random ?? Math.random
  const setTimer = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms))
  const clearTimer =
    options.clearTimeout ??
    ((timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>))
  const globalEval: GlobalEval =
    // biome-ignore lint/security/noGlobalEval: running the agent's code in the page is the point
    options.eval ?? ((source) => globalThis.eval(source))
  const flushDelayMs = options.flushDelayMs ?? 1000

  const inWorker = options.worker
  let name = inWorker?.name ?? loadRealmName(storage, random, new Date(now()))
  if (!VALID_NAME.test(name)) name = loadRealmName(undefined, random, new Date(now()))
  const instance = (options.instanceId ?? (() => defaultInstanceId(random)))()
  const seenJobs = new Set<string>()
  const running = new Map<string, JobEvents>()
  const cancelled = new Set<string>()
  const unsent: Array<{ jobId: string; text: string }> = []
  let flushTimer: unknown

  const capture = startCapture({
    console: options.console ?? (console as unknown as ConsoleLike),
    target: win,
    errorLevel: inWorker ? 'self.onerror' : 'window.onerror',
    now,
    onBackground: () => {
      flushTimer ??= setTimer(flushBackground, flushDelayMs)
    },
  })

  /** Sends the background events now if the channel is up; they stay buffered if it is not. */
  function flushBackground(): void {
    try {
      if (flushTimer !== undefined) clearTimer(flushTimer)
      flushTimer = undefined
      if (!capture.background.size || !channel.ready) return
      if (channel.send(JSON.stringify({ type: 'events', ...capture.background.peek() }))) {
        capture.background.clear()
      }
    } catch {}
  }

  function hello(): RealmHello {
    if (inWorker) {
      const url = `worker://${name}`
      const { parent } = inWorker
      return { type: 'hello', name, instance, kind: 'worker', url, parent, version: CLIENT_VERSION }
    }
    const url = read(() => win.location.href, '').slice(0, 65_536) || 'about:blank'
    const message: RealmHello = { type: 'hello', name, instance, kind: 'page', url }
    const title = read(() => win.document?.title, '')
    if (typeof title === 'string' && title) message.title = title.slice(0, 65_536)
    const importMap = readImportMap(win.document as ImportMapDocument | undefined)
    if (importMap) message.importMap = importMap
    message.version = CLIENT_VERSION
    return message
  }

  function rename(next: unknown): void {
    if (typeof next !== 'string' || !next || next === name) return
    name = next
    if (inWorker) return
    try {
      storage?.setItem(REALM_NAME_KEY, next)
    } catch {}
  }

  let workerHost: { readonly name: string; restart(why: string): void; stop(): void } | undefined
  const unsentReports: string[] = []
  let warnedNoWorker = false

  function report(status: Omit<RealmWorkerStatus, 'type'>): void {
    const text = JSON.stringify({ type: 'worker', ...status })
    if (!channel.send(text)) unsentReports.push(text)
    if (status.status === 'unavailable' && !warnedNoWorker) {
      warnedNoWorker = true
      capture.original.warn?.(`[daebug] ${status.text}`)
    }
  }

  function hostWorker(allowed: boolean | undefined): void {
    if (!options.hostWorker || allowed === false) {
      workerHost?.stop()
      workerHost = undefined
      return
    }
    if (workerHost?.name === workerNameOf(name)) return
    workerHost?.stop()
    try {
      workerHost = options.hostWorker({ name, report })
    } catch {}
  }

  function send(jobId: string, text: string): void {
    if (!channel.send(text)) unsent.push({ jobId, text })
  }

  async function runJob(job: ServerJob): Promise<void> {
    const { jobId } = job
    if (seenJobs.has(jobId)) return
    seenJobs.add(jobId)
    if (seenJobs.size > RECENT_JOBS) seenJobs.delete(seenJobs.values().next().value as string)
    flushBackground()
    const events = capture.beginJob()
    running.set(jobId, events)
    // A job that never settles must not take every later event: past its timeout, events are
    // background again (its result, should it come, is still sent; the server notes it as late).
    let timeout =
      job.timeoutMs > 0 ? setTimer(() => capture.detachJob(events), job.timeoutMs) : undefined
    const started = monotonicNow()
    let outcome: JobOutcome
    try {
      if (job.mode !== 'eval')
        throw new Error(`This page client cannot run '${job.mode}' jobs yet.`)
      const value = await evaluateCode(job.code, globalEval)
      if (isTestRunStream(value)) {
        // A test run is bound by its own timeouts and the server's run watchdog (SPEC §5.2).
        if (timeout !== undefined) clearTimer(timeout)
        timeout = undefined
        const sink = { send: (text: string) => send(jobId, text), setTimeout: setTimer }
        await streamTestRun(jobId, value, { ...sink, clearTimeout: clearTimer })
      }
      outcome = await outcomeOf(value)
    } catch (thrown) {
      outcome = { ok: false, thrown }
    }
    const durationMs = monotonicNow() - started
    if (timeout !== undefined) clearTimer(timeout)
    running.delete(jobId)
    const batch = capture.endJob(events)
    if (cancelled.delete(jobId)) return
    send(jobId, serializeResult(buildResult(jobId, outcome, durationMs, batch)))
  }

  function onMessage(message: ServerToRealmMessage): void {
    if (message.type === 'welcome' || message.type === 'rename') {
      rename(message.name)
    }
    if (message.type === 'welcome') {
      for (const result of unsent.splice(0)) send(result.jobId, result.text)
      for (const text of unsentReports.splice(0)) channel.send(text) || unsentReports.push(text)
      flushBackground()
      hostWorker(message.worker)
    } else if (message.type === 'job') {
      if (typeof message.jobId !== 'string' || typeof message.code !== 'string') return
      runJob(message).catch(() => {})
    } else if (message.type === 'restart-worker') {
      workerHost?.restart(message.reason)
    } else if (message.type === 'cancel') {
      // A page cannot stop running code: the job is only marked, and its result never sent.
      const events = running.get(message.jobId)
      if (events) {
        capture.detachJob(events)
        cancelled.add(message.jobId)
      }
      const kept = unsent.filter((result) => result.jobId !== message.jobId)
      unsent.splice(0, unsent.length, ...kept)
    }
  }

  const socketUrl = realmSocketUrl(options.server)
  const socketOrigin = new URL(socketUrl).origin
  let blockedBy: string | undefined
  const channel = createRealmChannel({
    transport:
      options.transport ??
      webSocketTransport(
        socketUrl,
        options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor),
      ),
    hello,
    onMessage,
    isBlocked: () => blockedBy !== undefined,
    onOutage: (blocked) => {
      const why = blocked
        ? `the page's Content-Security-Policy blocks ${socketOrigin} (allow it in ${blockedBy ?? 'connect-src'})`
        : 'cannot connect (is the server running? a Content-Security-Policy connect-src may also block it)'
      capture.original.warn?.(`[daebug] ${options.server}: ${why}. Retrying in the background.`)
    },
    setTimeout: setTimer,
    clearTimeout: clearTimer,
    random,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
  })

  const unwatch = inWorker
    ? () => {}
    : watchLifecycle(win, {
        // Leaving (unload or bfcache): send what is buffered, then close, so the server knows at once.
        leave: () => {
          flushBackground()
          channel.suspend()
        },
        back: () => channel.resume(),
        wake: () => channel.check(),
        violation: ({ blockedURI, effectiveDirective }) => {
          if (String(blockedURI).startsWith(socketOrigin)) blockedBy = String(effectiveDirective)
        },
      })

  const client: PageClient = {
    version: CLIENT_VERSION,
    get name() {
      return name
    },
    instance,
    get connected() {
      return channel.ready
    },
    stop() {
      workerHost?.stop()
      channel.stop()
      capture.stop()
      if (flushTimer !== undefined) clearTimer(flushTimer)
      unwatch()
      try {
        if (global[CLIENT_GLOBAL_KEY] === client) delete global[CLIENT_GLOBAL_KEY]
      } catch {}
    },
  }
  try {
    Object.defineProperty(global, CLIENT_GLOBAL_KEY, { value: client, configurable: true })
  } catch {}
  return client
}
