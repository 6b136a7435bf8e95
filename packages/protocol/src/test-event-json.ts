/**
 * Test events as JSON, for every hop they make: a realm to the server, an isolated iframe or
 * worker to the realm that started the run, the server to NDJSON and relay clients, and the
 * `json` reporter. What JSON cannot hold is written so that nothing is lost silently:
 * - an error becomes `{name, message, stack, …its own enumerable properties}` (its `cause` too);
 * - a bigint, symbol, function, `Map`, `Set` or `RegExp` (an assertion's `actual` or
 *   `expected`) becomes its `inspect()` text: `"10n"`, `"Map(1) { 'a' => 1 }"`;
 * - a circular reference becomes `"[Circular]"`.
 */
import { inspect } from './inspect.js'
import type { TestErrorInfo, TestEvent } from './test-events.js'

type Fields = Record<string, unknown>

/** True for errors, from this realm or another one (an iframe's errors fail `instanceof`). */
export function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]'
}

/** A property of an object or function, or `undefined` for anything else (or a throwing getter). */
export function fieldOf(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return undefined
  try {
    return (value as Fields)[key]
  } catch {
    return undefined
  }
}

/**
 * An error as plain data: `name`, `message` and `stack` first, then its own enumerable
 * properties in order, and its `cause` (serialised the same way when it is an error).
 */
export function toTestErrorInfo(error: Error, seen: Set<Error> = new Set()): TestErrorInfo {
  seen.add(error)
  const info: Fields = {
    name: String(fieldOf(error, 'name') ?? 'Error'),
    message: String(fieldOf(error, 'message') ?? ''),
    stack: fieldOf(error, 'stack'),
  }
  for (const key of Object.keys(error)) info[key] = fieldOf(error, key)
  if (!('cause' in info) && Object.hasOwn(error, 'cause')) info.cause = fieldOf(error, 'cause')
  if (isError(info.cause)) {
    info.cause = seen.has(info.cause) ? '[Circular]' : toTestErrorInfo(info.cause, seen)
  }
  return info as unknown as TestErrorInfo
}

function shownAsText(value: unknown): boolean {
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
    return true
  }
  return value instanceof Map || value instanceof Set || value instanceof RegExp
}

function replaceValue(_key: string, value: unknown): unknown {
  if (isError(value)) return toTestErrorInfo(value)
  return shownAsText(value) ? inspect(value) : value
}

/** Like {@link replaceValue}, and each object met a second time on the way is `[Circular]`. */
function replacingCycles(): (key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>()
  return (key, value) => {
    const replaced = replaceValue(key, value)
    if (typeof replaced !== 'object' || replaced === null) return replaced
    if (seen.has(replaced)) return '[Circular]'
    seen.add(replaced)
    return replaced
  }
}

/**
 * Whether `value` is JSON as it stands: primitives, and arrays and plain objects of them (a few
 * levels deep). Most events are; they skip the replacer, which costs a call per value.
 */
function isPlainData(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) {
    return typeof value !== 'bigint' && typeof value !== 'symbol' && typeof value !== 'function'
  }
  if (depth > 6) return false
  const prototype = Object.getPrototypeOf(value)
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return false
    for (const item of value) if (!isPlainData(item, depth + 1)) return false
    return true
  }
  if (prototype !== Object.prototype && prototype !== null) return false
  for (const key in value) {
    if (!isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false
  }
  return true
}

/**
 * One event as one line of JSON (`{"type":"test:pass","data":{…}}`, no newline). Never throws:
 * an event whose data cannot be written at all keeps its type and says why.
 * @example
 * testEventJson({ type: 'test:plan', data: { nesting: 0, count: 2 } })
 * // '{"type":"test:plan","data":{"nesting":0,"count":2}}'
 */
export function testEventJson(event: TestEvent): string {
  const value = { type: event.type, data: event.data }
  try {
    return isPlainData(event.data) ? JSON.stringify(value) : JSON.stringify(value, replaceValue)
  } catch {}
  try {
    return JSON.stringify(value, replacingCycles())
  } catch (error) {
    const why = isError(error) ? error.message : String(error)
    return JSON.stringify({ type: event.type, data: { message: `unserialisable event: ${why}` } })
  }
}
