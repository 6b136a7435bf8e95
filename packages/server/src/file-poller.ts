/**
 * Polling that backs up the file watcher (SPEC §2.8). chokidar throttles change events per file
 * for 50 ms, so a save that lands right after an event or one of the server's writes goes
 * unreported; and a watcher can lose a file that is replaced by rename many times in a row. After
 * every event and write the file is polled through the throttle window, and the files that matter
 * are polled a few times a second: a `stat` each time, a callback only when it changed.
 */
import { type HostFs, unrefTimer } from './host.js'

/** When a file is polled after an event or a write (ms): through chokidar's 50 ms throttle. */
const AFTER_ACTIVITY_MS = [3, 8, 15, 25, 40, 60, 80]
/** The safety net's period. */
const SAFETY_MS = 250

/** Polls files and calls `changed` with the path of one whose size or time changed. */
export class FilePoller {
  readonly #fs: HostFs
  readonly #changed: (path: string) => Promise<void>
  readonly #timers = new Map<string, Array<ReturnType<typeof setTimeout>>>()
  readonly #seen = new Map<string, string>()
  #safety?: ReturnType<typeof setInterval>
  #stopped = false

  constructor(fs: HostFs, changed: (path: string) => Promise<void>) {
    this.#fs = fs
    this.#changed = changed
  }

  /** Polls `files()` every quarter second until {@link stop}. */
  start(files: () => string[]): void {
    this.#safety = unrefTimer(
      setInterval(() => {
        for (const path of files()) void this.#poll(path)
      }, SAFETY_MS),
    )
  }

  /** Something happened to `path` (an event, a write): poll it through the next 80 ms. */
  touch(path: string): void {
    if (this.#stopped) return
    for (const timer of this.#timers.get(path) ?? []) clearTimeout(timer)
    this.#timers.set(
      path,
      AFTER_ACTIVITY_MS.map((ms) => setTimeout(() => void this.#poll(path), ms)),
    )
  }

  async #poll(path: string): Promise<void> {
    if (this.#stopped) return
    const info = await this.#fs.stat(path).catch(() => undefined)
    const seen = info ? `${info.size}:${info.mtimeMs}` : 'missing'
    if (this.#seen.get(path) === seen) return
    this.#seen.set(path, seen)
    await this.#changed(path)
  }

  stop(): void {
    this.#stopped = true
    clearInterval(this.#safety)
    for (const timers of this.#timers.values()) for (const timer of timers) clearTimeout(timer)
  }
}
