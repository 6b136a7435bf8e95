/**
 * Single-file mode (SPEC §11, `--js-file debug.js`): one file holds a header of the connected
 * realms, the agent's request (`// <realm fragment>` + code) and then its result. One job at a
 * time; each request and reply is also logged in the realm's log, like any other transport's.
 */
import {
  formatClock,
  formatJsFile,
  formatJsFileHeader,
  formatJsFilePageNotFound,
  formatJsFileResult,
  isDaebugError,
  type JsFileRealm,
  type JsFileRequest,
  type JsFileState,
  jsFileBody,
  jsFileSnippet,
  parseJsFileRequest,
} from '@daebug/protocol'
import type { DaebugCore } from './core.js'
import { FilePoller } from './file-poller.js'
import { unrefTimer, type Watch } from './host.js'
import { SharedFile } from './log-file.js'
import type { JobOutcome, RealmRecord } from './realm.js'

/** The agent named in the realm logs for requests from the file. */
const AGENT = 'js-file'
/** Header rewrites are coalesced: realms connecting together make one write. */
const REFRESH_MS = 250

/** Serves one single-file REPL file for a core. */
export class JsFileMode {
  readonly #core: DaebugCore
  readonly #file: SharedFile
  readonly #poller: FilePoller
  #watch?: Watch
  #states = new Map<string, JsFileState>()
  #pinned?: string
  #busy = false
  #again = false
  #refresh?: ReturnType<typeof setTimeout>
  #closed = false

  constructor(core: DaebugCore, path: string) {
    this.#core = core
    this.#file = new SharedFile(core.options.host.fs, path)
    this.#poller = new FilePoller(core.options.host.fs, () => this.#changed())
  }

  /** Writes the header (keeping what is below it), then watches the file. */
  async start(): Promise<void> {
    await this.#file.update((text) => formatJsFile(this.#header(), text && jsFileBody(text)))
    const { path } = this.#file
    this.#watch = await this.#core.options.host.watcher.watch([path], () =>
      this.#poller.touch(path),
    )
    this.#poller.start(() => [path])
    await this.#changed()
  }

  /** Something about the realms changed: the header is rewritten if its text changes. */
  realmsChanged(): void {
    if (this.#closed || this.#refresh) return
    this.#refresh = unrefTimer(
      setTimeout(() => {
        this.#refresh = undefined
        void this.#write((text) => formatJsFile(this.#header(), text && jsFileBody(text)))
      }, REFRESH_MS),
    )
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#refresh)
    this.#poller.stop()
    await this.#watch?.close()
    await this.#file.settled()
  }

  async #changed(): Promise<void> {
    if (this.#closed) return
    // One job at a time: a save during one is read again when it is done, never dropped.
    if (this.#busy) {
      this.#again = true
      return
    }
    this.#busy = true
    try {
      const text = await this.#core.options.host.fs.readText(this.#file.path)
      const request = text === undefined ? undefined : parseJsFileRequest(text)
      if (request) await this.#run(request)
    } catch (error) {
      this.#core.options.onError?.(error)
    } finally {
      this.#busy = false
      if (this.#again) {
        this.#again = false
        void this.#changed()
      }
    }
  }

  async #run(request: JsFileRequest): Promise<void> {
    // A new request resets every state and wipes the last result (the seed's rule).
    this.#states.clear()
    this.#pinned = undefined
    const taken = (text: string | undefined) => isSame(text, request)
    let realm: RealmRecord
    try {
      realm = this.#core.selectRealm(request.fragment)
    } catch (error) {
      if (!isDaebugError(error)) throw error
      const note = formatJsFilePageNotFound(request.fragment)
      await this.#write((text) => (taken(text) ? formatJsFile(this.#header(), note) : text))
      return
    }
    const { id, outcome } = this.#core.submit(realm, {
      code: request.code,
      agent: AGENT,
      transport: 'file',
    })
    this.#pinned = realm.name
    this.#states.set(realm.name, {
      state: 'executing',
      snippet: jsFileSnippet(request.code),
      job: id,
      started: formatClock(this.#core.options.host.now()),
    })
    // Anything else the agent saved meanwhile stays below the header, to be read next.
    await this.#write((text) =>
      formatJsFile(this.#header(), taken(text) ? undefined : text && jsFileBody(text)),
    )
    const result = await outcome
    this.#states.set(realm.name, stateOf(result))
    await this.#write((text) =>
      // A request written during the job is kept (it runs next); this reply is in the realm log.
      text !== undefined && parseJsFileRequest(text)
        ? formatJsFile(this.#header(), jsFileBody(text))
        : formatJsFile(this.#header(), bodyOf(result)),
    )
  }

  #write(transform: (text: string | undefined) => string | undefined): Promise<unknown> {
    return this.#file.update(transform).catch((error) => this.#core.options.onError?.(error))
  }

  /** The connected realms, most recent state change first, the pinned one at the top. */
  #header(): string {
    const realms: JsFileRealm[] = [...this.#core.realms.values()]
      .filter((realm) => realm.socket)
      .sort((a, b) => b.changedAt - a.changedAt)
      .map((realm) => ({
        name: realm.name,
        url: realm.url,
        time: formatClock(realm.changedAt),
        status: this.#states.get(realm.name) ?? { state: 'idle' },
      }))
    return formatJsFileHeader(realms, this.#pinned)
  }
}

function isSame(text: string | undefined, request: JsFileRequest): boolean {
  const now = text === undefined ? undefined : parseJsFileRequest(text)
  return now?.fragment === request.fragment && now.code === request.code
}

function stateOf(outcome: JobOutcome): JsFileState {
  if (outcome.code === 'TIMEOUT') return { state: 'timeout' }
  const durationMs = outcome.durationMs ?? 0
  return outcome.ok ? { state: 'completed', durationMs } : { state: 'failed', durationMs }
}

function bodyOf(outcome: JobOutcome): string {
  if (outcome.code === 'TIMEOUT') return 'timeout'
  return outcome.ok ? formatJsFileResult(outcome.value, outcome.text) : outcome.text
}
