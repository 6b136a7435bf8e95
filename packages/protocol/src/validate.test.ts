import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type CapturedEvent, EVENT_LEVELS } from './events.js'
import type {
  DiscoverRequest,
  EvalRequest,
  RealmHello,
  RealmToServerMessage,
  TestsRunRequest,
} from './messages.js'
import type { ToolToServerMessage } from './relay.js'
import { mulberry32 } from './seeded-random.test-util.js'
import type { TestEvent } from './test-events.js'
import {
  LIMITS,
  parseMessage,
  type Validation,
  type Validator,
  validateCapturedEvent,
  validateDiscoverRequest,
  validateEvalRequest,
  validateRealmMessage,
  validateTestEvent,
  validateTestsRunRequest,
  validateToolMessage,
} from './validate.js'

const event: CapturedEvent = { level: 'log', time: 1767268923000, text: 'hello 1' }
const failed: CapturedEvent = {
  level: 'window.onerror',
  time: 1767268923001.5,
  text: 'TypeError: x is not a function',
  stack: 'TypeError: x is not a function\n    at http://localhost:8680/app.js:3:5',
  location: 'http://localhost:8680/app.js:3:5',
}
const where = { file: 'http://localhost:8680/math.test.js', line: 3, column: 1 }
const passData = {
  name: 'adds',
  nesting: 1,
  testNumber: 1,
  details: { duration_ms: 0.4 },
  ...where,
}

const evalRequests: EvalRequest[] = [
  { code: '1 + 1' },
  { code: '', timeout: 5000, agent: 'claude' },
]
const discoverRequests: DiscoverRequest[] = [{}, { files: ['src/**/*.test.js'], exclude: ['x'] }]
const testsRunRequests: TestsRunRequest[] = [
  {},
  {
    realm: 'zen',
    files: ['a.test.js'],
    testNamePatterns: ['^adds', '/ADDS/i'],
    only: true,
    timeout: 1,
  },
]
const testEvents: TestEvent[] = [
  { type: 'test:enqueue', data: { name: 'math', nesting: 0, ...where } },
  { type: 'test:dequeue', data: { name: 'math', nesting: 0 } },
  { type: 'test:start', data: { name: 'adds', nesting: 1, ...where } },
  { type: 'test:plan', data: { nesting: 1, count: 2 } },
  { type: 'test:diagnostic', data: { nesting: 0, message: 'tests 2' } },
  { type: 'test:stdout', data: { file: where.file, message: 'hi\n' } },
  { type: 'test:stderr', data: { message: 'oops\n' } },
  { type: 'test:pass', data: { ...passData, skip: 'not on Safari', todo: false } },
  {
    type: 'test:fail',
    data: {
      ...passData,
      details: {
        duration_ms: 2,
        type: 'test',
        error: {
          name: 'AssertionError',
          message: 'Expected values to be strictly equal:\n\n1 !== 2\n',
          code: 'ERR_ASSERTION',
          failureType: 'testCodeFailure',
          expected: 2,
          actual: 1,
          operator: 'strictEqual',
          cause: { name: 'Error', message: 'inner' },
        },
      },
    },
  },
  { type: 'test:complete', data: { ...passData, details: { duration_ms: 1, passed: true } } },
  {
    type: 'test:summary',
    data: {
      counts: {
        tests: 2,
        suites: 1,
        passed: 1,
        failed: 1,
        cancelled: 0,
        skipped: 0,
        todo: 0,
        topLevel: 1,
      },
      duration_ms: 12.5,
      success: false,
    },
  },
]
const realmMessages: RealmToServerMessage[] = [
  {
    type: 'hello',
    name: '7-zen-1201-03',
    instance: 'k3j9',
    kind: 'page',
    url: 'http://localhost:8680/',
    importMap: {
      imports: { lit: '/vendor/lit.js', 'lib/': '/vendor/lib/' },
      scopes: { '/admin/': { lit: '/admin/lit.js' } },
    },
  },
  {
    type: 'hello',
    name: '7-zen-1201-03-webworker',
    instance: 'q81z',
    kind: 'worker',
    url: 'worker://7-zen-1201-03-webworker',
    title: 'Demo — tab\nwith a line break',
    parent: '7-zen-1201-03',
    version: '0.1.0',
  },
  {
    type: 'result',
    jobId: 'j1',
    ok: true,
    value: '{"a":1}',
    text: '{\n  "a": 1\n}',
    durationMs: 5,
    events: [event],
    omitted: 0,
  },
  {
    type: 'result',
    jobId: 'j2',
    ok: false,
    text: 'Error: boom',
    error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at <anonymous>:1:7' },
    durationMs: 0.25,
    events: [event, failed],
    omitted: 12,
  },
  { type: 'events', events: [failed], omitted: 0 },
  { type: 'heartbeat' },
  { type: 'test', jobId: 'j3', events: testEvents },
  { type: 'test', jobId: 'j3', events: [] },
  { type: 'note', text: 'no worker: blocked by CSP worker-src' },
  {
    type: 'worker',
    worker: '7-zen-1201-03-webworker',
    status: 'restarted',
    text: 'worker unresponsive for 6 s; restarted',
    silentMs: 6000,
  },
  {
    type: 'worker',
    worker: '7-zen-1201-03-webworker',
    status: 'failed',
    text: 'restarted 10 times',
  },
]
const toolMessages: ToolToServerMessage[] = [
  { type: 'hello', role: 'client' },
  { type: 'hello', id: 'h1', role: 'client', name: 'claude-code', subscribe: true },
  { type: 'run', scope: 'all' },
  { type: 'run', id: 'math.test.js#math › adds', scope: 'test', realm: 'zen', queue: true },
  { type: 'run', scope: 'suite', pattern: '^math' },
  { type: 'run', scope: 'file', files: ['math.test.js'], watch: true },
  { type: 'tree', id: 't1', realm: 'zen' },
  { type: 'status' },
  { type: 'cancel', id: 'c1', runId: 'r7' },
  { type: 'eval', id: 'e1', realm: 'worker', code: 'self.name', timeout: 2000 },
]
const capturedEvents: CapturedEvent[] = [
  ...EVENT_LEVELS.map((level, index) => ({ level, time: index, text: `${level} text` })),
  { level: 'log', time: 0, text: '{\n  "a": 1\n}', json: true },
  failed,
]

