/**
 * Runs one test file through a runner's `run()` and prints each event as one line of JSON: the
 * side under test of the conformance suite, the same script in Node, Bun and Deno.
 *
 * Usage: <runtime> run-file.mjs <runner> <test file path> [<run options JSON>] [<mapping JSON>]
 * where <runner> is `node:test` or the URL of @daebug/test-runner, and <mapping> (Node only) is
 * `{ "scope": <folder URL>, "mapping": { <specifier>: <URL> } }` for specifier-hooks.mjs.
 */
import { eventToJson } from './event-json.mjs'

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2)
const [runner, file, options = '{}', mapping = ''] = args
if (mapping) {
  const { register } = await import('node:module')
  register(new URL('./specifier-hooks.mjs', import.meta.url), { data: JSON.parse(mapping) })
}
const { run } = await import(runner)
for await (const event of run({ files: [file], ...JSON.parse(options) })) {
  console.log(eventToJson(event))
}
