/**
 * The job queue of each realm, shared by every transport (SPEC §1, §2.3, §2.4): delivery, slots,
 * time-outs, results, late results, and the rule that a job is never executed twice.
 */
import {
  appendBlock,
  type CapturedEvent,
  formatClock,
  formatDiagnostic,
  formatDuration,
  formatLateResult,
  formatReply,
  formatSlot,
  type LifecycleEvent,
  REPLY_TEXT,
  type RealmResult,
  type RealmTestEvents,
  type ReplyBody,
  replaceSlot,
  replaceTestBlock,
  writeJobTestBlock,
} from '@daebug/protocol'
import type { Job, JobOutcome, RealmRecord } from './realm.js'
import { prepareCode } from './repl/prepare.js'
import type { RewriteOptions } from './repl/rewrite.js'
import { JobTestRun } from './test-run-log.js'

/** What the job runner needs from the server around it. */
export interface JobContext {
  now(): number
  timeoutMs: number
  /** The run watchdog: how long a job that runs tests may take (SPEC §5.2). */
  runTimeoutMs: number
  /** Applies a transform to a realm's log (creating the log when it is missing). */
  editLog(realm: RealmRecord, transform: (text: string) => string): Promise<void>
  emit(event: LifecycleEvent): void
  /** Called after a realm's queue or running job changed (registry state). */
  changed(realm: RealmRecord): void
  /** Where a realm's module specifiers resolve: its URL (a worker's: its page's) and import map. */
  modules(realm: RealmRecord): RewriteOptions
}

