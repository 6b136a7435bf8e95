/**
 * Logs stay small (SPEC §2.9): when a write would take a realm log past its size limit, everything
 * above the last exchanges (at most 20, within a quarter of the limit) moves into `<log>.<k>.md`
 * first, and the log keeps one link line to it. The archive is written (crash-safely) before the
 * shortened log, so a crash between the two leaves the exchanges in both files, never in neither.
 */
import { ROTATE_KEEP, rotateLog } from '@daebug/protocol'
import type { HostFs } from './host.js'
import { sharedPrefix, utf8Length } from './text-prefix.js'

/** The default size limit of a realm log: 1 MiB. */
export const MAX_LOG_BYTES: number = 1024 * 1024

/** One buffer for measuring texts, shared by every log (measuring is synchronous). */
let scratch = new Uint8Array(0)
const encoder = new TextEncoder()

/**
 * The last measured text of a few logs and its UTF-8 length. A log's next text is nearly always
 * the last one edited near its end, so only the part from where they differ is measured again.
 */
const measured = new Map<string, { text: string; bytes: number }>()
const MEASURED_LOGS = 16

const LINK = /^> Older exchanges: \[[^\]\n]*?\.(\d+)\.md\]/m

/** Rotates one log file: {@link prepare} runs on every text before it is written, {@link written} after. */
export class LogRotation {
  readonly #fs: HostFs
  readonly #path: string
  readonly #maxBytes: number
  /** An archive written for a text not yet in the log, and the link the log had then. */
  #pending?: { index: number; link: number }

  constructor(fs: HostFs, path: string, maxBytes: number = MAX_LOG_BYTES) {
    this.#fs = fs
    this.#path = path
    this.#maxBytes = maxBytes
  }

  /** The text to write instead of `text`: itself while it is within the limit, else rotated. */
  async prepare(text: string): Promise<string> {
    if (!this.#over(text)) return text
    const link = linkedIndex(text)
    // A write that lost its compare-and-swap comes back with the same log: it reuses its archive.
    const index = this.#pending?.link === link ? this.#pending.index : await this.#nextIndex(link)
    const name = `${baseName(this.#path)}.${index}.md`
    // What stays is small next to the limit: every later write, and the agent's reads, stay cheap.
    const rotation = rotateLog(text, name, ROTATE_KEEP, this.#maxBytes / 4)
    if (!rotation) return text
    await this.#fs.writeTextAtomic(this.#path.replace(/\.md$/, `.${index}.md`), rotation.archive)
    this.#pending = { index, link }
    return rotation.text
  }

  /** The prepared text is in the file: the next rotation takes the next archive. */
  written(): void {
    this.#pending = undefined
  }

  async #nextIndex(link: number): Promise<number> {
    return Math.max(link, await this.#lastOnDisk()) + 1
  }

  #over(text: string): boolean {
    if (text.length > this.#maxBytes) return true
    if (text.length * 3 <= this.#maxBytes) return false
    const last = measured.get(this.#path)
    measured.delete(this.#path)
    const from = last ? sharedPrefix(last.text, text) : 0
    let bytes: number
    if (last && from > 0) {
      bytes = last.bytes - utf8Length(last.text, from) + utf8Length(text, from)
    } else {
      if (scratch.length < this.#maxBytes + 4) scratch = new Uint8Array(this.#maxBytes + 4)
      const { read, written } = encoder.encodeInto(text, scratch)
      if (read < text.length) return true
      bytes = written
    }
    measured.set(this.#path, { text, bytes })
    for (const oldest of measured.keys()) {
      if (measured.size <= MEASURED_LOGS) break
      measured.delete(oldest)
    }
    return bytes > this.#maxBytes
  }

  async #lastOnDisk(): Promise<number> {
    const folder = this.#path.slice(0, this.#path.lastIndexOf('/'))
    const prefix = `${baseName(this.#path)}.`
    let last = 0
    for (const name of await this.#fs.list(folder)) {
      const index = name.startsWith(prefix) ? /^(\d+)\.md$/.exec(name.slice(prefix.length)) : null
      if (index) last = Math.max(last, Number(index[1]))
    }
    return last
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '')
}

function linkedIndex(text: string): number {
  const match = LINK.exec(text.slice(0, 4096))
  return match ? Number(match[1]) : 0
}
