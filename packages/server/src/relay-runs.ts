/**
 * Test runs started over the WebSocket relay (SPEC §4.2): one run per realm (others fail with
 * `RUN_IN_PROGRESS`, or wait with `queue: true`), every event tagged with its `runId`, exactly
 * one `run:complete` per run (with `aborted` when the realm went away or the run was cancelled),
 * and `watch: true` runs that start again on every change until cancelled.
 */
import {
  DaebugError,
  type RelayTestEvent,
  type RunCompleteEvent,
  type RunStatus,
  type ServerToToolMessage,
  type TestEvent,
  type TestsRunRequest,
  type ToolRun,
} from '@daebug/protocol'
import type { DaebugCore } from './core.js'
import type { JobOutcome } from './realm.js'
import { runCode } from './test-run-api.js'
import { createTestIds, type JobTestRun } from './test-run-log.js'

/** A relay client, as runs see it. */
export interface RunOwner {
  readonly name: string
  send(message: ServerToToolMessage): void
}

interface RelayRun {
  runId: string
  request: ToolRun
  realm: string
  owner: RunOwner
  state: 'queued' | 'running' | 'watching'
  total: number
  done: number
  failed: number
  /** Set once cancelled: no more starts. */
  cancelledBy?: string
  /** The job of the current start. */
  jobId?: string
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** What a relay `run` selects, as a `/tests/run` request (SPEC §4.2 scopes). */
export function runSelection(run: ToolRun): Omit<TestsRunRequest, 'realm'> {
  const patterns = run.pattern === undefined ? {} : { testNamePatterns: [run.pattern] }
  if (run.scope === 'all') return { ...(run.files ? { files: run.files } : {}), ...patterns }
  if (run.scope === 'file') return { files: run.id === undefined ? run.files! : [run.id] }
  if (run.id === undefined) return { ...(run.files ? { files: run.files } : {}), ...patterns }
  const hash = run.id.indexOf('#')
  if (hash <= 0 || hash === run.id.length - 1) {
    throw new DaebugError(
      'INVALID_ID',
      `'${run.id}' is no ${run.scope} id: write '<file>#<suite › … › ${run.scope}>', as the tree and the test events name them.`,
    )
  }
  const names = run.id.slice(hash + 1).split(' › ')
  return {
    files: [run.id.slice(0, hash)],
    testNamePatterns: [`/^${escapeRegExp(names.at(-1)!)}$/`],
  }
}

function relayEvent(
  event: TestEvent,
  runId: string,
  realm: string,
  id: string,
): RelayTestEvent | undefined {
  const data = event.data as { skip?: unknown; todo?: unknown }
  const marked = (flag: unknown) => flag !== undefined && flag !== false
  let type: RelayTestEvent['type']
  if (event.type === 'test:start' || event.type === 'test:fail') type = event.type
  else if (event.type === 'test:pass')
    type = marked(data.skip) ? 'test:skip' : marked(data.todo) ? 'test:todo' : 'test:pass'
  else return undefined
  return { type, runId, realm, id, data: event.data } as RelayTestEvent
}

let counter = 0

/** The relay's runs. */
export class RelayRuns {
  readonly #core: DaebugCore
  readonly #runs = new Map<string, RelayRun>()
  /** Subscribers (`subscribe: true`) get every run's events too. */
  readonly #subscribers: () => Iterable<RunOwner>

  constructor(core: DaebugCore, subscribers: () => Iterable<RunOwner>) {
    this.#core = core
    this.#subscribers = subscribers
  }

  #send(run: RelayRun, message: ServerToToolMessage): void {
    run.owner.send(message)
    for (const subscriber of this.#subscribers())
      if (subscriber !== run.owner) subscriber.send(message)
  }

  /** Runs a relay client asked for. Throws a `DaebugError` for a realm or id that is not there. */
  start(owner: RunOwner, request: ToolRun): void {
    runSelection(request)
    const realm = this.#core.selectRealm(request.realm).name
    const busy = [...this.#runs.values()].find(
      (run) => run.realm === realm && run.state === 'running',
    )
    if (busy && !request.queue) {
      throw new DaebugError(
        'RUN_IN_PROGRESS',
        `Run ${busy.runId} is in progress in ${realm}; send run with "queue": true to wait for it.`,
      )
    }
    counter = (counter + 1) % 1_000_000
    const run: RelayRun = {
      runId: `run-${Date.now().toString(36)}-${counter}`,
      request,
      realm,
      owner,
      state: 'queued',
      total: 0,
      done: 0,
      failed: 0,
    }
    this.#runs.set(run.runId, run)
    if (!busy) this.#launch(run)
  }

