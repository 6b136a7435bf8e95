/**
 * The orchestration core (SPEC §1, §2, §3.4): realms and their connections, the logs and the
 * registry on disk, and the intake of requests from the files. Runtime-agnostic: everything from
 * the outside world comes through the `Host`.
 */
import {
  acceptPending,
  appendBlock,
  type CapturedEvent,
  formatBackgroundBlock,
  formatClock,
  formatDiagnostic,
  formatLogHeader,
  formatRequest,
  generateRealmName,
  hasShutdownLine,
  interruptSlots,
  type LifecycleEvent,
  REPLY_TEXT,
  type RealmHello,
  type RealmInfo,
  type RealmKind,
  type RealmToServerMessage,
  type SlotState,
  sanitizeRealmName,
  selectRealm,
  type Transport,
  validateRealmMessage,
} from '@daebug/protocol'
import { FilePoller } from './file-poller.js'
import { type Host, joinPath, TEMP_FOLDER, unrefTimer } from './host.js'
import { JobRunner, newJobId } from './jobs.js'
import { SharedFile } from './log-file.js'
import { LogRotation } from './log-rotation.js'
import {
  type Job,
  type JobOutcome,
  type RealmRecord,
  type RealmSocket,
  realmState,
} from './realm.js'
import { RegistryWriter } from './registry-writer.js'
import { RUN_WATCHDOG_MS } from './test-run-log.js'
import {
  applyWorkerReport,
  NOT_RUN_DISCONNECTED,
  type WorkerReportContext,
} from './worker-reports.js'

/** What the core is configured with. */
export interface CoreOptions {
  root: string
  host: Host
  /** The server's URL, shown in the registry. */
  url: string
  /** Job time-out in ms (SPEC §2.4, default 60 s). */
  timeoutMs: number
  /** The run watchdog of jobs that run tests (default 10 minutes, SPEC §5.2). */
  runTimeoutMs?: number
  /** Whether pages create a web worker realm (SPEC §3.5); `false` with `--no-worker`. Default true. */
  worker?: boolean
  /** A realm log past this size is rotated (SPEC §2.9, `--max-log`). Default 1 MiB. */
  maxLogBytes?: number
  /** Lifecycle events (SPEC §4.3) for the CLI's lines, `--log-format json` and embedders. */
  onEvent?: (event: LifecycleEvent) => void
  /** A bug or an I/O failure the server survived; the CLI prints it. */
  onError?: (error: unknown) => void
  /** Called when `%%SHUTDOWN%%` asks the server to stop. */
  onShutdownRequest?: () => void
}

/** Code sent to a realm by another way than its log (SPEC §4). */
export interface SubmitRequest {
  code: string
  /** Names the sender in the log; default: the transport. */
  agent?: string
  transport: Transport
  /** The job's time-out in ms (default: the server's). */
  timeoutMs?: number
  /** The code runs tests: bound by the run watchdog from the start, not by the job time-out. */
  runsTests?: boolean
  /** Called when the job's test run starts, to follow its events. */
  onTestRun?: Job['onTestRun']
}

/** A realm's connection as the transport sees it: feed it messages, tell it when it closed. */
export interface RealmConnection {
  message(text: string): void
  close(): void
}

const SILENCE_MS = 30_000
const KEEP_DISCONNECTED_MS = 10 * 60_000
const HELLO_GRACE_MS = 1000
/** How long a request sent by HTTP, the relay or MCP is held back to be written with its reply. */
const REQUEST_HELD_MS = 10
/**
 * A page terminates a stuck worker and then reports it (SPEC §3.5), but the worker's socket may
 * close first: its running job waits this long for the report, so that its reply says why.
 */
const WORKER_REPORT_GRACE_MS = 1000

/** The server's state: realms, jobs, files. */
export class DaebugCore {
  readonly options: CoreOptions
  readonly realms: Map<string, RealmRecord> = new Map()
  readonly jobs: JobRunner
  readonly #registry: RegistryWriter
  readonly #logDir: string
  #sweeper?: ReturnType<typeof setInterval>
  #watch?: { close(): Promise<void> }
  readonly #poller: FilePoller
  readonly #workerReports: WorkerReportContext
  #closed = false

