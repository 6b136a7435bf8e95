/**
 * The WebSocket relay for external tools (SPEC §4.2, §4.3) and the lifecycle events shared by
 * `--log-format json`, the embedding API and the dashboard.
 */

import type { ErrorCode } from './errors.js'
import type { EvalResult, JobMode, RealmInfo, Transport } from './messages.js'
import type { RegistryState } from './registry.js'
import type { TestFailData, TestResultData, TestStartData } from './test-events.js'

// WebSocket relay (SPEC §4.2, §4.3): tool → server. A request's `id` is echoed on its answer.

/** Opens a relay session; `subscribe: true` receives the events of every run, not only its own. */
export interface ToolHello {
  type: 'hello'
  id?: string
  role: 'client'
  name?: string
  subscribe?: boolean
}

/** What a `run` selects. */
export type RunScope = 'all' | 'file' | 'suite' | 'test'

/** All run scopes. */
export const RUN_SCOPES: readonly RunScope[] = ['all', 'file', 'suite', 'test']

/**
 * Starts a test run. For scope `file`, `suite` and `test`, `id` names the target (a test id
 * `<file>#<suite › … › test>`, or a file's project-relative path), and is echoed like any
 * request id.
 * `queue: true` waits behind a run in progress instead of failing with `RUN_IN_PROGRESS`;
 * `watch: true` re-runs on every `tree:changed` until `cancel`.
 */
export interface ToolRun {
  type: 'run'
  id?: string
  scope: RunScope
  /** A test name pattern, as `--test-name-pattern`. */
  pattern?: string
  files?: string[]
  realm?: string
  queue?: boolean
  watch?: boolean
}

/** Asks for the test tree of a realm. */
export interface ToolTree {
  type: 'tree'
  id?: string
  realm?: string
}

/** Asks for the realms and the runs in progress. */
export interface ToolStatus {
  type: 'status'
  id?: string
}

/** Cancels a run (and stops watching it). */
export interface ToolCancel {
  type: 'cancel'
  id?: string
  runId: string
}

/** Evaluates code in a realm; answered with `eval:result`. `timeout` is in ms. */
export interface ToolEval {
  type: 'eval'
  id?: string
  realm?: string
  code: string
  timeout?: number
}

/** Any message a tool sends over the relay. */
export type ToolToServerMessage =
  | ToolHello
  | ToolRun
  | ToolTree
  | ToolStatus
  | ToolCancel
  | ToolEval

// Relay: server → tool.

/** The answer to `hello`. `testCount` is the number of tests known, when a tree was collected. */
export interface RelayConnected {
  type: 'connected'
  id?: string
  realms: RealmInfo[]
  testCount?: number
}

/** A run that is queued or in progress. */
export interface RunStatus {
  runId: string
  realm: string
  scope: RunScope
  state: 'queued' | 'running'
  total: number
  /** Tests finished so far, and how many of them failed. */
  done: number
  failed: number
  watch?: boolean
}

/** The answer to `status`. */
export interface RelayStatus {
  type: 'status'
  id?: string
  realms: RealmInfo[]
  runs: RunStatus[]
}

/** How far a test got in the last run; `idle` before any. */
export type TestStatus = 'idle' | 'running' | 'pass' | 'fail' | 'skip' | 'todo'

/** A test in the tree. `id` is `<project-relative file>#<suite › … › test>`. */
export interface TestTreeTest {
  type: 'test'
  id: string
  name: string
  file: string
  line?: number
  status?: TestStatus
}

/** A suite (`describe`) with its suites and tests in declaration order. */
export interface TestTreeSuite {
  type: 'suite'
  id: string
  name: string
  file: string
  line?: number
  children: TestTreeNode[]
}

/** A test file; `id`, `name` and `file` are its project-relative path. */
export interface TestTreeFile {
  type: 'file'
  id: string
  name: string
  file: string
  children: TestTreeNode[]
}

/** A node of the test tree. */
export type TestTreeNode = TestTreeFile | TestTreeSuite | TestTreeTest

