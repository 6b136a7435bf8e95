/**
 * Isolated runs in a Daebug realm (SPEC §5.2): by default `run()` in a page imports the test files
 * in a fresh hidden same-origin iframe (with the page's import map), and in a worker realm in a
 * fresh throwaway worker, so every run has a fresh module graph and sees the files as they are
 * now. The child (isolated-child.ts) runs them with `isolation: 'none'` and posts each event as
 * JSON; this side re-emits them on the stream `run()` returned and removes the child at the end.
 */
import type { TestEvent } from '@daebug/protocol'
import { emptyCounts } from '@daebug/protocol'
import { invalidArgType, invalidArgValue } from './argument-errors.js'
import { reviveTestError } from './reporters/test-error.js'
import { TestsStream } from './tests-stream.js'

/** How a run is isolated: `none` runs the files in the realm itself. */
export type Isolation = 'iframe' | 'worker' | 'none'

/** The values `isolation` takes: Node's `process` and `none`, and the realm kinds' own names. */
const ISOLATIONS = ['process', 'iframe', 'worker', 'none']

/**
 * The isolation of a run: `none` as asked, else the realm's kind of child (an iframe in a page,
 * a worker in a worker), whichever of `process`, `iframe` or `worker` was asked.
 */
export function readIsolation(value: unknown, inWorker: boolean): Isolation {
  if (value === undefined) return inWorker ? 'worker' : 'iframe'
  if (typeof value !== 'string') throw invalidArgType('options.isolation', 'of type string', value)
  if (!ISOLATIONS.includes(value)) {
    throw invalidArgValue('options.isolation', value, `must be one of: ${ISOLATIONS.join(', ')}`)
  }
  if (value === 'none') return 'none'
  return inWorker ? 'worker' : 'iframe'
}

/** The options a child runs with: what survives `postMessage` (no signal, env or setup). */
export interface ChildRunOptions {
  files?: string[]
  testNamePatterns?: unknown
  testSkipPatterns?: unknown
  only?: boolean
  timeout?: number
  concurrency?: number | boolean
}

/** Messages between a run and its child; every one carries `daebug: <kind>`. */
export type ChildMessage =
  | { daebug: 'ready' }
  /** Events in order, as a JSON array (one message per batch: a message per event is slow). */
  | { daebug: 'events'; json: string }
  | { daebug: 'console'; level: string; args: unknown[] }
  | { daebug: 'collected'; json: string }
  | { daebug: 'end' }
export type ParentMessage =
  | { daebug: 'run'; options: ChildRunOptions }
  | { daebug: 'collect'; options: ChildRunOptions }
  | { daebug: 'abort' }

// The few DOM types used here (the runner is built without the DOM library: it runs everywhere).
interface MessageEventLike {
  source?: unknown
  data: unknown
}
interface FrameElement {
  hidden: boolean
  srcdoc: string
  readonly contentWindow: { postMessage(message: unknown, targetOrigin: string): void } | null
  setAttribute(name: string, value: string): void
  addEventListener(type: 'error', listener: () => void): void
  remove(): void
}
interface ParentNode {
  append(node: FrameElement): void
}
interface DocumentLike {
  createElement(tag: 'iframe'): FrameElement
  querySelectorAll(selector: string): Iterable<{ textContent: string | null }>
  body: ParentNode | null
  documentElement: ParentNode
}
interface WorkerLike {
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void
  addEventListener(
    type: 'error',
    listener: (event: { message?: string; preventDefault(): void }) => void,
  ): void
  postMessage(message: unknown): void
  terminate(): void
}
const host = globalThis as unknown as {
  document: DocumentLike
  origin: string
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEventLike) => void): void
  Worker: new (url: string, options: { type: 'module'; name: string }) => WorkerLike
}

interface Child {
  post(message: ParentMessage): void
  remove(): void
}

type Receive = (message: ChildMessage) => void
type Fail = (why: string) => void

function isChildMessage(value: unknown): value is ChildMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ChildMessage).daebug === 'string'
  )
}

function importMapOf(document: DocumentLike): string {
  const merged: { imports: Record<string, string>; scopes: Record<string, unknown> } = {
    imports: {},
    scopes: {},
  }
  for (const script of document.querySelectorAll('script[type="importmap"]')) {
    try {
      const map = JSON.parse(script.textContent ?? '{}')
      Object.assign(merged.imports, { ...map.imports, ...merged.imports })
      Object.assign(merged.scopes, { ...map.scopes, ...merged.scopes })
    } catch {}
  }
  return JSON.stringify(merged).replaceAll('<', '\\u003c')
}

function startIframe(childUrl: string, receive: Receive, fail: Fail): Child {
  const { document } = host
  const frame = document.createElement('iframe')
  frame.hidden = true
  frame.setAttribute('aria-hidden', 'true')
  frame.srcdoc = `<!doctype html><script type="importmap">${importMapOf(document)}</script><script type="module" src="${childUrl}"></script>`
  const onMessage = (event: MessageEventLike): void => {
    if (event.source === frame.contentWindow && isChildMessage(event.data)) receive(event.data)
  }
  host.addEventListener('message', onMessage)
  frame.addEventListener('error', () => fail('the iframe could not load'))
  ;(document.body ?? document.documentElement).append(frame)
  return {
    post: (message) => frame.contentWindow?.postMessage(message, host.origin),
    remove() {
      host.removeEventListener('message', onMessage)
      frame.remove()
    },
  }
}

