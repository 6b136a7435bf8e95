import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readIsolation } from './isolated-run.js'

test("a run is isolated in the realm's kind of child unless it asks for 'none'", () => {
  assert.equal(
    [undefined, 'process', 'iframe', 'worker', 'none'].map((value) => readIsolation(value, false)),
    ['iframe', 'iframe', 'iframe', 'iframe', 'none'],
  )
  assert.equal(
    [undefined, 'process', 'iframe', 'worker', 'none'].map((value) => readIsolation(value, true)),
    ['worker', 'worker', 'worker', 'worker', 'none'],
  )
})

test('an isolation that is not one of the names is refused as node refuses it', () => {
  assert.throws(
    () => readIsolation('thread', false),
    (error: Error & { code?: string }) =>
      error.code === 'ERR_INVALID_ARG_VALUE' &&
      error.message ===
        "The property 'options.isolation' must be one of: process, iframe, worker, none. Received 'thread'",
  )
  assert.throws(
    () => readIsolation(1, false),
    (error: Error & { code?: string }) => error.code === 'ERR_INVALID_ARG_TYPE',
  )
})

test.run()
