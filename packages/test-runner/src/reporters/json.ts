/**
 * The `json` reporter (Daebug's own; Node has none): every event, unchanged and in order, as one
 * JSON object per line — `{"type":"test:pass","data":{…}}` with node's event names and fields
 * (NDJSON, the shape of `POST /tests/run`'s stream without its tags). Read it back with
 * `text.split('\n').filter(Boolean).map((line) => JSON.parse(line))`.
 *
 * What JSON cannot hold is written so that nothing is lost silently:
 * - an error becomes `{"name", "message", "stack", …its own enumerable properties}` (Node's
 *   `ERR_TEST_FAILURE` wrapper keeps `code`, `failureType` and its `cause`, itself serialised
 *   the same way), which every reporter here turns back into the error it was;
 * - a bigint, symbol, function, `Map`, `Set` or `RegExp` (an assertion's `actual` or
 *   `expected`) becomes its `inspect()` text: `"10n"`, `"Map(1) { 'a' => 1 }"`;
 * - a circular reference becomes `"[Circular]"`.
 *
 * @example
 * {"type":"test:start","data":{"nesting":0,"name":"adds","line":3,"column":1,"file":"/project/a.test.js"}}
 * {"type":"test:pass","data":{"name":"adds","nesting":0,"testNumber":1,"details":{"duration_ms":1.25},"line":3,"column":1,"file":"/project/a.test.js"}}
 */
import { inspect, type TestEvent } from '@daebug/protocol'
import {
  type IncrementalReporter,
  type Reporter,
  type ReporterOptions,
  toReporter,
  withSharedOptions,
} from './reporter.js'
import { isError, toTestErrorInfo } from './test-error.js'

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

/** One event as one line of JSON, newline included. */
export function formatJsonEvent(event: TestEvent): string {
  const value = { type: event.type, data: event.data }
  try {
    return `${JSON.stringify(value, replaceValue)}\n`
  } catch {
    return `${JSON.stringify(value, replacingCycles())}\n`
  }
}

/** Creates a json reporter fed one event at a time: one line per event, nothing at the end. */
export function createJsonReporter(options: ReporterOptions = {}): IncrementalReporter {
  return withSharedOptions({ push: formatJsonEvent, end: () => '' }, options)
}

/** The json reporter as Node's `--test-reporter` takes it. */
export const json: Reporter = toReporter(createJsonReporter)

export default json