function originOf(url: string | undefined): string | undefined {
  try {
    const { origin } = new URL(url ?? '')
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}

/** Seconds between refreshes of an `executing (Ns)` slot. */
const SLOT_REFRESH_MS = 5000

let counter = 0
/** A job id unique within this server process. */
export function newJobId(now: number): string {
  counter = (counter + 1) % 1_000_000
  return `${now.toString(36)}-${counter.toString(36)}`
}

/** Runs the jobs of realms: one at a time per realm, in order. */
export class JobRunner {
  readonly #context: JobContext

  constructor(context: JobContext) {
    this.#context = context
  }

  /** Adds jobs to a realm's queue and starts the next one if the realm is idle. */
  enqueue(realm: RealmRecord, jobs: Job[]): void {
    for (const job of jobs) {
      realm.queue.push(job)
      this.#context.emit({
        type: 'job:accepted',
        time: job.acceptedAt,
        realm: realm.name,
        jobId: job.id,
        agent: job.agent,
        transport: job.transport,
        mode: 'eval',
        code: job.code,
        queued: realm.queue.length - 1 + (realm.running ? 1 : 0),
      })
    }
    this.next(realm)
  }

  /** Delivers the next queued job when the realm is connected and idle. */
  next(realm: RealmRecord): void {
    while (realm.socket && !realm.running && realm.queue.length) {
      const job = realm.queue[0]!
      if (job.group.failed) {
        realm.queue.shift()
        this.#finish(realm, job, serverOutcome(REPLY_TEXT.notRun, 'NOT_RUN'))
        continue
      }
      job.prepared ??= prepareCode(job.code, job.lang, this.#context.modules(realm))
      if (job.prepared instanceof Promise) {
        // The first TypeScript request waits for the stripper; the queue keeps its order.
        job.prepared.then(
          (prepared) => {
            job.prepared = prepared
            this.next(realm)
          },
          (error: unknown) => {
            job.prepared = { ok: false, error: cannotPrepare(error) }
            this.next(realm)
          },
        )
        break
      }
      realm.queue.shift()
      if (job.prepared.ok) this.#deliver(realm, job, job.prepared.script)
      else this.#finish(realm, job, syntaxOutcome(job.prepared.error))
    }
    this.#context.changed(realm)
  }

  #deliver(realm: RealmRecord, job: Job, script: string): void {
    const { now } = this.#context
    const timeoutMs = job.timeoutMs ?? this.#context.timeoutMs
    job.deliveredAt = now()
    job.instance = realm.instance
    // `reloaded` tells what happened last; the next job is newer news.
    if (realm.mark === 'reloaded') realm.mark = undefined
    realm.running = job
    realm.delivered.set(job.id, job)
    realm.changedAt = job.deliveredAt
    const sentTimeout = job.runsTests ? 0 : timeoutMs
    realm.socket!.send(
      JSON.stringify({
        type: 'job',
        jobId: job.id,
        code: script,
        mode: 'eval',
        timeoutMs: sentTimeout,
      }),
    )
    this.#context.emit({
      type: 'job:started',
      time: job.deliveredAt,
      realm: realm.name,
      jobId: job.id,
      agent: job.agent,
    })
    if (!job.executingShown) this.#showExecuting(realm, job)
    job.timer = job.runsTests
      ? setTimeout(() => this.#runTimedOut(realm, job), this.#context.runTimeoutMs)
      : setTimeout(() => this.#timeOut(realm, job), timeoutMs)
    job.ticker = setInterval(() => this.#showExecuting(realm, job), SLOT_REFRESH_MS)
  }

  #showExecuting(realm: RealmRecord, job: Job): void {
    if (job.done || job.deliveredAt === undefined) return
    job.executingShown = true
    const seconds = Math.floor((this.#context.now() - job.deliveredAt) / 1000)
    const slot = formatSlot(realm.name, job.agent, {
      state: 'executing',
      seconds,
      time: formatClock(job.deliveredAt),
    })
    void this.#editJob(realm, job, (text) => replaceSlot(text, job.code, slot) ?? text)
  }

  /** An edit of a job's blocks: its request is written first if it is still held back. */
  #editJob(realm: RealmRecord, job: Job, transform: (text: string) => string): Promise<void> {
    job.logRequest?.()
    return this.#context.editLog(realm, transform)
  }

  #timeOut(realm: RealmRecord, job: Job): void {
    const timeoutMs = job.timeoutMs ?? this.#context.timeoutMs
    const outcome = serverOutcome(REPLY_TEXT.timedOut(timeoutMs), 'TIMEOUT')
    outcome.durationMs = timeoutMs
    this.#finish(realm, job, outcome)
  }

  #runTimedOut(realm: RealmRecord, job: Job): void {
    const { runTimeoutMs } = this.#context
    const text = `Timed out: the test run did not end within ${formatDuration(runTimeoutMs)} (the run watchdog); the report above has the results so far.`
    this.#finish(realm, job, { ...serverOutcome(text, 'TIMEOUT'), durationMs: runTimeoutMs })
  }

  /**
   * Test events of a job whose value is a test run: the first batch makes the job a run (the run
   * watchdog replaces the REPL timeout); each batch feeds the run, and the progress block when due.
   */
  testEvents(realm: RealmRecord, instance: string, message: RealmTestEvents): void {
    const job = realm.delivered.get(message.jobId)
    if (!job || job.instance !== instance || job.done) return
    const now = this.#context.now()
    if (!job.testRun) {
      const origin = originOf(this.#context.modules(realm).url)
      job.testRun = new JobTestRun(now, origin)
      clearTimeout(job.timer)
      job.timer = setTimeout(() => this.#runTimedOut(realm, job), this.#context.runTimeoutMs)
      job.onTestRun?.(job.testRun)
      this.#context.emit({
        type: 'run:start',
        time: now,
        runId: job.id,
        realm: realm.name,
        total: 0,
      })
    }
    const progress = job.testRun.push(message.events, now)
    if (progress === undefined) return
    void this.#editJob(realm, job, (text) => writeJobTestBlock(text, job.code, progress) ?? text)
  }

  /** A result from a realm instance. Results for jobs not delivered to that instance are ignored. */
  result(realm: RealmRecord, instance: string, message: RealmResult): void {
    const job = realm.delivered.get(message.jobId)
    if (!job || job.instance !== instance) return
    realm.delivered.delete(message.jobId)
    const outcome: JobOutcome = {
      ok: message.ok,
      text: message.text,
      durationMs: this.#context.now() - (job.deliveredAt ?? job.acceptedAt),
      events: message.events,
      omitted: message.omitted,
      ...(message.value === undefined ? {} : { value: message.value }),
      ...(message.error ? { error: message.error } : {}),
    }
    if (job.done) {
      this.#lateResult(realm, job, outcome)
      return
    }
    this.#finish(realm, job, outcome)
  }

  #lateResult(realm: RealmRecord, job: Job, outcome: JobOutcome): void {
    const now = this.#context.now()
    const note = formatLateResult(
      formatClock(now),
      job.acceptedClock,
      now - (job.deliveredAt ?? job.acceptedAt),
      {
        body: replyBody(outcome),
        events: outcome.events,
        omitted: outcome.omitted,
      },
    )
    void this.#context.editLog(realm, (text) => appendBlock(text, note))
  }

  /**
   * Cancels the realm's running job (SPEC §4.3): it is answered `🚫 Cancelled by <agent>.`, the
   * realm is told to drop it, and `restartWorker` is called for a worker realm (only restarting
   * a worker stops its code; a page may still be running it, and the reply says so). Returns the
   * job, or undefined when none was running.
   */
  cancel(realm: RealmRecord, agent: string, restartWorker: () => void): Job | undefined {
    const job = realm.running
    if (!job) return undefined
    try {
      realm.socket?.send(JSON.stringify({ type: 'cancel', jobId: job.id }))
    } catch {}
    realm.delivered.delete(job.id)
    const outcome = serverOutcome(REPLY_TEXT.cancelled(agent, realm.kind === 'page'), 'CANCELLED')
    outcome.durationMs = this.#context.now() - (job.deliveredAt ?? job.acceptedAt)
    this.#finish(realm, job, outcome)
    if (realm.kind === 'worker') restartWorker()
    return job
  }

  /** Ends the running job and the queued ones of a realm whose instance went away. */
  abandon(
    realm: RealmRecord,
    running: string,
    queued: string,
    code: JobOutcome['code'] = 'INTERRUPTED',
  ): void {
    if (realm.running) this.#finish(realm, realm.running, serverOutcome(running, code))
    for (const job of realm.queue.splice(0)) this.#finish(realm, job, serverOutcome(queued, code))
    realm.delivered.clear()
  }

  #finish(realm: RealmRecord, job: Job, outcome: JobOutcome): void {
    if (job.done) return
    job.done = true
    clearTimeout(job.timer)
    clearInterval(job.ticker)
    if (!outcome.ok) job.group.failed = true
    if (realm.running === job) realm.running = undefined
    const now = this.#context.now()
    realm.changedAt = now
    const run = job.testRun
    // A run's reply is its one-line summary under the report (SPEC §2.9), unless the server ended it.
    if (run && !outcome.code) {
      const { value: _value, ...rest } = outcome
      outcome = { ...rest, text: run.reply() }
    }
    const reply = formatReply({
      realm: realm.name,
      agent: job.agent,
      time: formatClock(now),
      ...(outcome.durationMs === undefined ? {} : { durationMs: outcome.durationMs }),
      ok: outcome.ok,
      body: replyBody(outcome, run),
      events: outcome.events,
      omitted: outcome.omitted,
    })
    // The realm may take its next job while this reply is written: the log's writes keep their order.
    this.next(realm)
    // An eval's answer carries its result, so it need not wait for the log. A test run's answer
    // is its report, and the events announce what the log holds: those come after the write.
    if (!run) for (const waiter of job.waiters.splice(0)) waiter(outcome)
    const written = this.#editJob(realm, job, (logged) => {
      const report = run?.report()
      const text =
        report === undefined
          ? logged
          : (writeJobTestBlock(logged, job.code, report) ?? replaceTestBlock(logged, report))
      const placed = replaceSlot(text, job.code, reply)
      if (placed !== undefined) return placed
      const note = formatDiagnostic(
        formatClock(now),
        `The request accepted at ${job.acceptedClock} was edited or removed; its reply:`,
      )
      return appendBlock(text, `${note}\n${reply}`)
    })
    void written.then(() => this.#announce(realm, job, outcome, now))
  }

  #announce(realm: RealmRecord, job: Job, outcome: JobOutcome, now: number): void {
    const run = job.testRun
    const code =
      outcome.code === 'TIMEOUT' || outcome.code === 'CANCELLED' ? outcome.code : undefined
    this.#context.emit({
      type: 'job:finished',
      time: now,
      realm: realm.name,
      jobId: job.id,
      agent: job.agent,
      ok: outcome.ok,
      durationMs: outcome.durationMs ?? 0,
      ...(code ? { code } : {}),
    })
    if (run) {
      const aborted = outcome.code || !run.hasSummary ? { aborted: outcome.text } : {}
      this.#context.emit({
        type: 'run:complete',
        time: now,
        runId: job.id,
        realm: realm.name,
        ...aborted,
        summary: run.summary(now),
      })
    }
    for (const waiter of job.waiters.splice(0)) waiter(outcome)
  }
}

function replyBody(outcome: JobOutcome, run?: JobTestRun): ReplyBody {
  if (outcome.code || run) return { kind: 'text', text: outcome.text }
  if (!outcome.ok) return { kind: 'error', stack: outcome.text }
  return outcome.value === undefined
    ? { kind: 'text', text: outcome.text }
    : { kind: 'json', json: outcome.value }
}

/** A job whose code did not parse: it never ran, so it has no duration. */
function syntaxOutcome(error: JobOutcome['error'] & {}): JobOutcome {
  return { ok: false, text: error.stack, error, events: [], omitted: 0 }
}

function cannotPrepare(error: unknown): { name: string; message: string; stack: string } {
  const message = `Daebug could not prepare this code to run: ${(error as Error)?.message ?? error}`
  return { name: 'Error', message, stack: `Error: ${message}` }
}

function serverOutcome(text: string, code: JobOutcome['code']): JobOutcome {
  return { ok: false, text, events: [] as CapturedEvent[], omitted: 0, ...(code ? { code } : {}) }
}