function startWorker(childUrl: string, receive: Receive, fail: Fail): Child {
  const worker = new host.Worker(childUrl, { type: 'module', name: 'daebug-isolated-run' })
  worker.addEventListener('message', (event) => {
    if (isChildMessage(event.data)) receive(event.data)
  })
  worker.addEventListener('error', (event) => {
    event.preventDefault()
    fail(event.message || `the worker script ${childUrl} could not load`)
  })
  return { post: (message) => worker.postMessage(message), remove: () => worker.terminate() }
}

function reviveEvents(json: string): TestEvent[] {
  const events = JSON.parse(json) as TestEvent[]
  for (const event of events) {
    const details = (event.data as { details?: { error?: unknown } }).details
    if (details?.error !== undefined) details.error = reviveTestError(details.error)
  }
  return events
}

/** A child that has not said `ready` by then will not: its script did not load (CSP, network). */
const START_TIMEOUT_MS = 30_000

const CONSOLE_LEVELS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir'])

/** What a child logged, logged here (where the realm's console is captured). */
function relayConsole(message: Extract<ChildMessage, { daebug: 'console' }>): void {
  if (!CONSOLE_LEVELS.has(message.level)) return
  ;(console as unknown as Record<string, (...args: unknown[]) => void>)[message.level]!(
    ...message.args,
  )
}

function startChild(
  isolation: 'iframe' | 'worker',
  childUrl: string,
  receive: Receive,
  fail: Fail,
): Child {
  return (isolation === 'iframe' ? startIframe : startWorker)(childUrl, receive, fail)
}

/**
 * Runs `options` in a fresh child of kind `isolation`, loaded from `childUrl`, and streams its
 * events. A child that cannot start fails the run with a diagnostic that says why.
 */
export function runIsolated(
  isolation: 'iframe' | 'worker',
  childUrl: string,
  options: ChildRunOptions,
  extra: { signal?: AbortSignal; setup?: (stream: TestsStream) => unknown } = {},
): TestsStream {
  const stream = new TestsStream()
  let child: Child | undefined
  let starting: ReturnType<typeof setTimeout> | undefined
  const end = (): void => {
    clearTimeout(starting)
    child?.remove()
    extra.signal?.removeEventListener('abort', abort)
    stream.end()
  }
  const fail: Fail = (why) => {
    if (stream.ended) return
    stream.emit('test:diagnostic', {
      nesting: 0,
      message: `Error: the isolated run could not start: ${why}`,
    })
    stream.emit('test:summary', { counts: emptyCounts(), duration_ms: 0, success: false })
    end()
  }
  const receive: Receive = (message) => {
    if (message.daebug === 'ready') {
      clearTimeout(starting)
      child?.post({ daebug: 'run', options })
    } else if (message.daebug === 'events') {
      for (const event of reviveEvents(message.json)) stream.emit(event.type, event.data as never)
    } else if (message.daebug === 'console') relayConsole(message)
    else if (message.daebug === 'end') end()
  }
  const abort = (): void => child?.post({ daebug: 'abort' })
  Promise.resolve()
    .then(() => extra.setup?.(stream))
    .then(() => {
      child = startChild(isolation, childUrl, receive, fail)
      const seconds = START_TIMEOUT_MS / 1000
      starting = setTimeout(
        () => fail(`the ${isolation} loading ${childUrl} did not start within ${seconds}s`),
        START_TIMEOUT_MS,
      )
      extra.signal?.addEventListener('abort', abort)
      if (extra.signal?.aborted) abort()
    })
    .catch((error: unknown) => fail(String(error)))
  return stream
}

/**
 * `collect()` of `options` in a fresh child of kind `isolation`: the tests the files declare,
 * listed without importing them into this realm. Rejects when the child cannot start.
 */
export function collectIsolated(
  isolation: 'iframe' | 'worker',
  childUrl: string,
  options: ChildRunOptions,
): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    let child: Child | undefined
    let settled = false
    const settle = (finish: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(starting)
      child?.remove()
      finish()
    }
    const fail: Fail = (why) =>
      settle(() => reject(new Error(`The isolated collect could not start: ${why}`)))
    const receive: Receive = (message) => {
      if (message.daebug === 'ready') {
        clearTimeout(starting)
        child?.post({ daebug: 'collect', options })
      } else if (message.daebug === 'collected') {
        settle(() => resolve(JSON.parse(message.json) as unknown[]))
      } else if (message.daebug === 'console') relayConsole(message)
    }
    const starting = setTimeout(
      () =>
        fail(
          `the ${isolation} loading ${childUrl} did not start within ${START_TIMEOUT_MS / 1000}s`,
        ),
      START_TIMEOUT_MS,
    )
    try {
      child = startChild(isolation, childUrl, receive, fail)
    } catch (error) {
      fail(String(error))
    }
  })
}
