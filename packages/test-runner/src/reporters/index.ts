/**
 * @module
 * The reporters of `@daebug/test-runner` (SPEC §5.5): Node 20's `spec`, `tap`, `dot` and `junit`
 * with Node's exact text (no colour), and Daebug's `json` (one event per line) and `markdown`
 * (the log report of SPEC §2.7). Each is an async generator over node's test events, so Node
 * itself can load it with `--test-reporter` (its default export), and an incremental reporter
 * (`createReporter(name)`) that a page can feed as events arrive. No `node:*` import.
 *
 * Where the output can differ from Node 20's for the same events:
 * - junit's `hostname` is the `hostname` option (default `localhost`), not `os.hostname()`;
 * - spec's `test at …` paths are relative to the `cwd` option (default `process.cwd()`, in a page
 *   its origin), with POSIX rules only; a URL outside it is printed whole;
 * - dot breaks lines every 20 marks (the `columns` option), Node's width off a terminal;
 * - thrown values are printed by protocol's `inspect`, a port of `util.inspect` with its listed
 *   differences; no `[util.inspect.custom]` hook runs except the assertion errors' depth-0 one,
 *   which is reproduced;
 * - an error that crossed JSON has lost its `undefined` properties (assert.fail's `actual`) and
 *   its class (only the name is kept), and its `cause` counts as enumerable only on the
 *   `ERR_TEST_FAILURE` wrapper;
 * - a diagnostic with an empty message is an empty junit comment (Node's junit throws).
 */
export { createDotReporter, dot } from './dot.js'
export { createJsonReporter, formatJsonEvent, json } from './json.js'
export { createJunitReporter, junit } from './junit.js'
export {
  createMarkdownReporter,
  createTestReportCollector,
  formatFailure,
  markdown,
  type TestReportCollector,
} from './markdown.js'
export {
  type IncrementalReporter,
  type Reporter,
  type ReporterOptions,
  toReporter,
} from './reporter.js'
export {
  createLineReporter,
  createReporter,
  isReporterName,
  type LineReporter,
  type ReporterName,
  reporters,
} from './reporters.js'
export { createSpecReporter, spec } from './spec.js'
export { createTapReporter, tap } from './tap.js'
export { reviveTestError, toTestErrorInfo } from './test-error.js'