const validators: [string, Validator<unknown>, unknown[]][] = [
  ['validateEvalRequest', validateEvalRequest, evalRequests],
  ['validateDiscoverRequest', validateDiscoverRequest, discoverRequests],
  ['validateTestsRunRequest', validateTestsRunRequest, testsRunRequests],
  ['validateRealmMessage', validateRealmMessage, realmMessages],
  ['validateToolMessage', validateToolMessage, toolMessages],
  ['validateCapturedEvent', validateCapturedEvent, capturedEvents],
  ['validateTestEvent', validateTestEvent, testEvents],
]

test('a valid example of every message passes and comes back equal, also from its JSON', () => {
  for (const [name, validate, examples] of validators) {
    for (const example of examples) {
      const text = JSON.stringify(example)
      assert.equal(validate(example), { ok: true, value: example }, `${name} ${text}`)
      assert.equal(parseMessage(text, validate), { ok: true, value: example }, `${name} ${text}`)
    }
  }
})

test('unknown fields are left out of the value, and the value is a fresh copy', () => {
  const input = {
    type: 'result',
    jobId: 'j',
    ok: true,
    text: '1',
    durationMs: 1,
    events: [{ ...event, extra: 1 }],
    omitted: 0,
    next: 'x',
  }
  const checked = validateRealmMessage(input)
  assert.equal(checked, {
    ok: true,
    value: {
      type: 'result',
      jobId: 'j',
      ok: true,
      text: '1',
      durationMs: 1,
      events: [event],
      omitted: 0,
    },
  })
  assert.is.not(checked.ok && checked.value, input)
  const data = { ...passData, details: { duration_ms: 1, added: { in: 'node 24' } } }
  const copied = validateTestEvent({ type: 'test:pass', data })
  assert.equal(copied, { ok: true, value: { type: 'test:pass', data } })
  assert.is.not(copied.ok && copied.value.data, data)
})

function nested(levels: number): unknown {
  let value: unknown = 0
  for (let level = 0; level < levels; level++) value = [value]
  return value
}

const TOOL_TYPES = 'hello, run, tree, status, cancel, eval'
const SCOPES = "'all', 'file', 'suite', 'test'"
const LEVELS = EVENT_LEVELS.map((level) => `'${level}'`).join(', ')

