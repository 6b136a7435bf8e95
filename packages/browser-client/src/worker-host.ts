/**
 * The page's side of its web worker realm (SPEC §3.5): creates the module worker, pings it every
 * 2 s, terminates and recreates it when it stops answering for 6 s or crashes while starting, backs
 * off between restarts, gives up after 10 restarts in 10 minutes, and reports each of these to the
 * server through the page's own channel (the worker may be stuck and unable to say anything).
 *
 * Behaviour where SPEC is silent:
 * - a worker whose script fails before it says `ready` has crashed (a restart like a hang); errors
 *   after that are the worker realm's own background events, not crashes;
 * - a page whose CSP blocks the worker (a `securitypolicyviolation` for `worker-src`, or a
 *   synchronous `SecurityError`) reports it once and never retries: retrying cannot help;
 * - the `restarted` report goes out 100 ms before the worker is terminated, so that the server
 *   hears why before it sees the worker's socket close.
 */
import type { RealmWorkerStatus } from '@daebug/protocol'

/** What the host needs of a `Worker`. */
export interface WorkerLike {
  postMessage(message: unknown): void
  terminate(): void
  addEventListener(type: 'message' | 'error', listener: (event: Event) => void): void
}

/** The messages between the page and its worker, all tagged `daebug`. */
export type WorkerControl =
  | { daebug: 'init'; server: string; name: string; parent: string }
  | { daebug: 'ready'; instance?: string }
  | { daebug: 'ping' }
  | { daebug: 'pong' }

/** Options of {@link startWorkerHost}. */
export interface WorkerHostOptions {
  /** The Daebug server's origin. */
  server: string
  /** The page realm's name; the worker is `<page>-webworker`. */
  pageName: string
  /** The page's origin: a worker script of another origin is loaded through a blob module. */
  pageOrigin: string
  /** Sends a status to the server (through the page's channel). */
  report(status: Omit<RealmWorkerStatus, 'type'>): void
  /** `new Worker(url, options)`. */
  createWorker(url: string, options: WorkerOptions): WorkerLike
  /** Makes a blob URL for a module source (`URL.createObjectURL`). */
  blobUrl?(source: string): string
  /** Where `securitypolicyviolation` events arrive (the document). */
  violations?: {
    addEventListener(type: string, listener: (event: Event) => void): void
    removeEventListener(type: string, listener: (event: Event) => void): void
  }
  now?: () => number
  setTimeout?: (callback: () => void, ms: number) => unknown
  clearTimeout?: (timer: unknown) => void
}

/** A running host. */
export interface WorkerHost {
  readonly name: string
  /**
   * Terminates the worker and creates a new one at once, reporting `restarted` with `why` (the
   * server asks for this to stop a cancelled job). Not counted as a failure.
   */
  restart(why: string): void
  /** Terminates the worker and stops watching it. */
  stop(): void
}

/** The worker realm's name for a page realm. */
export function workerNameOf(pageName: string): string {
  return `${pageName}-webworker`
}

const PING_MS = 2000
const SILENCE_MS = 6000
const RESTART_WINDOW_MS = 10 * 60_000
const MAX_RESTARTS = 10
const MAX_BACKOFF_MS = 60_000
/** How long an early error waits for a CSP violation that would explain it. */
const VIOLATION_WAIT_MS = 100
/** How long the `restarted` report has before the worker's socket closes. */
const REPORT_LEAD_MS = 100

function isControl(data: unknown, kind: WorkerControl['daebug']): boolean {
  return typeof data === 'object' && data !== null && (data as WorkerControl).daebug === kind
}

