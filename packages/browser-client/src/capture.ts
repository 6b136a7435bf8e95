/**
 * Console and uncaught-error capture (SPEC §3.3, §2.5): every console call and uncaught error or
 * rejection becomes a {@link CapturedEvent}, attributed to the job that is running, else buffered
 * as a background event. The page's console keeps its behaviour, whatever capture does.
 */
import {
  type CapturedEvent,
  CONSOLE_LEVELS,
  type ConsoleLevel,
  type EventBatch,
  inspectArgs,
  losslessJson,
} from '@daebug/protocol'
import { cutText, EVENT_TEXT_MAX } from './cut.js'
import { createEventBuffer, type EventBuffer } from './event-buffer.js'
import { cleanStack } from './stack.js'
import { describeThrown, isErrorLike, safeInspect } from './thrown.js'

/** The console methods that are patched (SPEC §3.3). */
export const CAPTURED_CONSOLE_LEVELS: readonly ConsoleLevel[] = CONSOLE_LEVELS

/** The part of `console` that capture patches. */
export type ConsoleLike = Partial<Record<ConsoleLevel, (...args: unknown[]) => unknown>>

/** Where `error` and `unhandledrejection` are listened to: `window` (or a worker's `self`). */
export interface ListenerTarget {
  addEventListener(
    type: string,
    listener: (event: Event) => void,
    options?: AddEventListenerOptions,
  ): void
  removeEventListener(
    type: string,
    listener: (event: Event) => void,
    options?: EventListenerOptions,
  ): void
}

/** Options of {@link startCapture}. */
export interface CaptureOptions {
  console: ConsoleLike
  target?: ListenerTarget
  /** The level of uncaught errors: `window.onerror` in pages, `self.onerror` in workers. */
  errorLevel: 'window.onerror' | 'self.onerror'
  /** Epoch milliseconds. */
  now: () => number
  /** Called after an event was buffered outside any job. */
  onBackground: () => void
}

/** The events of one running job. */
export interface JobEvents {
  readonly buffer: EventBuffer
}

/** A running capture. */
export interface Capture {
  /** Attributes events to a new job from now on, until {@link Capture.endJob} or `detachJob`. */
  beginJob(): JobEvents
  /** Stops attributing events to the job and returns them. */
  endJob(job: JobEvents): EventBatch
  /** Stops attributing events to a job that will not settle (timed out, cancelled). */
  detachJob(job: JobEvents): void
  /** The events that happened outside jobs, buffered until they are sent. */
  readonly background: EventBuffer
  /** The console methods as they were before patching: what the client itself logs with. */
  readonly original: ConsoleLike
  /** Restores the console methods (those still patched) and removes the listeners. */
  stop(): void
}

const FRAME = /:\d+:\d+\)?\s*$/
const LOCATION = /([^\s(@]+:\d+:\d+)\)?\s*$/

/**
 * The stack frames of an `Error` made in the patched method, less that method's own frame: the
 * first is the caller's. Frames of evaluated jobs point at the agent's lines.
 */
function callerFrames(error: Error): string[] {
  const stack = error.stack
  if (typeof stack !== 'string') return []
  const frames = stack
    .split('\n')
    .filter((line) => FRAME.test(line) || line.includes(' (<anonymous>)'))
  return cleanStack(frames.slice(1).join('\n')).split('\n').filter(Boolean)
}

/**
 * Patches the console and listens for uncaught errors. A console call made while an event is being
 * recorded (a `toString` that logs, the client's own messages) is passed through, not captured.
 */