const failures: [Validator<unknown>, unknown, string, string?][] = [
  [
    validateToolMessage,
    { type: 'run', scope: 'everything' },
    `run.scope: expected one of ${SCOPES}, got 'everything'`,
  ],
  [
    validateToolMessage,
    { type: 'runn' },
    "unknown message type 'runn'; expected one of: hello, run, tree, status, cancel, eval",
    'UNKNOWN_COMMAND',
  ],
  [validateToolMessage, { scope: 'all' }, `missing message type; expected one of: ${TOOL_TYPES}`],
  [validateToolMessage, { type: 5 }, `message type must be a string, one of: ${TOOL_TYPES}; got 5`],
  [
    validateToolMessage,
    [],
    `expected an object with a 'type' (one of: ${TOOL_TYPES}), got an array (0 items)`,
  ],
  [
    validateToolMessage,
    { type: 'hello', role: 'browser' },
    "hello.role: expected 'client', got 'browser'; " +
      'realms connect through the realm channel, never the relay',
  ],
  [
    validateToolMessage,
    { type: 'run', scope: 'test' },
    "run.id: missing; scope 'test' needs a test id ('<file>#<suite › test>') or a pattern",
  ],
  [
    validateToolMessage,
    { type: 'run', scope: 'file', pattern: 'x' },
    "run.id: missing; scope 'file' needs a file id (the file's project-relative path) or files",
  ],
  [
    validateToolMessage,
    { type: 'cancel', id: 7, runId: 'r' },
    'cancel.id: expected a non-empty single-line string, got 7',
  ],
  [
    validateToolMessage,
    { type: 'run', scope: 'x'.repeat(100) },
    `run.scope: expected one of ${SCOPES}, got '${'x'.repeat(40)}…' (100 characters)`,
  ],
  [validateEvalRequest, { code: 5 }, 'code: expected a string, got 5'],
  [validateEvalRequest, {}, 'code: missing; expected a string'],
  [validateEvalRequest, null, 'expected an object, got null'],
  [
    validateEvalRequest,
    { code: '1', timeout: 0 },
    'timeout: expected a positive integer (milliseconds, at most 2,147,483,647), got 0',
  ],
  [
    validateEvalRequest,
    { code: '1', timeout: 1.5 },
    'timeout: expected a positive integer (milliseconds, at most 2,147,483,647), got 1.5',
  ],
  [
    validateEvalRequest,
    { code: '1', agent: 'a\nb' },
    "agent: expected a non-empty single-line string without control characters, got 'a\\nb'",
  ],
  [
    validateEvalRequest,
    { code: 'x'.repeat(LIMITS.code + 1) },
    'code: too long: 1,048,577 characters; the limit is 1,048,576',
    'TOO_LARGE',
  ],
  [
    validateDiscoverRequest,
    { files: Array(10_001).fill('a') },
    'files: too many items: 10,001; the limit is 10,000',
    'TOO_LARGE',
  ],
  [
    validateDiscoverRequest,
    { exclude: ['a', ''] },
    "exclude[1]: expected a non-empty single-line string, got ''",
  ],
  [
    validateTestsRunRequest,
    { testNamePatterns: ['('] },
    'testNamePatterns[0]: not a valid regular expression ' +
      '(SyntaxError: Invalid regular expression: /(/: Unterminated group)',
  ],
  [validateTestsRunRequest, { only: 'yes' }, "only: expected true or false, got 'yes'"],
  [
    validateCapturedEvent,
    { ...event, time: Number.NaN },
    'time: expected a non-negative number (epoch milliseconds), got NaN',
  ],
  [
    validateRealmMessage,
    { type: 'events', events: [event, { ...event, level: 'verbose' }], omitted: 0 },
    `events.events[1].level: expected one of ${LEVELS}, got 'verbose'`,
  ],
  [
    validateRealmMessage,
    { type: 'result', jobId: 'j', ok: true, text: '', durationMs: -1, events: [], omitted: 0 },
    'result.durationMs: expected a non-negative number (milliseconds), got -1',
  ],
  [
    validateRealmMessage,
    { type: 'test', jobId: 'j', events: [{ type: 'test:foo', data: {} }] },
    "test.events[0]: unknown test event type 'test:foo'; expected one of: test:enqueue, " +
      'test:dequeue, test:start, test:plan, test:diagnostic, test:stdout, test:stderr, ' +
      'test:pass, test:fail, test:complete, test:summary',
  ],
  [
    validateRealmMessage,
    { type: 'test', jobId: 'j', events: [{ type: 'test:pass', data: [] }] },
    'test.events[0].data: expected an object, got an array (0 items)',
  ],
  [
    validateRealmMessage,
    { type: 'ping' },
    "unknown message type 'ping'; expected one of: hello, result, events, heartbeat, test, note, worker",
    'UNKNOWN_COMMAND',
  ],
  [
    validateTestEvent,
    { type: 'test:pass', data: { details: { fn: () => 1 } } },
    'test:pass.data.details.fn: expected a JSON value, got a function',
  ],
  [
    validateTestEvent,
    { type: 'test:pass', data: { n: 10n } },
    'test:pass.data.n: expected a JSON value, got 10n',
  ],
  [
    validateTestEvent,
    { type: 'test:plan', data: { a: Array(100_001).fill(0) } },
    'test:plan.data.a[99998]: too large: more than 100,000 values',
    'TOO_LARGE',
  ],
  [
    validateTestEvent,
    { type: 'test:plan', data: { a: nested(64) } },
    `test:plan.data.a${'[0]'.repeat(63)}: nested too deeply; the limit is 64 levels`,
  ],
]

