/**
 * The messages of the HTTP API (SPEC §4.1) and of the realm channel between the server and a page
 * or worker, defined once. Messages are discriminated on a literal `type`; times are epoch ms.
 * Test events live in `test-events.ts`, the WebSocket relay and lifecycle events in `relay.ts`.
 */

import type { ErrorCode } from './errors.js'
import type { CapturedEvent } from './events.js'
import type { RealmKind } from './log-format.js'
import type { RegistryState } from './registry.js'
import type { TestEvent } from './test-events.js'

/** Any JSON value. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue }

/** An error a realm's code threw, as it crosses the wire. */
export interface ErrorInfo {
  name: string
  message: string
  /** The stack as the realm printed it (`name: message` when the thrown value had none). */
  stack: string
}

/** How a job reached the server; also the agent name of a request that names none (SPEC §4). */
export type Transport = 'file' | 'http' | 'ws' | 'cli' | 'mcp'

/** What a job does: evaluate code (REPL semantics), or run tests and stream their events. */
export type JobMode = 'eval' | 'tests'

/** A connected realm as `GET /realms`, the relay and the lifecycle events describe it. */
export interface RealmInfo {
  name: string
  kind: RealmKind
  /** `location.href` of a page, `worker://<name>` of a worker. */
  url: string
  state: RegistryState
  /** Jobs waiting in the realm's queue, when there are any. */
  queued?: number
  /** When the realm was last heard from (epoch ms). */
  lastSeen: number
  /** The realm's log, relative to the root: `daebug/<name>.md`. */
  logPath: string
  title?: string
}

// HTTP API (SPEC §4.1)

/** Body of `POST /realms/:name/eval`. `timeout` is in ms; `agent` names the sender in the log. */
export interface EvalRequest {
  code: string
  timeout?: number
  agent?: string
}

/** The answer to an eval, over HTTP and (with `type: 'eval:result'`) over the relay (SPEC §4.3). */
export interface EvalResult {
  /** The request's `id`, echoed. */
  id?: string
  /** The realm that ran the code. */
  realm?: string
  /** False when the code threw or the job did not finish (the HTTP status is still 200). */
  ok: boolean
  /** The completion value, when it is lossless JSON. */
  value?: JsonValue
  /** The value as text: 2-space JSON, an inspect-style preview, or the error's stack. */
  text: string
  error?: ErrorInfo
  durationMs: number
  /** Console calls and uncaught errors the job caused. */
  events: CapturedEvent[]
  /** Events dropped between the first 2 and the last 8. */
  omitted?: number
}

/** Answer of `GET /health`. `realms` counts the connected realms. */
export interface HealthResponse {
  ok: true
  version: string
  root: string
  uptimeMs: number
  realms: number
}

/** Answer of `GET /realms`, most recently active first. */
export interface RealmsResponse {
  realms: RealmInfo[]
}

/** Body of `POST /tests/discover`: globs or paths to include and exclude (SPEC §5.3). */
export interface DiscoverRequest {
  files?: string[]
  exclude?: string[]
}

/** Answer of `POST /tests/discover`: the test files, sorted, as URLs. */
export interface DiscoverResponse {
  files: string[]
}

/** Body of `POST /tests/run`; `timeout` is the per-test timeout in ms. */
export interface TestsRunRequest {
  realm?: string
  files?: string[]
  testNamePatterns?: string[]
  only?: boolean
  timeout?: number
}

/** Every HTTP error answer: `{error: {code, message}}` with the status of the code. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string }
}

// Realm channel: realm → server. SPEC §3.4 leaves the shapes to us.

/** A realm introduces itself on (re)connect; `instance` is new in every JS context (SPEC §3.4). */
export interface RealmHello {
  type: 'hello'
  /** The name it wants (kept in `sessionStorage`, so a reload asks for the same one). */
  name: string
  instance: string
  kind: RealmKind
  url: string
  title?: string
  /** For a worker, the name of the page realm that created it. */
  parent?: string
  /** The client's version, to warn about a stale cached client. */
  version?: string
  /**
   * A page's import map (its `<script type="importmap">` entries): the server applies it to the
   * bare specifiers of its worker's REPL code, as workers have no import maps (SPEC §3.1).
   */
  importMap?: ImportMap
}

