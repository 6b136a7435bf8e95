/**
 * Runtime checks for everything that arrives over the network (SPEC §4, §7): HTTP bodies, realm
 * channel messages, relay messages from tools, captured events and test events. Every validator
 * returns a fresh, plain value holding only the declared fields (unknown fields are dropped, so a
 * newer peer may add some), or a failure with a specific message and a wire code: `TOO_LARGE`
 * when a size limit was exceeded, `UNKNOWN_COMMAND` for an unknown message `type`, else
 * `BAD_MESSAGE`. No validator throws, whatever it is given.
 */
import { type CapturedEvent, EVENT_LEVELS } from './events.js'
import type { RealmKind } from './log-format.js'
import type {
  DiscoverRequest,
  ErrorInfo,
  EvalRequest,
  ImportMap,
  RealmEvents,
  RealmHeartbeat,
  RealmHello,
  RealmNote,
  RealmResult,
  RealmTestEvents,
  RealmToServerMessage,
  RealmWorkerStatus,
  TestsRunRequest,
} from './messages.js'
import type {
  ToolCancel,
  ToolEval,
  ToolHello,
  ToolRun,
  ToolStatus,
  ToolToServerMessage,
  ToolTree,
} from './relay.js'
import { RUN_SCOPES } from './relay.js'
import {
  array,
  boolean,
  describeThrown,
  describeValue,
  failure,
  formatCount,
  integer,
  joinPath,
  jsonObject,
  literal,
  number,
  object,
  oneOf,
  optional,
  record,
  refine,
  type Schema,
  string,
  taggedUnion,
  toValidator,
  type Validation,
  type Validator,
} from './schema.js'
import type { TestEvent, TestEventOf, TestEventType } from './test-events.js'

export type { Validation, ValidationCode, ValidationFailure, Validator } from './schema.js'

const MiB = 1_048_576

/** The size limits the validators apply (string lengths in UTF-16 code units). */
export const LIMITS: {
  /** Code of an eval request or a job (SPEC §7: 1 MiB). */
  readonly code: number
  /** A whole message or result, before parsing (SPEC §7: 8 MiB for results). */
  readonly message: number
  /** The text or value of a result. */
  readonly text: number
  /** The text or stack of one captured event, and a realm's note. */
  readonly eventText: number
  /** Events in one message (a realm sends the first 2 and the last 8). */
  readonly events: number
  /** Test events in one batch of a running test job. */
  readonly testEvents: number
  /** Names, ids, agents, versions. */
  readonly name: number
  /** URLs, titles, paths, globs and test name patterns. */
  readonly url: number
  /** Files, globs or patterns in one request. */
  readonly files: number
  /** Longest timeout: what `setTimeout` can wait (about 24.8 days). */
  readonly timeoutMs: number
  /** Entries of one import map level (`imports`, `scopes`, one scope). */
  readonly importMapEntries: number
} = {
  code: MiB,
  message: 8 * MiB,
  text: 8 * MiB,
  eventText: MiB,
  events: 1_000,
  testEvents: 1_000,
  name: 4_096,
  url: 65_536,
  files: 10_000,
  timeoutMs: 2_147_483_647,
  importMapEntries: 10_000,
}

const REALM_KINDS: readonly RealmKind[] = ['page', 'worker']

const name = string({ min: 1, max: LIMITS.name, singleLine: true })
const url = string({ min: 1, max: LIMITS.url, singleLine: true })
const code = string({ max: LIMITS.code })
const timeout = integer({ min: 1, max: LIMITS.timeoutMs, unit: 'milliseconds' })
const durationMs = number({ min: 0, unit: 'milliseconds' })
const count = integer({ min: 0 })
const paths = array(url, { max: LIMITS.files })

/** Why a pattern is no RegExp as node reads it (`/source/flags`, else all source); or nothing. */
function patternError(pattern: string): string | undefined {
  const literalForm = /^\/(.*)\/([a-z]*)$/s.exec(pattern)
  try {
    new RegExp(literalForm ? literalForm[1]! : pattern, literalForm ? literalForm[2] : '')
    return undefined
  } catch (error) {
    return describeThrown(error)
  }
}

const testNamePattern: Schema<string> = refine(url, (pattern, path) => {
  const problem = patternError(pattern)
  return problem ? failure(path, `not a valid regular expression (${problem})`) : undefined
})