  #launch(run: RelayRun): void {
    const realm = this.#core.realms.get(run.realm)
    if (!realm?.socket) {
      this.#complete(run, undefined, `The realm ${run.realm} is not connected.`)
      return
    }
    run.state = 'running'
    run.done = 0
    run.failed = 0
    const ids = createTestIds()
    let testRun: JobTestRun | undefined
    const job = this.#core.submit(realm, {
      code: runCode(runSelection(run.request)),
      transport: 'ws',
      agent: run.owner.name,
      runsTests: true,
      onTestRun: (started) => {
        testRun = started
        started.listeners.add((event) => {
          if (event.type === 'test:enqueue' && event.data.nesting === 0) run.total++
          const relayed = relayEvent(event, run.runId, run.realm, ids(event) ?? '')
          if (!relayed) return
          if (relayed.type !== 'test:start') run.done++
          if (relayed.type === 'test:fail') run.failed++
          this.#send(run, relayed)
        })
      },
    })
    run.jobId = job.id
    this.#send(run, {
      type: 'run:start',
      ...(run.request.id === undefined ? {} : { id: run.request.id }),
      time: this.#core.options.host.now(),
      runId: run.runId,
      realm: run.realm,
      total: 0,
    })
    void job.outcome.then((outcome) =>
      this.#complete(run, testRun, this.#abortReason(outcome, testRun)),
    )
  }

  #abortReason(outcome: JobOutcome, testRun: JobTestRun | undefined): string | undefined {
    if (outcome.code) return outcome.text
    return testRun?.hasSummary ? undefined : outcome.text
  }

  #complete(run: RelayRun, testRun: JobTestRun | undefined, aborted: string | undefined): void {
    const now = this.#core.options.host.now()
    const summary = testRun?.summary(now) ?? {
      total: 0,
      passed: 0,
      failed: 0,
      skipped: 0,
      todo: 0,
      cancelled: 0,
      durationMs: 0,
    }
    const complete: RunCompleteEvent = {
      type: 'run:complete',
      ...(run.request.id === undefined ? {} : { id: run.request.id }),
      time: now,
      runId: run.runId,
      realm: run.realm,
      ...(aborted === undefined ? {} : { aborted }),
      summary,
    }
    this.#send(run, complete)
    const watching = run.request.watch && run.cancelledBy === undefined
    if (watching) run.state = 'watching'
    else this.#runs.delete(run.runId)
    const next = [...this.#runs.values()].find(
      (other) => other.realm === run.realm && other.state === 'queued',
    )
    if (next) this.#launch(next)
  }

  /** Cancels a run (and its watching). Throws `INVALID_ID` for a run that is not there. */
  cancel(by: RunOwner, runId: string): void {
    const run = this.#runs.get(runId)
    if (!run) {
      throw new DaebugError('INVALID_ID', `No run ${runId} is queued, running or watching.`)
    }
    run.cancelledBy = by.name
    const reason = `Cancelled by ${by.name}.`
    if (run.state === 'running') {
      const realm = this.#core.realms.get(run.realm)
      if (realm?.running && realm.running.id === run.jobId) this.#core.cancel(realm, by.name)
      return
    }
    this.#runs.delete(runId)
    if (run.state === 'queued') this.#complete(run, undefined, reason)
  }

  /** Starts the watching runs of `realm` (or of every realm) again, after a change. */
  changed(realm?: string): void {
    for (const run of this.#runs.values()) {
      if (run.state !== 'watching' || (realm !== undefined && run.realm !== realm)) continue
      const busy = [...this.#runs.values()].some(
        (other) => other.realm === run.realm && other.state === 'running',
      )
      run.state = 'queued'
      if (!busy) this.#launch(run)
    }
  }

  /** The runs queued, running or watching, for `status`. */
  status(): RunStatus[] {
    return [...this.#runs.values()].map((run) => ({
      runId: run.runId,
      realm: run.realm,
      scope: run.request.scope,
      state: run.state === 'running' ? 'running' : 'queued',
      total: run.total,
      done: run.done,
      failed: run.failed,
      ...(run.request.watch ? { watch: true } : {}),
    }))
  }

  /** Forgets the runs of a client that went away (its running job runs on, unobserved). */
  forget(owner: RunOwner): void {
    for (const [runId, run] of this.#runs) {
      if (run.owner !== owner) continue
      run.cancelledBy = owner.name
      if (run.state !== 'running') this.#runs.delete(runId)
    }
  }
}