test('each kind of invalid input gets its specific error message and code', () => {
  for (const [validate, input, error, code = 'BAD_MESSAGE'] of failures) {
    assert.equal(validate(input), { ok: false, error, code })
  }
})

test('getters are never invoked and a throwing Proxy is reported, not thrown', () => {
  let calls = 0
  const withGetter = Object.defineProperty({}, 'code', { get: () => ++calls, enumerable: true })
  assert.equal(validateEvalRequest(withGetter), {
    ok: false,
    error: 'code: expected a data property, got a getter',
    code: 'BAD_MESSAGE',
  })
  assert.is(calls, 0)
  const trap = () => {
    throw new Error('no')
  }
  const hostile = new Proxy(
    {},
    { get: trap, getOwnPropertyDescriptor: trap, ownKeys: trap, has: trap },
  )
  assert.equal(validateToolMessage(hostile), {
    ok: false,
    error: 'type: could not be read (Error: no)',
    code: 'BAD_MESSAGE',
  })
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  const revoked = validateEvalRequest(proxy)
  assert.ok(
    !revoked.ok && revoked.error.startsWith('could not be read (TypeError: '),
    String(revoked),
  )
})

test('a __proto__ key is data: it neither fills fields nor pollutes prototypes', () => {
  const text = '{"__proto__": {"code": "1", "polluted": true}}'
  assert.equal(parseMessage(text, validateEvalRequest), {
    ok: false,
    error: 'code: missing; expected a string',
    code: 'BAD_MESSAGE',
  })
  const checked = parseMessage(`{"type": "test:plan", "data": ${text}}`, validateTestEvent)
  assert.ok(checked.ok)
  assert.is(JSON.stringify(checked.value), `{"type":"test:plan","data":${text.replace(/ /g, '')}}`)
  assert.is(Object.getPrototypeOf(checked.value.data), Object.prototype)
  assert.is(Reflect.get({}, 'polluted'), undefined)
})

test('a cyclic test event is refused at the first repeated object', () => {
  const data: Record<string, unknown> = { name: 'x' }
  data.details = { parent: data }
  assert.equal(validateTestEvent({ type: 'test:start', data }), {
    ok: false,
    error: 'test:start.data.details.parent: expected a JSON value, got a cyclic reference',
    code: 'BAD_MESSAGE',
  })
})

function jsonError(text: string): string {
  try {
    JSON.parse(text)
  } catch (error) {
    return `invalid JSON: ${(error as Error).message}`
  }
  throw new Error(`${text} is valid JSON`)
}

test('parseMessage names the JSON problem, and refuses empty and oversized text', () => {
  const cases: [string, Validation<unknown>][] = [
    ['{"code": }', { ok: false, error: jsonError('{"code": }'), code: 'BAD_MESSAGE' }],
    ['{"code": "1"', { ok: false, error: jsonError('{"code": "1"'), code: 'BAD_MESSAGE' }],
    [' \n', { ok: false, error: 'empty message; expected a JSON object', code: 'BAD_MESSAGE' }],
    [
      `{"code": "${'x'.repeat(100)}"}`,
      {
        ok: false,
        error: 'message too large: 112 characters; the limit is 100',
        code: 'TOO_LARGE',
      },
    ],
  ]
  for (const [text, expected] of cases) {
    assert.equal(parseMessage(text, validateEvalRequest, { maxLength: 100 }), expected, text)
  }
  assert.ok(jsonError('{"code": }').length > 'invalid JSON: '.length)
})

const KEYS = [
  'type',
  'code',
  'data',
  'events',
  'scope',
  'id',
  'name',
  '__proto__',
  'constructor',
  'x',
]
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  true,
  0,
  -0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  10n,
  Symbol('s'),
  () => 1,
  '',
  'x'.repeat(LIMITS.code + 1),
  'line\nbreak',
  '\u2028',
  'run',
  'test:pass',
  new Date(0),
  new Map([[1, 2]]),
  Object.create(null),
  [],
  [[[]]],
  new Array(50_000),
]