  constructor(options: CoreOptions) {
    this.options = options
    this.#logDir = joinPath(options.root, 'daebug')
    this.#registry = new RegistryWriter({
      fs: options.host.fs,
      path: joinPath(options.root, 'daebug.md'),
      url: options.url,
      now: () => options.host.now(),
      realms: () => [...this.realms.values()],
      onShutdownRequest: () => this.options.onShutdownRequest?.(),
    })
    this.#poller = new FilePoller(options.host.fs, (path) => this.#check(path))
    this.jobs = new JobRunner({
      now: () => options.host.now(),
      timeoutMs: options.timeoutMs,
      runTimeoutMs: options.runTimeoutMs ?? RUN_WATCHDOG_MS,
      editLog: (realm, transform) => this.#editLog(realm, transform),
      emit: (event) => this.options.onEvent?.(event),
      changed: () => this.#registry.schedule(),
      modules: (realm) => {
        const page = realm.kind === 'worker' && realm.parent && this.realms.get(realm.parent)
        if (!page) return { url: realm.url }
        return { url: page.url, ...(page.importMap ? { importMap: page.importMap } : {}) }
      },
    })
    this.#workerReports = {
      realms: this.realms,
      jobs: this.jobs,
      now: () => options.host.now(),
      addRealm: (name, kind, url, instance) => this.#addRealm(name, kind, url, instance),
      note: (realm, text) => this.#note(realm, text),
      emit: (event) => this.options.onEvent?.(event),
      realmInfo: (realm) => this.realmInfo(realm),
      registryChanged: () => this.#registry.schedule(),
    }
  }

  #clock(): string {
    return formatClock(this.options.host.now())
  }

  /** Prepares `daebug/`, marks jobs a previous run left executing, writes the registry, starts watching. */
  async start(): Promise<void> {
    const { fs } = this.options.host
    await fs.mkdir(this.#logDir)
    await fs.mkdir(joinPath(this.#logDir, TEMP_FOLDER))
    if ((await fs.readText(joinPath(this.#logDir, '.gitignore'))) === undefined) {
      await fs.writeTextAtomic(joinPath(this.#logDir, '.gitignore'), '*\n')
    }
    await fs.recoverLateSaves?.(this.#logDir)
    for (const name of await fs.list(this.#logDir)) {
      // Archives (`<realm>.<k>.md`; realm file names have no dots) never hold open slots.
      if (!name.endsWith('.md') || /\.\d+\.md$/.test(name)) continue
      const file = new SharedFile(fs, joinPath(this.#logDir, name))
      await file.update((text) =>
        text === undefined ? undefined : interruptSlots(text, this.#clock()).text,
      )
    }
    await this.#registry.write()
    this.#watch = await this.options.host.watcher.watch(
      [this.#logDir, this.#registry.path],
      (path) => this.#fileChanged(path),
    )
    this.#sweeper = unrefTimer(setInterval(() => this.#sweep(), 5000))
    this.#poller.start(() => [
      ...[...this.realms.values()].filter((realm) => realm.socket).map((realm) => realm.log.path),
      this.#registry.path,
    ])
  }

  /** Opens a realm connection for a transport (a WebSocket, or the HTTP fallback). */
  connect(socket: RealmSocket): RealmConnection {
    let realm: RealmRecord | undefined
    let instance = ''
    const onMessage = async (message: RealmToServerMessage): Promise<void> => {
      if (this.#closed) {
        // A realm that connects while the server stops (a page's new worker) is let go at once.
        try {
          socket.close()
        } catch {}
        return
      }
      if (message.type === 'hello') {
        instance = message.instance
        realm = await this.#hello(socket, message)
        return
      }
      if (!realm || realm.instance !== instance) return
      realm.lastSeen = this.options.host.now()
      if (message.type === 'result') this.jobs.result(realm, instance, message)
      else if (message.type === 'test') this.jobs.testEvents(realm, instance, message)
      else if (message.type === 'events') this.#background(realm, message.events, message.omitted)
      else if (message.type === 'note') this.#note(realm, message.text)
      else if (message.type === 'worker') applyWorkerReport(this.#workerReports, realm, message)
    }
    // A hello may wait on a write: the messages that come meanwhile (a note, a result) wait for it,
    // in order, so they find the realm it sets up. Others are handled at once, as they arrive.
    let hello: Promise<void> | undefined
    return {
      message: (text) => {
        const parsed = validateRealmMessage(safeJson(text))
        if (!parsed.ok) return
        const handle = () => onMessage(parsed.value).catch((error) => this.#internalError(error))
        const waiting = hello
        if (!waiting && parsed.value.type !== 'hello') return void handle()
        const turn: Promise<void> = (waiting ? waiting.then(handle) : handle()).finally(() => {
          if (hello === turn) hello = undefined
        })
        hello = turn
      },
      close: () => {
        if (realm && realm.socket === socket) this.#disconnected(realm, { closed: true })
      },
    }
  }

  async #hello(socket: RealmSocket, hello: RealmHello): Promise<RealmRecord> {
    const now = this.options.host.now()
    let name = hello.name
    let realm = this.realms.get(name)
    if (realm?.socket && realm.instance !== hello.instance && (await this.#stillThere(realm))) {
      name = this.#freshName()
      realm = undefined
    }
    if (!realm) {
      realm = this.#addRealm(name, hello.kind, hello.url, hello.instance)
    } else if (realm.instance !== hello.instance) {
      if (realm.socket) this.#disconnected(realm)
      // A job held for a worker's report (see `#disconnected`) belongs to the old instance.
      this.jobs.abandon(realm, REPLY_TEXT.disconnected('closed'), NOT_RUN_DISCONNECTED)
      realm.instance = hello.instance
      realm.mark = 'reloaded'
    } else if (realm.mark === 'failed') {
      realm.mark = undefined
    }
    if (hello.parent !== undefined) realm.parent = hello.parent
    Object.assign(realm, {
      socket,
      kind: hello.kind,
      url: hello.url,
      lastSeen: now,
      changedAt: now,
    })
    if (hello.title !== undefined) realm.title = hello.title
    if (hello.kind === 'page') {
      if (hello.importMap) realm.importMap = hello.importMap
      else delete realm.importMap
    }
    socket.send(
      JSON.stringify({
        type: 'welcome',
        name,
        instance: hello.instance,
        worker: this.options.worker !== false,
      }),
    )
    this.options.onEvent?.({ type: 'realm:connected', time: now, realm: this.realmInfo(realm) })
    this.#registry.schedule()
    await this.#intake(realm)
    return realm
  }

  #addRealm(name: string, kind: RealmKind, url: string, instance: string): RealmRecord {
    const now = this.options.host.now()
    const realm: RealmRecord = {
      name,
      kind,
      url,
      instance,
      lastSeen: now,
      changedAt: now,
      log: this.#logFile(joinPath(this.#logDir, `${sanitizeRealmName(name)}.md`)),
      queue: [],
      delivered: new Map(),
    }
    this.realms.set(name, realm)
    this.#watchLateEdits(realm)
    return realm
  }

  #watchLateEdits(realm: RealmRecord): void {
    realm.log.onAppended = () => void this.#intake(realm)
    realm.log.onLateEdit = (content) =>
      this.#note(
        realm,
        `A save landed while the server rewrote this log and could not be merged. The saved file was:\n\n${content}`,
      )
  }

  /** Asks a connected instance whether it is still there (a duplicated tab) or gone (a reload). */
  #stillThere(realm: RealmRecord): Promise<boolean> {
    const before = realm.lastSeen
    try {
      realm.socket?.send(JSON.stringify({ type: 'ping' }))
    } catch {
      return Promise.resolve(false)
    }
    return new Promise((resolve) => {
      setTimeout(() => resolve(!!realm.socket && realm.lastSeen > before), HELLO_GRACE_MS)
    })
  }

  #logFile(path: string): SharedFile {
    const { fs } = this.options.host
    return new SharedFile(fs, path, new LogRotation(fs, path, this.options.maxLogBytes))
  }

  #freshName(): string {
    for (;;) {
      const name = generateRealmName({
        random: Math.random,
        now: new Date(this.options.host.now()),
      })
      if (!this.realms.has(name)) return name
    }
  }

  #disconnected(realm: RealmRecord, { closed = false } = {}): void {
    realm.socket = undefined
    realm.changedAt = this.options.host.now()
    realm.mark = undefined
    const job = realm.running
    if (closed && realm.kind === 'worker' && job) {
      unrefTimer(
        setTimeout(() => {
          const back = realm.socket !== undefined && realm.instance === job.instance
          if (realm.running === job && !back) {
            this.jobs.abandon(realm, REPLY_TEXT.disconnected('closed'), NOT_RUN_DISCONNECTED)
          }
        }, WORKER_REPORT_GRACE_MS),
      )
    } else {
      this.jobs.abandon(realm, REPLY_TEXT.disconnected('closed'), NOT_RUN_DISCONNECTED)
    }
    this.options.onEvent?.({
      type: 'realm:disconnected',
      time: realm.changedAt,
      realm: this.realmInfo(realm),
    })
    this.#registry.schedule()
  }

  /** Accepts the pending chunk of a realm's log, if it holds a request, and queues its jobs. */
  async #intake(realm: RealmRecord, chunk?: string): Promise<Job[]> {
    if (!realm.socket) return []
    let jobs: Job[] = []
    await this.#editLog(realm, (saved) => {
      const text =
        chunk === undefined ? saved : `${saved}${saved.endsWith('\n') ? '' : '\n'}${chunk}`
      const queueLength = realm.queue.length + (realm.running ? 1 : 0)
      const now = this.options.host.now()
      const clock = formatClock(now)
      const accepted = acceptPending(text, { realm: realm.name, time: clock, queueLength })
      const group = { failed: false }
      jobs = accepted.jobs.map((job, index) => ({
        id: newJobId(now),
        realm: realm.name,
        code: job.code,
        lang: job.lang,
        agent: accepted.agent ?? 'agent',
        transport: 'file',
        group,
        acceptedAt: now,
        acceptedClock: clock,
        executingShown: queueLength === 0 && index === 0,
        done: false,
        waiters: [],
      }))
      return accepted.text
    })
    if (jobs.length) this.jobs.enqueue(realm, jobs)
    return jobs
  }

  /**
   * Appends a raw Markdown chunk to a connected realm's log and takes it in exactly as if an agent
   * had saved it there (SPEC §4.1 `append`). Resolves with the jobs it queued (none for prose or
   * a draft, which stay below the footer).
   */
  append(realm: RealmRecord, chunk: string): Promise<Job[]> {
    return this.#intake(realm, chunk)
  }

  /**
   * Cancels the realm's running job on behalf of `agent` (SPEC §4.3); a worker realm is restarted
   * by its page to stop the code. Returns the job, or undefined when none was running.
   */
  cancel(realm: RealmRecord, agent: string): Job | undefined {
    return this.jobs.cancel(realm, agent, () => {
      const page = realm.parent === undefined ? undefined : this.realms.get(realm.parent)
      try {
        page?.socket?.send(
          JSON.stringify({
            type: 'restart-worker',
            reason: `cancelled by ${agent}: restarted to stop its running job`,
          }),
        )
      } catch {}
    })
  }

  /**
   * Sends code to a connected realm as if an agent had appended it to the realm's log (SPEC §4):
   * logged under a header naming the agent (or the transport), queued with the file requests,
   * answered under it. Returns the job's id at once, and its outcome once the reply is written.
   */
  submit(realm: RealmRecord, request: SubmitRequest): { id: string; outcome: Promise<JobOutcome> } {
    const now = this.options.host.now()
    const clock = formatClock(now)
    const ahead = realm.queue.length + (realm.running ? 1 : 0)
    const agent = request.agent ?? request.transport
    let settle: (outcome: JobOutcome) => void = () => {}
    const outcome = new Promise<JobOutcome>((resolve) => {
      settle = resolve
    })
    const job: Job = {
      id: newJobId(now),
      realm: realm.name,
      code: request.code,
      lang: 'js',
      agent,
      transport: request.transport,
      group: { failed: false },
      acceptedAt: now,
      acceptedClock: clock,
      executingShown: ahead === 0,
      done: false,
      waiters: [settle],
      ...(request.runsTests ? { runsTests: true } : {}),
      ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
      ...(request.onTestRun ? { onTestRun: request.onTestRun } : {}),
    }
    const slot: SlotState =
      ahead === 0
        ? { state: 'executing', seconds: 0, time: clock }
        : { state: 'queued', ahead, time: clock }
    const logRequest = () =>
      void this.#editLog(realm, (text) =>
        appendBlock(text, formatRequest(agent, realm.name, request.code, slot)),
      )
    if (ahead === 0 && !request.runsTests) {
      // Most requests are answered within milliseconds: held back that long, the request is
      // written with its reply in one write, after the answer went out. A longer one shows up
      // as executing.
      const timer = setTimeout(() => job.logRequest?.(), REQUEST_HELD_MS)
      job.logRequest = () => {
        clearTimeout(timer)
        job.logRequest = undefined
        logRequest()
      }
    } else logRequest()
    this.jobs.enqueue(realm, [job])
    return { id: job.id, outcome }
  }

  #editLog(realm: RealmRecord, transform: (text: string) => string): Promise<void> {
    return realm.log
      .update((text) => transform(text ?? formatLogHeader(realm.name, realm.kind)))
      .then(() => this.#poller.touch(realm.log.path))
      .catch((error) => this.#internalError(error))
  }

  #background(realm: RealmRecord, events: CapturedEvent[], omitted: number): void {
    if (!events.length) return
    void this.#editLog(realm, (text) =>
      appendBlock(text, formatBackgroundBlock(realm.name, { events, omitted })),
    )
  }

  #note(realm: RealmRecord, message: string): void {
    void this.#editLog(realm, (text) => appendBlock(text, formatDiagnostic(this.#clock(), message)))
  }

  /** A watcher event: a log or the registry changed (temp files of our writes are ignored). */
  #fileChanged(path: string): void {
    if (this.#closed || (path !== this.#registry.path && !path.endsWith('.md'))) return
    this.#poller.touch(path)
    void this.#check(path)
  }

  async #check(path: string): Promise<void> {
    try {
      if (path === this.#registry.path) {
        const text = await this.options.host.fs.readText(path)
        if (text !== undefined && hasShutdownLine(text)) this.options.onShutdownRequest?.()
        return
      }
      // No shortcut for the server's own writes: a write that retried on an agent's save may carry
      // that save's new request in its text, and only a real intake notices it.
      const realm = this.#realmOfLog(path)
      if (realm?.socket) await this.#intake(realm)
    } catch (error) {
      this.#internalError(error)
    }
  }

  #realmOfLog(path: string): RealmRecord | undefined {
    for (const realm of this.realms.values()) if (realm.log.path === path) return realm
    return undefined
  }

  /** Silence for 30 s is a disconnect; disconnected realms leave the registry after 10 minutes. */
  #sweep(): void {
    const now = this.options.host.now()
    for (const realm of this.realms.values()) {
      if (realm.socket && now - realm.lastSeen > SILENCE_MS) {
        const socket = realm.socket
        this.#disconnected(realm)
        try {
          socket.close()
        } catch {}
      } else if (
        !realm.socket &&
        now - realm.changedAt > KEEP_DISCONNECTED_MS &&
        !this.#failedUnderKnownPage(realm)
      ) {
        this.realms.delete(realm.name)
        this.#registry.schedule()
      }
    }
  }

  /**
   * A failed worker stays listed while its page is: `failed` tells the agent why that page has no
   * worker realm, and that stays true until the page reloads (a new worker clears it) or is gone.
   */
  #failedUnderKnownPage(realm: RealmRecord): boolean {
    return realm.mark === 'failed' && realm.parent !== undefined && this.realms.has(realm.parent)
  }

  /**
   * The connected realm `target` names (SPEC §4: exact name, else part of a name, URL or title;
   * no target: the latest page). Throws a `DaebugError` `NO_REALM` that lists the realms.
   */
  selectRealm(target?: string): RealmRecord {
    const infos = [...this.realms.values()].map((realm) => this.realmInfo(realm))
    return this.realms.get(selectRealm(infos, target).name)!
  }

  /** A realm as the API, the relay and lifecycle events describe it. */
  realmInfo(realm: RealmRecord): RealmInfo {
    const { state, queued } = realmState(realm)
    return {
      name: realm.name,
      kind: realm.kind,
      url: realm.url,
      state,
      ...(queued === undefined ? {} : { queued }),
      lastSeen: realm.lastSeen,
      logPath: `daebug/${sanitizeRealmName(realm.name)}.md`,
      ...(realm.title === undefined ? {} : { title: realm.title }),
    }
  }

  /**
   * Stops: running and queued jobs get `Interrupted: the server shut down.`, sockets close, the
   * registry is rewritten in its stopped form, the watch ends.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#sweeper)
    this.#poller.stop()
    for (const realm of this.realms.values()) {
      this.jobs.abandon(realm, REPLY_TEXT.shutDown, REPLY_TEXT.shutDown)
      try {
        realm.socket?.close()
      } catch {}
      realm.socket = undefined
    }
    await Promise.all([...this.realms.values()].map((realm) => realm.log.settled()))
    await this.#watch?.close()
    await this.#registry.writeStopped()
  }

  #internalError(error: unknown): void {
    this.options.onError?.(error)
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