/** The answer to `tree`: the realm's test files, in discovery order. */
export interface RelayTreeResult {
  type: 'tree:result'
  id?: string
  realm: string
  tree: TestTreeFile[]
}

/** A test file changed or a realm reloaded: a tree asked for earlier is stale. */
export interface RelayTreeChanged {
  type: 'tree:changed'
  realm?: string
  files?: string[]
}

/** A test event of a run, for the relay; `test:skip` / `test:todo` are `test:pass` renamed. */
export type RelayTestEvent = { runId: string; realm: string; id: string } & (
  | { type: 'test:start'; data: TestStartData }
  | { type: 'test:pass'; data: TestResultData }
  | { type: 'test:fail'; data: TestFailData }
  | { type: 'test:skip'; data: TestResultData }
  | { type: 'test:todo'; data: TestResultData }
)

/** The answer to `eval`. */
export interface RelayEvalResult extends EvalResult {
  type: 'eval:result'
}

/** A request failed, or a run could not start; `id` is the request's. */
export interface RelayError {
  type: 'error'
  id?: string
  code: ErrorCode
  message: string
}

/** Any message the server sends to a tool over the relay. */
export type ServerToToolMessage =
  | RelayConnected
  | RelayStatus
  | RelayTreeResult
  | RelayTreeChanged
  | RunStartEvent
  | RelayTestEvent
  | RunCompleteEvent
  | RealmConnectedEvent
  | RealmDisconnectedEvent
  | RelayEvalResult
  | RelayError

// Lifecycle events (SPEC §4.3): one vocabulary for `--log-format json`, the embedding API's
// emitter, the dashboard and the relay.

/** A realm connected (or reconnected after a reload). */
export interface RealmConnectedEvent {
  type: 'realm:connected'
  time: number
  realm: RealmInfo
}

/** A realm's state changed: `live`, `executing`, `queued`, `reloaded`, `failed`, … */
export interface RealmStateEvent {
  type: 'realm:state'
  time: number
  realm: string
  state: RegistryState
  previous: RegistryState
  queued?: number
}

/** A realm went away: closed, navigated, or silent for 30 s. */
export interface RealmDisconnectedEvent {
  type: 'realm:disconnected'
  time: number
  realm: RealmInfo
  reason?: string
}

/** A job entered a realm's queue; `queued` counts the jobs ahead of it. */
export interface JobAcceptedEvent {
  type: 'job:accepted'
  time: number
  realm: string
  jobId: string
  agent: string
  transport: Transport
  mode: JobMode
  code: string
  queued: number
}

/** A job was delivered to its realm. */
export interface JobStartedEvent {
  type: 'job:started'
  time: number
  realm: string
  jobId: string
  agent: string
}

/**
 * A job has its reply. `ok: false` without `code` means the code threw; `code` says why a job
 * did not finish by itself (`TIMEOUT`, `CANCELLED`, …).
 */
export interface JobFinishedEvent {
  type: 'job:finished'
  time: number
  realm: string
  jobId: string
  agent: string
  ok: boolean
  durationMs: number
  code?: ErrorCode
}

/** A test run started; `total` is the number of tests selected, as far as known. */
export interface RunStartEvent {
  type: 'run:start'
  /** The `id` of the `run` request, echoed. */
  id?: string
  time: number
  runId: string
  realm: string
  total: number
}

/** The counts of a finished run. */
export interface RunSummary {
  total: number
  passed: number
  failed: number
  skipped: number
  todo: number
  cancelled: number
  durationMs: number
}

/** The one terminal event of every run; `aborted` says why when it did not run to its end. */
export interface RunCompleteEvent {
  type: 'run:complete'
  id?: string
  time: number
  runId: string
  realm: string
  aborted?: string
  summary: RunSummary
}

/** Any lifecycle event. */
export type LifecycleEvent =
  | RealmConnectedEvent
  | RealmStateEvent
  | RealmDisconnectedEvent
  | JobAcceptedEvent
  | JobStartedEvent
  | JobFinishedEvent
  | RunStartEvent
  | RunCompleteEvent
