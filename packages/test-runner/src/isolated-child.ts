/**
 * The entry of an isolated run (SPEC §5.2), loaded by `run()` in a fresh hidden iframe or a fresh
 * worker (isolated-run.ts): it runs the files there with `isolation: 'none'` and posts every
 * event, as JSON, to the realm that started it. The child's console goes to that realm's console,
 * so what tests log is captured there. Not for direct use.
 */
import { isError, testEventJson, toTestErrorInfo } from '@daebug/protocol'
import { collect } from './collect.js'
import type { ChildMessage, ParentMessage } from './isolated-run.js'
import { run } from './run.js'

type ConsoleMethods = Record<string, (...args: unknown[]) => void>

const LEVELS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir']
const scope = globalThis as unknown as {
  document?: unknown
  parent: { postMessage(message: unknown, targetOrigin: string): void; console: ConsoleMethods }
  origin: string
  postMessage(message: unknown): void
  addEventListener(
    type: 'message',
    listener: (event: { source?: unknown; data: unknown }) => void,
  ): void
}
const inWorker = scope.document === undefined

function post(message: ChildMessage): void {
  if (inWorker) scope.postMessage(message)
  else scope.parent.postMessage(message, scope.origin)
}

/** Events waiting to be posted: sent when the child's task ends, or once this many are waiting. */
const BATCH_EVENTS = 500
let pending: string[] = []
let flushTimer: ReturnType<typeof setTimeout> | undefined

function flushEvents(): void {
  clearTimeout(flushTimer)
  flushTimer = undefined
  if (!pending.length) return
  post({ daebug: 'events', json: `[${pending.join(',')}]` })
  pending = []
}

function postEvent(json: string): void {
  pending.push(json)
  if (pending.length >= BATCH_EVENTS) flushEvents()
  else flushTimer ??= setTimeout(flushEvents, 0)
}

function cloneable(args: unknown[]): unknown[] {
  try {
    return structuredClone(args)
  } catch {
    return args.map((arg) => (typeof arg === 'string' ? arg : String(arg)))
  }
}

function forwardConsole(): void {
  const own = console as unknown as ConsoleMethods
  const target = inWorker ? undefined : scope.parent.console
  // What a test logs reaches the realm after the events before it.
  for (const level of LEVELS) {
    own[level] = target
      ? (...args) => {
          flushEvents()
          target[level]?.(...args)
        }
      : (...args) => {
          flushEvents()
          post({ daebug: 'console', level, args: cloneable(args) })
        }
  }
}

const controller = new AbortController()
let started = false

scope.addEventListener('message', (event) => {
  if (!inWorker && event.source !== scope.parent) return
  const message = event.data as ParentMessage
  if (message?.daebug === 'abort') controller.abort()
  if ((message?.daebug !== 'run' && message?.daebug !== 'collect') || started) return
  started = true
  forwardConsole()
  if (message.daebug === 'collect') {
    collect({ ...message.options, isolation: 'none' } as never)
      .then((tests) => {
        const listed = tests.map(({ error, ...test }) =>
          error === undefined
            ? test
            : { ...test, error: isError(error) ? toTestErrorInfo(error) : String(error) },
        )
        post({ daebug: 'collected', json: JSON.stringify(listed) })
      })
      .catch((error: unknown) =>
        post({
          daebug: 'collected',
          json: JSON.stringify([
            { name: 'collect', nesting: 0, type: 'test', testFile: '', error: String(error) },
          ]),
        }),
      )
    return
  }
  const stream = run({ ...message.options, isolation: 'none', signal: controller.signal } as never)
  ;(async () => {
    for await (const testEvent of stream) postEvent(testEventJson(testEvent))
  })().finally(() => {
    flushEvents()
    post({ daebug: 'end' })
  })
})

post({ daebug: 'ready' })
