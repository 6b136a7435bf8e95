/**
 * A connected realm as the server tracks it, and the jobs in its queue (SPEC §2.1, §3.4).
 */
import type {
  CapturedEvent,
  ImportMap,
  RealmKind,
  RegistryState,
  Transport,
} from '@daebug/protocol'
import type { SharedFile } from './log-file.js'
import type { Rewritten } from './repl/rewrite.js'
import type { JobTestRun } from './test-run-log.js'

/** The server's end of a realm's channel (a WebSocket, or the HTTP fallback). */
export interface RealmSocket {
  send(text: string): void
  close(): void
}

/** What a finished job produced, as every transport sees it. */
export interface JobOutcome {
  ok: boolean
  /** Lossless JSON text of the value, when there is one. */
  value?: string
  /** The value as text, or the error's stack, or the server's message. */
  text: string
  error?: { name: string; message: string; stack: string }
  durationMs?: number
  events: CapturedEvent[]
  omitted: number
  /** Set when the server ended the job (time-out, disconnect, shut-down, not run). */
  code?: 'TIMEOUT' | 'CANCELLED' | 'NOT_RUN' | 'INTERRUPTED'
}

/** A job: one executable fence (or one HTTP/WS/CLI/MCP eval), queued for one realm. */
export interface Job {
  id: string
  realm: string
  code: string
  /** The fence's language (`js`, `ts`, …): TypeScript is type-stripped before it runs. */
  lang: string
  /** The script the realm runs (SPEC §3.1), or the syntax error that keeps it from running. */
  prepared?: Rewritten | Promise<Rewritten>
  agent: string
  transport: Transport
  /** Jobs of one request share a group: after a failure the rest are not run. */
  group: { failed: boolean }
  acceptedAt: number
  /** The clock time of acceptance, `HH:MM:SS` (late-result notes name it). */
  acceptedClock: string
  deliveredAt?: number
  /** The realm instance it was delivered to: only that instance may answer it. */
  instance?: string
  /** True once its slot says `executing`. */
  executingShown: boolean
  timer?: ReturnType<typeof setTimeout>
  ticker?: ReturnType<typeof setInterval>
  done: boolean
  /** Callers waiting for the outcome (HTTP, relay, CLI). */
  waiters: Array<(outcome: JobOutcome) => void>
  /**
   * Set when the realm says the job's value is a test run (SPEC §5.2): its events, progress and
   * report. From then on the run watchdog bounds the job, not the REPL timeout.
   */
  testRun?: JobTestRun
  /** This job's time-out in ms, when its request set one (else the server's). */
  timeoutMs?: number
  /** A job the server made to run tests: bound by the run watchdog from the start. */
  runsTests?: boolean
  /** Called when the job's test run starts (to follow its events). */
  onTestRun?: (run: JobTestRun) => void
  /** Writes the request's block now, when it is held back to be written with its reply. */
  logRequest?: () => void
}

/** A realm the server knows: connected, or disconnected and kept for a while. */
export interface RealmRecord {
  name: string
  kind: RealmKind
  url: string
  title?: string
  /** For a worker, the page realm that created it. */
  parent?: string
  /** A page's import map, applied to its worker's REPL code (workers have none). */
  importMap?: ImportMap
  instance: string
  socket?: RealmSocket
  /**
   * The registry state beyond what the queue implies: `reloaded` after a reload; `failed` for a
   * worker its page gave up restarting (SPEC §3.5), until a new instance says hello.
   */
  mark?: 'reloaded' | 'failed'
  lastSeen: number
  /** The last state change (connect, job start or end, disconnect): the registry's `at`. */
  changedAt: number
  log: SharedFile
  queue: Job[]
  running?: Job
  /** Jobs delivered to the current instance and not yet answered, by id. */
  delivered: Map<string, Job>
}

/** The registry state of a realm (SPEC §2.1). */
export function realmState(realm: RealmRecord): { state: RegistryState; queued?: number } {
  if (!realm.socket) return { state: realm.mark === 'failed' ? 'failed' : 'disconnected' }
  if (realm.running && realm.queue.length) return { state: 'queued', queued: realm.queue.length }
  if (realm.running) return { state: 'executing' }
  return { state: realm.mark === 'reloaded' ? 'reloaded' : 'live' }
}