function fuzzValue(random: () => number, depth: number): unknown {
  const roll = random()
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  if (depth > 4 || roll < 0.35) return pick(ODD_VALUES)
  if (roll < 0.5)
    return String.fromCharCode(...Array.from({ length: random() * 12 }, () => random() * 0x3000))
  if (roll < 0.65) return Array.from({ length: random() * 5 }, () => fuzzValue(random, depth + 1))
  const out: Record<string, unknown> = {}
  for (let n = random() * 6; n > 0; n--) {
    Object.defineProperty(out, pick(KEYS), {
      value: fuzzValue(random, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    })
  }
  return out
}

function clone(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value))
}

function hostile(random: () => number, base: Record<string, unknown>): unknown {
  const roll = Math.floor(random() * 5)
  const keys = Object.keys(base)
  const key = keys[Math.floor(random() * keys.length)] ?? 'type'
  const trap = () => {
    throw new Error('trap')
  }
  if (roll === 0) return Object.assign(base, { [key]: base, self: base })
  if (roll === 1) return Object.defineProperty(base, key, { get: trap, enumerable: true })
  if (roll === 2) {
    const traps = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'apply']
    return new Proxy(base, Object.fromEntries(traps.map((name) => [name, trap])))
  }
  if (roll === 3) return JSON.parse(`{"__proto__": ${JSON.stringify(base)}, "x": 1}`)
  const { proxy, revoke } = Proxy.revocable(base, {})
  revoke()
  return proxy
}

function mutate(random: () => number, example: unknown): unknown {
  const base = clone(example) as Record<string, unknown>
  const roll = random()
  if (roll < 0.15) return hostile(random, base)
  // Walk to a random nested object and break one of its fields.
  let target: Record<string, unknown> = base
  while (random() < 0.5) {
    const inner = Object.values(target).filter((value) => value && typeof value === 'object')
    if (inner.length === 0) break
    target = inner[Math.floor(random() * inner.length)] as Record<string, unknown>
  }
  const keys = Object.keys(target)
  const key = keys[Math.floor(random() * keys.length)] ?? 'type'
  if (roll < 0.4) delete target[key]
  else if (roll < 0.8) target[key] = fuzzValue(random, 3)
  else target[KEYS[Math.floor(random() * KEYS.length)] ?? 'x'] = fuzzValue(random, 2)
  return base
}

test('thousands of random and mutated values never make a validator throw', () => {
  const random = mulberry32(20260101)
  const examples = validators.flatMap(([, , items]) => items)
  let checked = 0
  let passed = 0
  for (let round = 0; round < 2_500; round++) {
    const value =
      random() < 0.3
        ? fuzzValue(random, 0)
        : mutate(random, examples[Math.floor(random() * examples.length)])
    for (const [name, validate] of validators) {
      let result: Validation<unknown>
      try {
        result = validate(value)
      } catch (error) {
        throw new Error(`${name} threw on round ${round}: ${String(error)}`)
      }
      checked++
      if (result.ok) {
        passed++
        // What passes is plain JSON that passes again unchanged.
        const again = validate(clone(result.value))
        assert.ok(again.ok, `${name} round ${round}`)
        assert.is(JSON.stringify(again.value), JSON.stringify(result.value))
      } else {
        assert.type(result.error, 'string')
        assert.ok(result.error.length > 0, `${name} round ${round}: empty error`)
        assert.ok(['BAD_MESSAGE', 'TOO_LARGE', 'UNKNOWN_COMMAND'].includes(result.code))
      }
    }
  }
  assert.is(checked, 2_500 * validators.length)
  assert.ok(passed > 100, `only ${passed} values passed: the mutations are too destructive`)
})

test('an import map key __proto__ is data, never a prototype', () => {
  const checked = validateRealmMessage(
    JSON.parse(
      '{"type":"hello","name":"a","instance":"b","kind":"page","url":"http://h/","importMap":{"imports":{"__proto__":"/x.js"}}}',
    ),
  )
  assert.ok(checked.ok)
  const imports = (checked.value as RealmHello).importMap!.imports!
  assert.is(Object.getPrototypeOf(imports), Object.prototype)
  assert.equal(Object.keys(imports), ['__proto__'])
  const refused = validateRealmMessage({
    type: 'hello',
    name: 'a',
    instance: 'b',
    kind: 'page',
    url: 'http://h/',
    importMap: { imports: { lit: 1 } },
  })
  assert.equal(refused, {
    ok: false,
    error: 'hello.importMap.imports.lit: expected a string, got 1',
    code: 'BAD_MESSAGE',
  })
})

test.run()
