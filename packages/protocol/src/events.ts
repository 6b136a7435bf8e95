/**
 * Console calls and uncaught errors captured in a realm (SPEC §2.5, §3.3), and their Markdown form.
 */
import { writeFence } from './fences.js'
import { formatClock } from './time.js'

/** Console methods that are captured. */
export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'table' | 'dir'

/** What produced an event: a console method, or an uncaught error / rejection. */
export type EventLevel = ConsoleLevel | 'window.onerror' | 'self.onerror' | 'unhandledrejection'

/** The console methods that are captured (SPEC §3.3). */
export const CONSOLE_LEVELS: readonly ConsoleLevel[] = [
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
  'table',
  'dir',
]

/** All event levels, for validation. */
export const EVENT_LEVELS: readonly EventLevel[] = [
  ...CONSOLE_LEVELS,
  'window.onerror',
  'self.onerror',
  'unhandledrejection',
]

/** One captured event, as a realm reports it. */
export interface CapturedEvent {
  level: EventLevel
  /** Epoch milliseconds. */
  time: number
  /** The arguments previewed and joined by spaces, or the error's stack; 2-space JSON when `json`. */
  text: string
  /** True when the call had exactly one argument and it is lossless JSON (`text` holds it). */
  json?: boolean
  stack?: string
  /** `url:line:column` of the call, when known. */
  location?: string
}

/** Events as a realm keeps them: the first 2, a ring of the last 8, and how many were dropped between. */
export interface EventBatch {
  events: CapturedEvent[]
  /** Events dropped between `events[1]` and `events[2]`. */
  omitted: number
}

const KEEP_FIRST = 2
const KEEP_LAST = 8

/**
 * Compresses events to the first 2 and the last 8, counting what was dropped (SPEC §2.5). A batch
 * that already dropped events keeps its count.
 */
export function compressEvents<T extends CapturedEvent | LoggedEvent>(
  events: readonly T[],
  omitted: number = 0,
): { events: T[]; omitted: number } {
  if (events.length <= KEEP_FIRST + KEEP_LAST) return { events: [...events], omitted }
  return {
    events: [...events.slice(0, KEEP_FIRST), ...events.slice(-KEEP_LAST)],
    omitted: omitted + events.length - KEEP_FIRST - KEEP_LAST,
  }
}

const ICONS: Record<EventLevel, string> = {
  log: '☑️',
  info: 'ℹ️',
  warn: '🆘',
  error: '🆘',
  debug: '🔢',
  trace: '🔢',
  table: '🔢',
  dir: '🔢',
  'window.onerror': '🚫',
  'self.onerror': '🚫',
  unhandledrejection: '🚫',
}

/** The label of an event's heading and fence: `console.log`, `window.onerror`, … */
export function eventLabel(level: EventLevel): string {
  return level.includes('.') || level === 'unhandledrejection' ? level : `console.${level}`
}

/** An event as a log shows it: the time is the server's `HH:MM:SS` (what {@link parseEvents} reads back). */
export interface LoggedEvent {
  level: EventLevel
  clock: string
  /** The fence's content: the previewed text, the 2-space JSON, or the error's stack. */
  text: string
  json?: boolean
}

/** The icon of an event's heading: `☑️` for `console.log`, `🚫` for uncaught errors, … */
export function eventIcon(level: EventLevel): string {
  return ICONS[level]
}

/** True for the levels of uncaught errors and rejections. */
export function isUncaught(level: EventLevel): boolean {
  return ICONS[level] === '🚫'
}

/** Converts a captured event to the form the log shows. */
export function toLoggedEvent(event: CapturedEvent): LoggedEvent {
  const uncaught = isUncaught(event.level)
  return {
    level: event.level,
    clock: formatClock(event.time),
    text: uncaught ? event.stack || event.text : event.text,
    ...(event.json && !uncaught ? { json: true } : {}),
  }
}

/** Formats one event: a level-5 heading with its time and a fence (SPEC §2.5). */
export function formatEvent(event: CapturedEvent | LoggedEvent): string {
  const logged = 'clock' in event ? event : toLoggedEvent(event)
  const label = eventLabel(logged.level)
  const tag = isUncaught(logged.level)
    ? `Error ${label}`
    : `${logged.json ? 'JSON' : 'Text'} ${label}`
  return `##### ${ICONS[logged.level]}${label} ${logged.clock}\n${writeFence(tag, logged.text)}`
}

/** The line that stands for dropped events. */
export function formatOmittedLine(count: number): string {
  return `... (${count} more background events omitted) ...`
}

/**
 * Formats events one after another with no blank lines, compressed to the first 2 and the last 8
 * with the omission line (one blank line on each side) when more were captured.
 */
export function formatEvents(
  events: ReadonlyArray<CapturedEvent | LoggedEvent>,
  omitted: number = 0,
): string {
  const batch = compressEvents(events, omitted)
  const parts = batch.events.map(formatEvent)
  if (batch.omitted > 0 && parts.length > KEEP_FIRST) {
    const head = parts.slice(0, KEEP_FIRST).join('\n')
    const tail = parts.slice(KEEP_FIRST).join('\n')
    return `${head}\n\n${formatOmittedLine(batch.omitted)}\n\n${tail}`
  }
  if (batch.omitted > 0) return `${parts.join('\n')}\n\n${formatOmittedLine(batch.omitted)}`
  return parts.join('\n')
}

/**
 * Formats a background block: events that happened outside any job (SPEC §2.5). The header's time
 * is the first event's time.
 */
export function formatBackgroundBlock(
  realm: string,
  batch: { events: ReadonlyArray<CapturedEvent | LoggedEvent>; omitted: number },
): string {
  const first = batch.events[0]
  const time = !first ? '00:00:00' : 'clock' in first ? first.clock : formatClock(first.time)
  const header = `#### 📣${realm} background at ${time}`
  const body = formatEvents(batch.events, batch.omitted)
  return body ? `${header}\n${body}` : header
}