/** Starts the page's worker realm and watches it. Never throws. */
export function startWorkerHost(options: WorkerHostOptions): WorkerHost {
  const name = workerNameOf(options.pageName)
  const now = options.now ?? Date.now
  const setTimer = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms))
  const clearTimer =
    options.clearTimeout ??
    ((timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>))
  const url = `${options.server}/__daebug/worker.js`
  const restarts: number[] = []
  let worker: WorkerLike | undefined
  let ready = false
  let instance: string | undefined
  let lastSign = 0
  let timer: unknown
  let stopped = false
  let blocked: string | undefined

  const schedule = (run: () => void, ms: number): void => {
    if (timer !== undefined) clearTimer(timer)
    timer = setTimer(() => {
      timer = undefined
      if (!stopped) run()
    }, ms)
  }

  const unavailable = (why: string): void => {
    if (stopped) return
    stopped = true
    if (timer !== undefined) clearTimer(timer)
    try {
      worker?.terminate()
    } catch {}
    options.report({ worker: name, status: 'unavailable', text: `No web worker realm: ${why}.` })
  }

  const onViolation = (event: Event): void => {
    const { effectiveDirective, blockedURI } = event as SecurityPolicyViolationEvent
    const directive = String(effectiveDirective)
    const uri = String(blockedURI)
    if (
      directive === 'worker-src' ||
      (/^(script|default)-src/.test(directive) && (uri === 'blob' || uri.startsWith(url)))
    ) {
      blocked = directive
      if (!ready) unavailable(`the page's Content-Security-Policy blocks it (${directive})`)
    }
  }
  options.violations?.addEventListener('securitypolicyviolation', onViolation)

  function create(): void {
    ready = false
    instance = undefined
    lastSign = now()
    let created: WorkerLike
    try {
      const source =
        new URL(url).origin === options.pageOrigin || !options.blobUrl
          ? url
          : options.blobUrl(`import ${JSON.stringify(url)}\n`)
      created = options.createWorker(source, { type: 'module', name })
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      unavailable(`creating it failed (${reason})`)
      return
    }
    worker = created
    created.addEventListener('message', (event) => {
      const data = (event as MessageEvent).data
      if (created !== worker) return
      if (isControl(data, 'pong') || isControl(data, 'ready')) lastSign = now()
      if (isControl(data, 'ready')) {
        ready = true
        const id = (data as { instance?: unknown }).instance
        if (typeof id === 'string') instance = id
      }
    })
    created.addEventListener('error', (event) => {
      if (created !== worker || ready) return
      const message = (event as ErrorEvent).message
      // A CSP block shows as an error first; its violation event may follow a moment later.
      setTimer(() => {
        if (created !== worker || stopped || ready) return
        if (blocked) return unavailable(`the page's Content-Security-Policy blocks it (${blocked})`)
        restart(`worker crashed while starting${message ? ` (${message})` : ''}; restarted`)
      }, VIOLATION_WAIT_MS)
    })
    created.postMessage({ daebug: 'init', server: options.server, name, parent: options.pageName })
    schedule(ping, PING_MS)
  }

  function ping(): void {
    const silent = now() - lastSign
    if (silent >= SILENCE_MS) {
      const seconds = Math.round(silent / 1000)
      restart(`worker unresponsive for ${seconds} s; restarted`, silent)
      return
    }
    try {
      worker?.postMessage({ daebug: 'ping' })
    } catch {}
    // The next look: the next ping, or the moment the silence reaches 6 s, whichever is first.
    schedule(ping, Math.min(PING_MS, SILENCE_MS - silent))
  }

  function restart(text: string, silentMs?: number): void {
    const old = worker
    worker = undefined
    const at = now()
    while (restarts.length && at - restarts[0]! > RESTART_WINDOW_MS) restarts.shift()
    if (restarts.length >= MAX_RESTARTS) {
      stopped = true
      options.report({
        worker: name,
        status: 'failed',
        text: `worker failed again after ${MAX_RESTARTS} restarts in 10 minutes; not restarted until the page reloads`,
      })
      setTimer(() => old?.terminate(), REPORT_LEAD_MS)
      return
    }
    restarts.push(at)
    options.report({
      worker: name,
      status: 'restarted',
      text,
      ...(silentMs === undefined ? {} : { silentMs }),
      ...(instance === undefined ? {} : { instance }),
    })
    setTimer(() => {
      try {
        old?.terminate()
      } catch {}
    }, REPORT_LEAD_MS)
    schedule(create, Math.min(1000 * 2 ** (restarts.length - 1), MAX_BACKOFF_MS))
  }

  create()
  return {
    name,
    restart(why) {
      if (stopped || !worker) return
      const old = worker
      worker = undefined
      options.report({
        worker: name,
        status: 'restarted',
        text: why,
        ...(instance === undefined ? {} : { instance }),
      })
      schedule(() => {
        try {
          old.terminate()
        } catch {}
        create()
      }, REPORT_LEAD_MS)
    },
    stop() {
      stopped = true
      if (timer !== undefined) clearTimer(timer)
      options.violations?.removeEventListener('securitypolicyviolation', onViolation)
      try {
        worker?.terminate()
      } catch {}
      worker = undefined
    },
  }
}
