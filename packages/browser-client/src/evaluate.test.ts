import type { RealmResult } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { MESSAGE_MAX } from './cut.js'
import { buildResult, evaluateCode, serializeResult } from './evaluate.js'

// biome-ignore lint/security/noGlobalEval: the evaluator under test runs code from strings
const globalEval = (source: string): unknown => globalThis.eval(source)
const none = { events: [], omitted: 0 }

test('an expression is the value, statements may return one', async () => {
  assert.is(await evaluateCode('1 + 1', globalEval), 2)
  assert.equal(await evaluateCode('{a: 1}', globalEval), { a: 1 })
  assert.is(await evaluateCode('const a = 2\nreturn a * 3', globalEval), 6)
  assert.is(await evaluateCode('await Promise.resolve(4) // comment', globalEval), 4)
  assert.is(await evaluateCode('Math.max(1, 5);\n', globalEval), 5)
})

test('code is evaluated once, even when only the statement form parses', async () => {
  const counter = globalThis as { evaluateOnce?: number }
  counter.evaluateOnce = 0
  await evaluateCode('evaluateOnce++; evaluateOnce++', globalEval)
  assert.is(counter.evaluateOnce, 2)
  delete counter.evaluateOnce
})

test('a syntax error in both forms rejects with the statement form error', async () => {
  const error = await evaluateCode('let = =', globalEval).catch((thrown: unknown) => thrown)
  assert.instance(error, SyntaxError)
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

test.run()
