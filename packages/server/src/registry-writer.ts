/**
 * Writes `daebug.md` (SPEC §2.1, §2.9): at start, on realm changes (coalesced to at most one write
 * per 250 ms, and only when the text would change), and in its stopped form at shut-down. A
 * `%%SHUTDOWN%%` line the agent wrote is never overwritten: it stops the server instead.
 */
import { formatClock, formatRegistry, hasShutdownLine, type RegistryRealm } from '@daebug/protocol'
import type { HostFs } from './host.js'
import { SharedFile } from './log-file.js'
import { type RealmRecord, realmState } from './realm.js'

const COALESCE_MS = 250

/** What the registry writer reads from the server. */
export interface RegistryWriterOptions {
  fs: HostFs
  path: string
  url: string
  now(): number
  realms(): RealmRecord[]
  onShutdownRequest(): void
}

/** The registry file and its write schedule. */
export class RegistryWriter {
  readonly path: string
  readonly #options: RegistryWriterOptions
  readonly #file: SharedFile
  readonly #since: string
  #timer?: ReturnType<typeof setTimeout>
  #lastWrite = 0
  #stopped = false

  constructor(options: RegistryWriterOptions) {
    this.#options = options
    this.path = options.path
    this.#file = new SharedFile(options.fs, options.path)
    this.#since = formatClock(options.now())
  }

  #lines(): RegistryRealm[] {
    return this.#options
      .realms()
      .sort((a, b) => b.changedAt - a.changedAt)
      .map((realm) => ({
        name: realm.name,
        url: realm.url,
        at: formatClock(realm.changedAt),
        ...realmState(realm),
      }))
  }

  /** Writes now, replacing whatever is there (a stale `%%SHUTDOWN%%` from an earlier run too). */
  async write(): Promise<void> {
    this.#lastWrite = this.#options.now()
    await this.#file.update(() =>
      formatRegistry({ url: this.#options.url, since: this.#since, realms: this.#lines() }),
    )
  }

  /** Schedules a rewrite, coalescing bursts of changes. */
  schedule(): void {
    if (this.#timer || this.#stopped) return
    const wait = Math.max(0, this.#lastWrite + COALESCE_MS - this.#options.now())
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#lastWrite = this.#options.now()
      let shutdown = false
      this.#file
        .update((text) => {
          shutdown = text !== undefined && hasShutdownLine(text)
          if (shutdown) return undefined
          return formatRegistry({
            url: this.#options.url,
            since: this.#since,
            realms: this.#lines(),
          })
        })
        .then(() => shutdown && this.#options.onShutdownRequest())
        .catch(() => {})
    }, wait)
  }

  /** The stopped form: `# 👾 Daebug stopped at … (ran since …)`. */
  async writeStopped(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#file.update(() =>
      formatRegistry({
        url: this.#options.url,
        since: this.#since,
        stoppedAt: formatClock(this.#options.now()),
        realms: this.#lines(),
      }),
    )
  }
}
