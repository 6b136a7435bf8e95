/**
 * One test event as one line of JSON, the same in Node, Bun, Deno and browsers: node:test's
 * `{ type, data }` with errors turned into plain objects (`name`, `message`, `code`,
 * `failureType`, `cause`) and values JSON cannot hold (undefined, symbols, bigints, functions)
 * tagged as `{ "$value": "<kind> <text>" }`. Plain JavaScript, so that `node --test
 * --test-reporter` and every runtime load it without a build step.
 */

const MAX_DEPTH = 6

/** Whether `value` is an Error of any realm (instanceof fails across iframes and workers). */
function isError(value) {
  return Object.prototype.toString.call(value) === '[object Error]' || value instanceof Error
}

/** `value` as something JSON.stringify keeps as it is. */
export function toPlain(value, depth = 0) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : { $value: `number ${value}` }
  if (typeof value !== 'object') return { $value: `${typeof value} ${String(value)}` }
  if (depth > MAX_DEPTH) return { $value: 'object (too deep)' }
  if (isError(value)) {
    const error = { name: String(value.name), message: String(value.message) }
    for (const key of ['code', 'failureType']) if (value[key] !== undefined) error[key] = value[key]
    if ('cause' in value) error.cause = toPlain(value.cause, depth + 1)
    return error
  }
  if (Array.isArray(value)) return value.map((item) => toPlain(item, depth + 1))
  const plain = {}
  for (const [key, item] of Object.entries(value)) plain[key] = toPlain(item, depth + 1)
  return plain
}

/** The event as one line of JSON (no newline). */
export function eventToJson(event) {
  return JSON.stringify({ type: event.type, data: toPlain(event.data) })
}
