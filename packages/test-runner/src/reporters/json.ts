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
import { type TestEvent, testEventJson } from '@daebug/protocol'
import {
  type IncrementalReporter,
  type Reporter,
  type ReporterOptions,
  toReporter,
  withSharedOptions,
} from './reporter.js'

/** One event as one line of JSON, newline included. */
export function formatJsonEvent(event: TestEvent): string {
  return `${testEventJson(event)}\n`
}

/** Creates a json reporter fed one event at a time: one line per event, nothing at the end. */
export function createJsonReporter(options: ReporterOptions = {}): IncrementalReporter {
  return withSharedOptions({ push: formatJsonEvent, end: () => '' }, options)
}

/** The json reporter as Node's `--test-reporter` takes it. */
export const json: Reporter = toReporter(createJsonReporter)

export default json