const capturedEvent = object<CapturedEvent>({
  level: oneOf(EVENT_LEVELS),
  time: number({ min: 0, unit: 'epoch milliseconds' }),
  text: string({ max: LIMITS.eventText }),
  json: optional(boolean()),
  stack: optional(string({ max: LIMITS.eventText })),
  location: optional(string({ max: LIMITS.url })),
})
const events = array(capturedEvent, { max: LIMITS.events })

const errorInfo = object<ErrorInfo>({
  name: string({ max: LIMITS.name }),
  message: string({ max: LIMITS.text }),
  stack: string({ max: LIMITS.text }),
})

const JSON_LIMITS = { maxDepth: 64, maxNodes: 100_000 }

function testEventOf<K extends TestEventType>(type: K): Schema<TestEventOf<K>> {
  // Test events are checked loosely (SPEC §5.2 fields are node's, and node adds fields between
  // versions): a known `type` and an object `data`, copied as JSON.
  return object<{ type: K; data: object }>({
    type: literal(type),
    data: jsonObject(JSON_LIMITS),
  }) as Schema<TestEventOf<K>>
}

const testEvent = taggedUnion<TestEvent>(
  {
    'test:enqueue': testEventOf('test:enqueue'),
    'test:dequeue': testEventOf('test:dequeue'),
    'test:start': testEventOf('test:start'),
    'test:plan': testEventOf('test:plan'),
    'test:diagnostic': testEventOf('test:diagnostic'),
    'test:stdout': testEventOf('test:stdout'),
    'test:stderr': testEventOf('test:stderr'),
    'test:pass': testEventOf('test:pass'),
    'test:fail': testEventOf('test:fail'),
    'test:complete': testEventOf('test:complete'),
    'test:summary': testEventOf('test:summary'),
  },
  { noun: 'test event type' },
)

const specifierMap = record(string({ max: LIMITS.url }), { max: LIMITS.importMapEntries })

const realmMessage = taggedUnion<RealmToServerMessage>(
  {
    hello: object<RealmHello>({
      type: literal('hello'),
      name,
      instance: name,
      kind: oneOf(REALM_KINDS),
      url,
      title: optional(string({ max: LIMITS.url })),
      parent: optional(name),
      version: optional(name),
      importMap: optional(
        object<ImportMap>({
          imports: optional(specifierMap),
          scopes: optional(record(specifierMap, { max: LIMITS.importMapEntries })),
        }),
      ),
    }),
    result: object<RealmResult>({
      type: literal('result'),
      jobId: name,
      ok: boolean(),
      value: optional(string({ max: LIMITS.text })),
      text: string({ max: LIMITS.text }),
      error: optional(errorInfo),
      durationMs,
      events,
      omitted: count,
    }),
    events: object<RealmEvents>({ type: literal('events'), events, omitted: count }),
    heartbeat: object<RealmHeartbeat>({ type: literal('heartbeat') }),
    test: object<RealmTestEvents>({
      type: literal('test'),
      jobId: name,
      events: array(testEvent, { max: LIMITS.testEvents }),
    }),
    note: object<RealmNote>({ type: literal('note'), text: string({ max: LIMITS.eventText }) }),
    worker: object<RealmWorkerStatus>({
      type: literal('worker'),
      worker: name,
      status: oneOf(['restarted', 'failed', 'unavailable'] as const),
      text: string({ max: LIMITS.eventText }),
      silentMs: optional(durationMs),
      instance: optional(name),
    }),
  },
  { noun: 'message type', unknownCode: 'UNKNOWN_COMMAND' },
)

const TARGETS: Record<Exclude<ToolRun['scope'], 'all'>, string> = {
  file: "a file id (the file's project-relative path) or files",
  suite: "a suite id ('<file>#<suite>') or a pattern",
  test: "a test id ('<file>#<suite › test>') or a pattern",
}

const run = refine(
  object<ToolRun>({
    type: literal('run'),
    id: optional(url),
    scope: oneOf(RUN_SCOPES),
    pattern: optional(testNamePattern),
    files: optional(paths),
    realm: optional(name),
    queue: optional(boolean()),
    watch: optional(boolean()),
  }),
  (value, path) => {
    if (value.scope === 'all' || value.id !== undefined) return undefined
    if (value.scope === 'file' ? value.files !== undefined : value.pattern !== undefined) {
      return undefined
    }
    const target = TARGETS[value.scope]
    return failure(joinPath(path, 'id'), `missing; scope '${value.scope}' needs ${target}`)
  },
)

