/**
 * A `node --test` reporter that writes every event node:test emits as one line of JSON: the
 * oracle's side of the conformance suite.
 *
 * @example
 * node --test --test-reporter=./oracle-reporter.mjs corpus/hooks-top-level.corpus.mjs
 */
import { eventToJson } from './event-json.mjs'

export default async function* oracleReporter(source) {
  for await (const event of source) yield `${eventToJson(event)}\n`
}
