import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { testEventJson } from './test-event-json.js'
import type { TestEvent } from './test-events.js'

const event = (data: object): TestEvent => ({ type: 'test:fail', data }) as unknown as TestEvent

test('a plain event is written as JSON.stringify writes it', () => {
  const data = { name: 'adds', nesting: 0, line: 3, details: { duration_ms: 0.5, skip: undefined } }
  assert.is(testEventJson(event(data)), JSON.stringify({ type: 'test:fail', data }))
})

test('an error anywhere in the data becomes its name, message and stack', () => {
  const error = new TypeError('nope')
  const parsed = JSON.parse(testEventJson(event({ details: { error } })))
  assert.equal(
    [parsed.data.details.error.name, parsed.data.details.error.message],
    ['TypeError', 'nope'],
  )
  assert.type(parsed.data.details.error.stack, 'string')
})

test('bigints, maps and functions inside plain objects become their inspect() text', () => {
  const parsed = JSON.parse(
    testEventJson(event({ details: { actual: [10n], expected: new Map([['a', 1]]) } })),
  )
  assert.equal(parsed.data.details, { actual: ['10n'], expected: "Map(1) { 'a' => 1 }" })
})

test('a cycle becomes [Circular] and the rest is kept', () => {
  const data: Record<string, unknown> = { name: 'loops' }
  data.self = data
  assert.equal(JSON.parse(testEventJson(event(data))).data, { name: 'loops', self: '[Circular]' })
})

test('objects of a class are written through the replacer, as before', () => {
  class Point {
    x = 1
  }
  const parsed = JSON.parse(testEventJson(event({ at: new Point(), when: new Date(0) })))
  assert.equal(parsed.data, { at: { x: 1 }, when: '1970-01-01T00:00:00.000Z' })
})

test.run()
