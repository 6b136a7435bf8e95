/**
 * What a page reports about the web worker it created (SPEC §3.5): the worker was restarted (it
 * hung or crashed), it failed (too many restarts), or it could not be created. The page speaks for
 * the worker because a stuck worker cannot speak for itself.
 */
import type { LifecycleEvent, RealmInfo, RealmKind, RealmWorkerStatus } from '@daebug/protocol'
import type { JobRunner } from './jobs.js'
import { type RealmRecord, realmState } from './realm.js'

/** The reply of a queued job whose realm went away before it started. */
export const NOT_RUN_DISCONNECTED =
  'Not run: the realm disconnected (closed or reloaded) before the job started.'

/** What the reports need from the server core. */
export interface WorkerReportContext {
  realms: Map<string, RealmRecord>
  jobs: JobRunner
  now(): number
  addRealm(name: string, kind: RealmKind, url: string, instance: string): RealmRecord
  note(realm: RealmRecord, text: string): void
  emit(event: LifecycleEvent): void
  realmInfo(realm: RealmRecord): RealmInfo
  registryChanged(): void
}

/** Lets go of a worker's socket (the page terminates it): later jobs wait for the new worker. */
function detach(context: WorkerReportContext, worker: RealmRecord, reason: string): boolean {
  const socket = worker.socket
  if (!socket) return false
  worker.socket = undefined
  worker.changedAt = context.now()
  try {
    socket.close()
  } catch {}
  context.emit({
    type: 'realm:disconnected',
    time: worker.changedAt,
    realm: context.realmInfo(worker),
    reason,
  })
  return true
}

/**
 * Applies a page's report about its worker. A page speaks only for its own worker,
 * `<page>-webworker`; anything else is ignored.
 */
export function applyWorkerReport(
  context: WorkerReportContext,
  page: RealmRecord,
  message: RealmWorkerStatus,
): void {
  if (page.kind !== 'page' || message.worker !== `${page.name}-webworker`) return
  const worker = context.realms.get(message.worker)
  if (worker && worker.kind !== 'worker') return
  if (message.status === 'unavailable') context.note(page, message.text)
  else if (message.status === 'failed') failed(context, page, worker, message.text)
  else if (!worker) {
    // It never said hello, so it has no log yet: the page's log says what happened.
    context.note(page, `${message.worker}: ${message.text}`)
  } else {
    // Its job is over (a new worker has none of its state, so the job is not re-run). The report
    // names the instance, so a new worker that was quicker than the report keeps its socket.
    if (message.instance === undefined || message.instance === worker.instance) {
      if (detach(context, worker, message.text)) context.registryChanged()
    }
    context.jobs.abandon(worker, message.text, NOT_RUN_DISCONNECTED)
    context.note(worker, message.text)
  }
}

/** The page stopped restarting its worker: the worker shows `failed` until a new one connects. */
function failed(
  context: WorkerReportContext,
  page: RealmRecord,
  known: RealmRecord | undefined,
  text: string,
): void {
  const name = `${page.name}-webworker`
  const worker = known ?? context.addRealm(name, 'worker', `worker://${name}`, '')
  worker.parent = page.name
  const previous = realmState(worker).state
  const detached = detach(context, worker, text)
  worker.mark = 'failed'
  worker.changedAt = context.now()
  context.jobs.abandon(worker, text, NOT_RUN_DISCONNECTED)
  context.note(worker, text)
  if (!detached) {
    context.emit({
      type: 'realm:state',
      time: worker.changedAt,
      realm: name,
      state: 'failed',
      previous,
    })
  }
  context.registryChanged()
}