const toolMessage = taggedUnion<ToolToServerMessage>(
  {
    hello: object<ToolHello>({
      type: literal('hello'),
      id: optional(url),
      role: literal('client', 'realms connect through the realm channel, never the relay'),
      name: optional(name),
      subscribe: optional(boolean()),
    }),
    run,
    tree: object<ToolTree>({ type: literal('tree'), id: optional(url), realm: optional(name) }),
    status: object<ToolStatus>({ type: literal('status'), id: optional(url) }),
    cancel: object<ToolCancel>({ type: literal('cancel'), id: optional(url), runId: name }),
    eval: object<ToolEval>({
      type: literal('eval'),
      id: optional(url),
      realm: optional(name),
      code,
      timeout: optional(timeout),
    }),
  },
  { noun: 'message type', unknownCode: 'UNKNOWN_COMMAND' },
)

/** Checks the body of `POST /realms/:name/eval`: `{code, timeout?, agent?}`. */
export const validateEvalRequest: Validator<EvalRequest> = toValidator(
  object<EvalRequest>({ code, timeout: optional(timeout), agent: optional(name) }),
)

/** Checks the body of `POST /tests/discover`: `{files?, exclude?}`. */
export const validateDiscoverRequest: Validator<DiscoverRequest> = toValidator(
  object<DiscoverRequest>({ files: optional(paths), exclude: optional(paths) }),
)

/** Checks the body of `POST /tests/run`: `{realm?, files?, testNamePatterns?, only?, timeout?}`. */
export const validateTestsRunRequest: Validator<TestsRunRequest> = toValidator(
  object<TestsRunRequest>({
    realm: optional(name),
    files: optional(paths),
    testNamePatterns: optional(array(testNamePattern, { max: LIMITS.files })),
    only: optional(boolean()),
    timeout: optional(timeout),
  }),
)

/** Checks a message a realm sent on the realm channel (`hello`, `result`, `events`, …). */
export const validateRealmMessage: Validator<RealmToServerMessage> = toValidator(realmMessage)

/**
 * Checks a message a tool sent over the relay (`hello`, `run`, `tree`, `status`, `cancel`,
 * `eval`).
 * @example
 * validateToolMessage({ type: 'runn' }).ok // false, code 'UNKNOWN_COMMAND':
 * // "unknown message type 'runn'; expected one of: hello, run, tree, status, cancel, eval"
 */
export const validateToolMessage: Validator<ToolToServerMessage> = toValidator(toolMessage)

/** Checks one captured console call or uncaught error (SPEC §3.3). */
export const validateCapturedEvent: Validator<CapturedEvent> = toValidator(capturedEvent)

/**
 * Checks a test event loosely: a known `type` and an object `data`, deep-copied as JSON (its
 * fields are node's and are not checked one by one).
 */
export const validateTestEvent: Validator<TestEvent> = toValidator(testEvent)

/** Options of {@link parseMessage}. */
export interface ParseOptions {
  /** Longest text accepted, in UTF-16 code units; default `LIMITS.message` (8 MiB). */
  maxLength?: number
}

/**
 * Parses JSON text and checks it with a validator. Never throws: text that is too long fails with
 * `TOO_LARGE`, empty or malformed JSON with `BAD_MESSAGE` and the parser's description.
 * @example
 * parseMessage('{"code": "1 + 1"}', validateEvalRequest) // { ok: true, value: { code: '1 + 1' } }
 */
export function parseMessage<T>(
  text: string,
  validate: Validator<T>,
  options: ParseOptions = {},
): Validation<T> {
  if (typeof text !== 'string') {
    return failure('', `expected the message as JSON text, got ${describeValue(text)}`)
  }
  const max = options.maxLength ?? LIMITS.message
  if (text.length > max) {
    const size = `${formatCount(text.length)} characters`
    return failure('', `message too large: ${size}; the limit is ${formatCount(max)}`, 'TOO_LARGE')
  }
  if (text.trim() === '') return failure('', 'empty message; expected a JSON object')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const problem = error instanceof Error ? error.message : describeThrown(error)
    return failure('', `invalid JSON: ${problem}`)
  }
  return validate(value)
}
