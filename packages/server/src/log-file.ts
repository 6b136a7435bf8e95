/**
 * One Markdown file the server writes and the agent edits (a realm log or the registry): one writer
 * at a time, and every write a compare-and-swap against the agent's saves (SPEC §2.8).
 */
import type { HostFs, LateSave } from './host.js'

/**
 * How many times a write is retried while an agent keeps saving in between (a writer that saves
 * every few milliseconds can collide many times; giving up would drop what the server carries).
 */
const MAX_ATTEMPTS = 10_000

/**
 * What the transform should work on after the file turned out to hold `seen` instead of
 * `expected`: an append (the agent's usual save) is added to what we carry; anything else is the
 * agent's new version of the file.
 */
function rebase(
  base: string | undefined,
  expected: string | undefined,
  seen: string | undefined,
): string | undefined {
  if (seen === undefined || expected === undefined || !seen.startsWith(expected)) return seen
  return `${base ?? ''}${seen.slice(expected.length)}`
}

/** An edit of a file's text: `undefined` in, the file is missing; `undefined` out, no change. */
export type Transform = (text: string | undefined) => string | undefined

interface Waiting {
  transform: Transform
  resolve: (text: string | undefined) => void
  reject: (error: unknown) => void
  failed?: boolean
}

/**
 * The updates in order as one transform. One that throws is left out (its caller gets the error)
 * and the others still apply; run again after a collision, each runs again.
 */
function composed(updates: Waiting[]): Transform {
  return (text) => {
    let current = text
    for (const update of updates) {
      if (update.failed) continue
      try {
        current = update.transform(current) ?? current
      } catch (error) {
        update.failed = true
        update.reject(error)
      }
    }
    return current
  }
}

/** A step between computing a file's new text and writing it (log rotation). */
export interface BeforeWrite {
  /** The text to write instead of `text`. */
  prepare(text: string): Promise<string>
  /** The prepared text is now in the file. */
  written(): void
}

/** A file with a lock, compare-and-swap writes, and a memory of what the server last wrote. */
export class SharedFile {
  readonly path: string
  readonly #fs: HostFs
  readonly #beforeWrite?: BeforeWrite
  #queue: Promise<unknown> = Promise.resolve()
  /** Updates waiting for the write in progress; the next write applies them all at once. */
  #waiting?: Waiting[]

  constructor(fs: HostFs, path: string, beforeWrite?: BeforeWrite) {
    this.#fs = fs
    this.path = path
    if (beforeWrite) this.#beforeWrite = beforeWrite
  }

  /**
   * Runs `transform` on the current text (`undefined` when the file is missing) and writes its
   * result, unless it returns `undefined` or the same text. If the file changes between the read
   * and the rename (an agent saved), the transform runs again on the new text, so no edit is ever
   * overwritten. Calls are serialised. Resolves to the text now in the file.
   */
  update(transform: Transform): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      if (this.#waiting) {
        this.#waiting.push({ transform, resolve, reject })
        return
      }
      const waiting: Waiting[] = [{ transform, resolve, reject }]
      this.#waiting = waiting
      // Updates queued while a write is in progress are applied in order by one write: a burst
      // of edits costs one write, not one each.
      const run = this.#queue.then(() => {
        if (this.#waiting === waiting) this.#waiting = undefined
        return this.#update(composed(waiting))
      })
      this.#queue = run.then(
        (text) => {
          for (const update of waiting) if (!update.failed) update.resolve(text)
        },
        (error: unknown) => {
          for (const update of waiting) update.reject(error)
        },
      )
    })
  }

  async #update(transform: Transform): Promise<string | undefined> {
    // `expected` is what the file holds; `base` what the transform works on. They differ only after
    // an agent's save raced a rename: then `base` carries the agent's text the file does not hold.
    let expected = await this.#fs.readText(this.path)
    let base = expected
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const computed = transform(base) ?? base
      if (computed === expected || computed === undefined) return expected
      const next = this.#beforeWrite ? await this.#beforeWrite.prepare(computed) : computed
      const result = await this.#fs.replaceText(this.path, next, expected, (save) =>
        this.#late(save),
      )
      if (result.written && result.current === undefined) {
        this.#beforeWrite?.written()
        return next
      }
      if (result.written) {
        // An agent saved into the file the rename replaced: redo the edit with what they saved.
        base = rebase(base, expected, result.current)
        expected = next
        continue
      }
      // A writer saving in a steady rhythm would collide again and again: step out of its beat.
      if (attempt >= 10) await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 4))
      base = rebase(base, expected, result.current)
      expected = result.current
    }
    throw new Error(`${this.path} kept changing during ${MAX_ATTEMPTS} attempts to write it`)
  }

  /**
   * An agent's save landed in the file a rename had already replaced (it opened the file just
   * before). An append is carried over to the end of the file, where the agent put it.
   */
  #late(save: LateSave): void {
    if (save.kind === 'rewrite') {
      this.onLateEdit?.(save.content)
      return
    }
    void this.update((text) => `${text ?? ''}${save.text}`).then(() => this.onAppended?.())
  }

  /** Called when a late save was not an append (rare; the caller reports it). */
  onLateEdit?: (content: string) => void
  /** Called after a late append was carried over, so the caller re-reads the file. */
  onAppended?: () => void

  /** Waits until every write queued so far is done. */
  settled(): Promise<void> {
    return this.#queue.then(() => {})
  }
}
