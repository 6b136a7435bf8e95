import type { TestEvent } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatJsonEvent } from './json.js'

const failWith = (error: unknown): TestEvent =>
  ({
    type: 'test:fail',
    data: { name: 't', nesting: 0, testNumber: 1, details: { duration_ms: 1, error } },
  }) as TestEvent

test('an event is one line: its type, then its data as it came', () => {
  assert.is(
    formatJsonEvent({ type: 'test:plan', data: { nesting: 0, count: 2 } }),
    '{"type":"test:plan","data":{"nesting":0,"count":2}}\n',
  )
})

test('an error is written with name, message and stack first, then its own properties', () => {
  const cause = Object.assign(new Error('inner'), {
    stack: 'Error: inner\n    at f (a.js:1:1)',
    actual: 10n,
    expected: new Map([['a', 1]]),
  })
  const wrapper = Object.assign(new Error('outer'), {
    stack: 'Error: outer',
    code: 'ERR_TEST_FAILURE',
    failureType: 'testCodeFailure',
    cause,
  })
  const line = formatJsonEvent(failWith(wrapper))
  assert.is(
    line,
    '{"type":"test:fail","data":{"name":"t","nesting":0,"testNumber":1,"details":{"duration_ms":1,"error":' +
      '{"name":"Error","message":"outer","stack":"Error: outer","code":"ERR_TEST_FAILURE","failureType":"testCodeFailure",' +
      '"cause":{"name":"Error","message":"inner","stack":"Error: inner\\n    at f (a.js:1:1)","actual":"10n","expected":"Map(1) { \'a\' => 1 }"}}}}}\n',
  )
})

test('a circular value is written as [Circular], and the line still parses', () => {
  const actual: Record<string, unknown> = { a: 1 }
  actual.self = actual
  const line = formatJsonEvent(
    failWith({ name: 'AssertionError', message: 'm', actual, expected: 1 }),
  )
  const parsed = JSON.parse(line) as { data: { details: { error: { actual: unknown } } } }
  assert.equal(parsed.data.details.error.actual, { a: 1, self: '[Circular]' })
})

test.run()
