import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  DaebugError,
  ERROR_CODES,
  type ErrorCode,
  errorBody,
  HTTP_STATUS,
  isDaebugError,
  isErrorCode,
} from './errors.js'
import { RUN_SCOPES, type RunScope } from './relay.js'
import { TEST_EVENT_TYPES, type TestEventType } from './test-events.js'
import { parseMessage, validateEvalRequest } from './validate.js'

// Records keyed by a union fail to compile when a member is missing, so these keys are the unions.
const EVERY_TEST_EVENT: Record<TestEventType, true> = {
  'test:enqueue': true,
  'test:dequeue': true,
  'test:start': true,
  'test:pass': true,
  'test:fail': true,
  'test:plan': true,
  'test:diagnostic': true,
  'test:complete': true,
  'test:summary': true,
  'test:stdout': true,
  'test:stderr': true,
}
const EVERY_SCOPE: Record<RunScope, true> = { all: true, file: true, suite: true, test: true }

test('the runtime lists hold every member of their union exactly once', () => {
  assert.equal([...TEST_EVENT_TYPES].sort(), Object.keys(EVERY_TEST_EVENT).sort())
  assert.equal([...RUN_SCOPES].sort(), Object.keys(EVERY_SCOPE).sort())
  assert.equal(Object.keys(HTTP_STATUS).sort(), [...ERROR_CODES].sort())
})

test('the error codes SPEC §4.3 gives a status have that status; input problems are 400', () => {
  const spec: Partial<Record<ErrorCode, number>> = {
    NO_REALM: 404,
    RUN_IN_PROGRESS: 409,
    TOO_LARGE: 413,
    TIMEOUT: 504,
    FORBIDDEN: 403,
    BAD_MESSAGE: 400,
    UNKNOWN_COMMAND: 400,
    INVALID_ID: 400,
  }
  for (const [code, status] of Object.entries(spec))
    assert.is(HTTP_STATUS[code as ErrorCode], status)
  for (const status of Object.values(HTTP_STATUS)) assert.ok(status >= 400 && status < 600)
})

test('a DaebugError carries its code, status and cause, and serialises to the HTTP error body', () => {
  const cause = new Error('socket closed')
  const error = new DaebugError('NO_REALM', "No realm matches 'zen'.", { cause })
  assert.instance(error, Error)
  assert.is(error.name, 'DaebugError')
  assert.is(error.code, 'NO_REALM')
  assert.is(error.status, 404)
  assert.is(error.cause, cause)
  assert.is(
    JSON.stringify(error),
    '{"error":{"code":"NO_REALM","message":"No realm matches \'zen\'."}}',
  )
  assert.equal(error.toErrorBody(), errorBody('NO_REALM', "No realm matches 'zen'."))
})

test('a DaebugError is recognised also when another copy of the package made it', () => {
  const foreign = Object.assign(new Error('busy'), { name: 'DaebugError', code: 'RUN_IN_PROGRESS' })
  assert.ok(isDaebugError(new DaebugError('TIMEOUT', 'slow')))
  assert.ok(isDaebugError(foreign))
  assert.not.ok(isDaebugError(Object.assign(new Error('x'), { name: 'DaebugError', code: 'NOPE' })))
  assert.not.ok(isDaebugError({ name: 'DaebugError', code: 'TIMEOUT', message: 'plain object' }))
  assert.ok(isErrorCode('CANCELLED'))
  assert.not.ok(isErrorCode('cancelled'))
})

test('a validation failure becomes an error answer with the status of its code', () => {
  const refused = parseMessage(JSON.stringify({ code: 'x'.repeat(1_048_577) }), validateEvalRequest)
  assert.ok(!refused.ok)
  const error = new DaebugError(refused.code, refused.error)
  assert.is(error.status, 413)
  assert.equal(error.toErrorBody(), {
    error: {
      code: 'TOO_LARGE',
      message: 'code: too long: 1,048,577 characters; the limit is 1,048,576',
    },
  })
})

test.run()
