/**
 * The same fixture files under Node's node:test (the oracle) and under this runner's `run()`:
 * the same events, in the same order, with the same names, nesting, numbers, outcomes, failure
 * types and messages, and locations.
 */
import assert from 'node:assert/strict'
import { test } from 'uvu'
import { describeEvents, nodeEvents, ourEvents, type PlainEvent } from './node-oracle.test-util.js'

/**
 * Node emits `test:complete` twice for a test cancelled by its parent that later ends on its own
 * (once when cancelled, once when it ends); this runner emits it once.
 */
function withoutRepeatedCompletes(events: PlainEvent[]): PlainEvent[] {
  const seen = new Set<string>()
  return events.filter((event) => {
    if (event.type !== 'test:complete') return true
    const { nesting, name, testNumber, line, column } = event.data
    const key = `${nesting} ${name} ${testNumber} ${line}:${column}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

async function compare(file: string, nodeArgs: string[] = [], options = {}): Promise<void> {
  const oracle = withoutRepeatedCompletes(await nodeEvents([file], nodeArgs))
  const theirs = describeEvents(oracle, { withoutSummary: true })
  const ours = describeEvents(await ourEvents([file], options), { withoutSummary: true })
  assert.deepEqual(ours, theirs)
}

test('tests, suites, subtests, skips, todos and failures emit what node:test emits', async () => {
  await compare('basics.mjs')
})

test('hooks run in node:test order, around nested suites and subtests', async () => {
  await compare('hooks.mjs')
})

test('failing hooks and suite functions fail and cancel tests as in node:test', async () => {
  await compare('hook-failures.mjs')
})

test('a failing root before hook fails every test, a failing root after hook reports the file', async () => {
  await compare('root-hook-failures.mjs')
})

test('done callbacks, timeouts, uncaught errors, plans and t.skip/t.todo end tests as in node:test', async () => {
  await compare('callbacks.mjs')
})

test('the context: t.mock restored at the end, plans, this, t.assert failures', async () => {
  await compare('context.mjs')
})

test('without --test-only, only marks run everything and warn as node:test does', async () => {
  await compare('only.mjs')
})

test('with only set, tests without only are skipped as under --test-only', async () => {
  await compare('only.mjs', ['--test-only'], { only: true })
})

test('name patterns skip the tests whose name and ancestors do not match', async () => {
  await compare('names.mjs', ['--test-name-pattern=alpha'], { testNamePatterns: 'alpha' })
  await compare('names.mjs', ['--test-name-pattern=/ALPHA/i', '--test-name-pattern=k'], {
    testNamePatterns: ['/ALPHA/i', /k/],
  })
})

test('concurrent tests, concurrent subtests and suite timeouts interleave as in node:test', async () => {
  await compare('concurrency.mjs')
})

test('skipped and todo suites, deep nesting, test() in tests, signals and unawaited subtests', async () => {
  await compare('nesting.mjs')
})

test('several files report like node --test: results in order, an empty file as a passing test', async () => {
  // node --test runs each file in its own process; its file-level wrapper events, its
  // per-process numbering of test:complete and its output events are its own. The test standing
  // for a file is numbered by the file's place in the run (2 here), by node and by this runner.
  const declarationOrder = ['test:start', 'test:pass', 'test:fail', 'test:plan', 'test:diagnostic']
  const keep = (events: PlainEvent[]) =>
    events.filter((event) => declarationOrder.includes(event.type))
  const files = ['basics.mjs', 'empty.mjs', 'names.mjs']
  const theirs = describeEvents(keep(await nodeEvents(files, ['--test'])))
  const ours = describeEvents(keep(await ourEvents(files)))
  assert.ok(ours.includes('test:pass 0 "empty.mjs" #2 @1:1 empty.mjs'))
  assert.deepEqual(ours, theirs)
})

test.run()