/** An import map, as in `<script type="importmap">`. */
export interface ImportMap {
  imports?: Record<string, string>
  scopes?: Record<string, Record<string, string>>
}

/** The outcome of a job, for the job id the server delivered to this instance. */
export interface RealmResult {
  type: 'result'
  jobId: string
  ok: boolean
  /** The completion value as lossless JSON text, when it is lossless JSON. */
  value?: string
  /** The value as text: 2-space JSON, an inspect-style preview, or the error's stack. */
  text: string
  error?: ErrorInfo
  durationMs: number
  /** Events the job caused, compressed to the first 2 and the last 8. */
  events: CapturedEvent[]
  /** Events dropped between `events[1]` and `events[2]`. */
  omitted: number
}

/** Events that happened while no job ran (background, SPEC §2.5). */
export interface RealmEvents {
  type: 'events'
  events: CapturedEvent[]
  omitted: number
}

/** "Still here": sent on an interval and in answer to `ping`; 30 s of silence is `disconnected`. */
export interface RealmHeartbeat {
  type: 'heartbeat'
}

/**
 * Test events of a job whose value is a test run (SPEC §5.2), in order, in batches. The first
 * batch (empty if need be) is sent as soon as the realm sees the run: from then on the job is
 * bound by the run watchdog, not by the REPL job timeout.
 */
export interface RealmTestEvents {
  type: 'test'
  jobId: string
  events: TestEvent[]
}

/** A diagnostic the client wants in its log (e.g. why no worker could be created). */
export interface RealmNote {
  type: 'note'
  text: string
}

/**
 * What happened to the web worker a page created (SPEC §3.5), sent by the page (the worker itself
 * may be stuck): `restarted` (it did not answer pings for `silentMs`, or it crashed, and was
 * terminated and created again), `failed` (it was restarted too often: no more restarts until the
 * page reloads), `unavailable` (it could not be created; `text` says why).
 */
export interface RealmWorkerStatus {
  type: 'worker'
  /** The worker realm's name: `<page>-webworker`. */
  worker: string
  status: 'restarted' | 'failed' | 'unavailable'
  /** Why, in words, for the worker's log. */
  text: string
  /** For `restarted` after a hang: how long it did not answer. */
  silentMs?: number
  /** The worker instance it is about, when the page knows it (from the worker's `ready`). */
  instance?: string
}

/** Any message a realm sends to the server. */
export type RealmToServerMessage =
  | RealmHello
  | RealmResult
  | RealmEvents
  | RealmHeartbeat
  | RealmTestEvents
  | RealmNote
  | RealmWorkerStatus

// Realm channel: server → realm.

/** The server accepted a `hello`; `name` is the realm's name from now on. */
export interface ServerWelcome {
  type: 'welcome'
  name: string
  instance: string
  /** `false` when the server runs with `--no-worker`: a page creates no web worker realm. */
  worker?: boolean
}

/** The requested name belongs to a connected instance: store and use this one instead. */
export interface ServerRename {
  type: 'rename'
  name: string
}

/** Run this code. `timeoutMs` is 0 for a `tests` job, which its own watchdog bounds (SPEC §5.2). */
export interface ServerJob {
  type: 'job'
  jobId: string
  code: string
  mode: JobMode
  timeoutMs: number
}

/** Stop the job if it is still running (SPEC §4.3). */
export interface ServerCancel {
  type: 'cancel'
  jobId: string
}

/** To a page: terminate your web worker and create it again, saying `reason` (SPEC §4.3 cancel). */
export interface ServerRestartWorker {
  type: 'restart-worker'
  reason: string
}

/** Answer with a `heartbeat` now. */
export interface ServerPing {
  type: 'ping'
}

/** Any message the server sends to a realm. */
export type ServerToRealmMessage =
  | ServerWelcome
  | ServerRename
  | ServerJob
  | ServerCancel
  | ServerRestartWorker
  | ServerPing