export function startCapture(options: CaptureOptions): Capture {
  const { console: target, now } = options
  const background = createEventBuffer()
  const running: JobEvents[] = []
  const original: ConsoleLike = {}
  const methods: ConsoleLike = {}
  const patched: ConsoleLike = {}
  let recording = false

  const record = (build: () => CapturedEvent | undefined): void => {
    if (recording) return
    recording = true
    try {
      const event = build()
      if (!event) return
      const job = running[running.length - 1]
      if (job) {
        job.buffer.push(event)
      } else {
        background.push(event)
        options.onBackground()
      }
    } catch {
      // Capture is best-effort; the page's own call already happened.
    } finally {
      recording = false
    }
  }

  const consoleEvent = (level: ConsoleLevel, args: unknown[], frames: string[]): CapturedEvent => {
    const event: CapturedEvent = { level, time: now(), text: '' }
    const json = args.length === 1 && level !== 'trace' ? losslessJson(args[0]) : undefined
    if (json !== undefined) {
      event.text = json
      event.json = true
    } else {
      event.text = cutText(inspectArgs(args, { cleanStack }), EVENT_TEXT_MAX)
    }
    const location = LOCATION.exec(frames[0]?.trim() ?? '')?.[1]
    if (location) event.location = cutText(location, EVENT_TEXT_MAX)
    if (level === 'trace') {
      // A trace without its stack says nothing; print it as Node does.
      const stack = frames.join('\n')
      event.stack = cutText(stack, EVENT_TEXT_MAX)
      event.text = cutText(`Trace${event.text ? `: ${event.text}` : ''}\n${stack}`, EVENT_TEXT_MAX)
    }
    return event
  }

  for (const level of CAPTURED_CONSOLE_LEVELS) {
    const method = target[level]
    if (typeof method !== 'function') continue
    methods[level] = method
    original[level] = (...args: unknown[]) => method.apply(target, args)
    const replacement = function (this: unknown, ...args: unknown[]): unknown {
      try {
        return method.apply(this, args)
      } finally {
        if (!recording) {
          const site = new Error()
          record(() => consoleEvent(level, args, callerFrames(site)))
        }
      }
    }
    patched[level] = replacement
    try {
      target[level] = replacement
    } catch {}
  }

  const onError = (event: Event): void => {
    record(() => {
      const { message, filename, lineno, colno, error } = event as ErrorEvent
      // Failed loads of images and scripts reach a capturing listener too; they are no onerror.
      if (typeof message !== 'string') return undefined
      const location = filename ? `${filename}:${lineno}:${colno}` : undefined
      const text = isErrorLike(error)
        ? describeThrown(error).text
        : `${message || 'Uncaught error'}${location ? ` at ${location}` : ''}`
      const stack = cutText(text, EVENT_TEXT_MAX)
      const captured: CapturedEvent = { level: options.errorLevel, time: now(), text: stack, stack }
      if (location) captured.location = cutText(location, EVENT_TEXT_MAX)
      return captured
    })
  }
  const onRejection = (event: Event): void => {
    record(() => {
      const { reason } = event as PromiseRejectionEvent
      const level = 'unhandledrejection'
      if (!isErrorLike(reason)) {
        return { level, time: now(), text: cutText(safeInspect(reason), EVENT_TEXT_MAX) }
      }
      const stack = cutText(describeThrown(reason).text, EVENT_TEXT_MAX)
      return { level, time: now(), text: stack, stack }
    })
  }
  const detachJob = (job: JobEvents): void => {
    const index = running.indexOf(job)
    if (index >= 0) running.splice(index, 1)
  }
  const listen = { capture: true, passive: true }
  try {
    options.target?.addEventListener('error', onError, listen)
    options.target?.addEventListener('unhandledrejection', onRejection, listen)
  } catch {}

  return {
    beginJob() {
      const job = { buffer: createEventBuffer() }
      running.push(job)
      return job
    },
    endJob(job) {
      detachJob(job)
      return job.buffer.take()
    },
    detachJob,
    background,
    original,
    stop() {
      for (const level of CAPTURED_CONSOLE_LEVELS) {
        try {
          if (patched[level] && target[level] === patched[level]) target[level] = methods[level]
        } catch {}
      }
      try {
        options.target?.removeEventListener('error', onError, { capture: true })
        options.target?.removeEventListener('unhandledrejection', onRejection, { capture: true })
      } catch {}
    },
  }
}
