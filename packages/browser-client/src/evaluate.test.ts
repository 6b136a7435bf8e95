import type { RealmResult } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { MESSAGE_MAX } from './cut.js'
import { buildResult, evaluateCode, outcomeOf, serializeResult } from './evaluate.js'

// biome-ignore lint/security/noGlobalEval: the evaluator under test runs code from strings
const globalEval = (source: string): unknown => globalThis.eval(source)
const none = { events: [], omitted: 0 }

test("the server's script runs once and its value is the result, a promise awaited", async () => {
  const counter = globalThis as { evaluateOnce?: number }
  counter.evaluateOnce = 0
  assert.is(await evaluateCode('\nevaluateOnce++; evaluateOnce * 10', globalEval), 10)
  assert.is(
    await evaluateCode('(async () => {\nreturn (await Promise.resolve(4))\n})()', globalEval),
    4,
  )
  assert.is(counter.evaluateOnce, 1)
  delete counter.evaluateOnce
})

test('a script that throws or does not parse rejects, and nothing runs twice', async () => {
  const error = await evaluateCode('\nlet = =', globalEval).catch((thrown: unknown) => thrown)
  assert.instance(error, SyntaxError)
  const thrown = await evaluateCode("\nthrow new TypeError('t')", globalEval).catch(
    (e: unknown) => e,
  )
  assert.instance(thrown, TypeError)
})

test("an error returned as a value is previewed without the client's frames", () => {
  const error = new Error('kept')
  error.stack = [
    'Error: kept',
    '    at eval (eval at evaluateCode (http://h/__daebug/client.js:9:4), <anonymous>:2:13)',
    '    at eval (<anonymous>)',
    '    at evaluateCode (http://h/__daebug/client.js:9:4)',
  ].join('\n')
  const result = buildResult('j1', { ok: true, value: error }, 1, none)
  assert.is(result.text, 'Error: kept\n    at <anonymous>:1:13')
})

test('a blocked eval becomes a failure with a hint about the CSP', () => {
  const thrown = new EvalError(
    "Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed",
  )
  const result = buildResult('j1', { ok: false, thrown }, 1, none)
  assert.match(result.text, /^EvalError: Refused/)
  assert.match(result.text, /Content-Security-Policy/)
})

test('a value whose preview throws still gives a result', () => {
  const hostile = new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error('no')
      },
      ownKeys() {
        throw new Error('no')
      },
    },
  )
  const result = buildResult('j1', { ok: true, value: hostile }, 1, none)
  assert.is(result.jobId, 'j1')
  assert.type(result.text, 'string')
})

test('a result too large for the server is cut below the limit', () => {
  const huge = '\u0001'.repeat(1_048_576)
  const result: RealmResult = {
    type: 'result',
    jobId: 'j1',
    ok: false,
    text: huge,
    error: { name: 'Error', message: huge, stack: huge },
    durationMs: 3,
    events: Array.from({ length: 10 }, () => ({
      level: 'log' as const,
      time: 0,
      text: huge.slice(0, 65_536),
    })),
    omitted: 0,
  }
  const text = serializeResult(result)
  assert.ok(text.length <= MESSAGE_MAX)
  const parsed = JSON.parse(text) as RealmResult
  assert.is(parsed.jobId, 'j1')
  assert.is(parsed.ok, false)
  assert.match(parsed.text, /more characters cut/)
})

/** A stream shaped like node:test's `run()` result that ends with `summary`. */
function fakeRun(counts: Record<string, number>, success: boolean) {
  const summary = {
    counts: {
      tests: 0,
      suites: 0,
      passed: 0,
      failed: 0,
      cancelled: 0,
      skipped: 0,
      todo: 0,
      topLevel: 0,
      ...counts,
    },
    duration_ms: 1234,
    success,
  }
  return {
    on() {},
    async *[Symbol.asyncIterator]() {},
    finished: new Promise<void>((resolve) => setTimeout(resolve, 5)),
    summary,
  }
}

test('a test run is waited for and replied to with one line; a failed one is a failure', async () => {
  const passed = buildResult(
    'j',
    await outcomeOf(fakeRun({ passed: 3, skipped: 1 }, true)),
    9,
    none,
  )
  assert.is(passed.ok, true)
  assert.is(passed.text, '3 passed, 0 failed, 1 skipped (1.2s)')
  assert.is(passed.value, undefined)
  const failed = buildResult(
    'j',
    await outcomeOf(fakeRun({ passed: 1, failed: 1, cancelled: 1, todo: 2 }, false)),
    9,
    none,
  )
  assert.is(failed.ok, false)
  assert.is(failed.text, 'TestsFailed: 1 passed, 2 failed, 0 skipped, 2 todo (1.2s)')
})

test('other values, streams without a summary field among them, are themselves', async () => {
  assert.equal(await outcomeOf(42), { ok: true, value: 42 })
  const stream = { on() {}, finished: Promise.resolve(), async *[Symbol.asyncIterator]() {} }
  assert.equal(await outcomeOf(stream), { ok: true, value: stream })
  let read = 0
  const watched = {
    get on() {
      read++
      return () => {}
    },
  }
  await outcomeOf(watched)
  assert.is(read, 0, "an ordinary value's getters are not run")
})

test.run()
