/**
 * The stream of a run's events: listeners by event name (`.on`), and async iteration over the
 * events in order (`for await`), like node:test's `TestsStream` (a Readable). Events wait in a
 * buffer until an iterator reads them, so a consumer that starts late misses nothing; as with a
 * Readable, each event goes to one iterator.
 */

import type { TestEvent, TestEventOf, TestEventType, TestSummaryData } from '@daebug/protocol'

/** A listener of one event type: it receives the event's `data`, as with Node's stream. */
export type TestEventListener<K extends TestEventType> = (data: TestEventOf<K>['data']) => void

type AnyListener = (data: unknown) => void

/**
 * node:test's events, as `run()` returns them: `.on('test:fail', (data) => …)` and
 * `for await (const { type, data } of stream)`.
 */
export class TestsStream implements AsyncIterable<TestEvent> {
  #listeners = new Map<string, AnyListener[]>()
  // Types and data alternate: events are made into `{ type, data }` objects only when read.
  #buffer: unknown[] = []
  #head = 0
  #keep: boolean
  #ended = false
  #wake: (() => void) | null = null
  #done: Promise<void>
  #resolveDone!: () => void
  #summary: TestSummaryData | undefined

  /** With `keep: false`, events go to listeners only (for a run nobody iterates). */
  constructor(options: { keep?: boolean } = {}) {
    this.#keep = options.keep ?? true
    this.#done = new Promise((resolve) => {
      this.#resolveDone = resolve
    })
  }

  /** Calls `listener` with the `data` of every event of `type`. */
  on<K extends TestEventType>(type: K, listener: TestEventListener<K>): this {
    const list = this.#listeners.get(type)
    if (list) list.push(listener as AnyListener)
    else this.#listeners.set(type, [listener as AnyListener])
    return this
  }

  /** Like {@link on}, for the next event of `type` only. */
  once<K extends TestEventType>(type: K, listener: TestEventListener<K>): this {
    const wrapper: TestEventListener<K> = (data) => {
      this.off(type, wrapper)
      listener(data)
    }
    return this.on(type, wrapper)
  }

  /** Removes a listener added with {@link on}. */
  off<K extends TestEventType>(type: K, listener: TestEventListener<K>): this {
    const list = this.#listeners.get(type)
    const index = list?.indexOf(listener as AnyListener) ?? -1
    if (index >= 0) list!.splice(index, 1)
    return this
  }

  /** Resolves when the run has emitted its last event. */
  get finished(): Promise<void> {
    return this.#done
  }

  /** The run's own `test:summary` (not a file's), once it was emitted. */
  get summary(): TestSummaryData | undefined {
    return this.#summary
  }

  /** Whether the run has emitted its last event. */
  get ended(): boolean {
    return this.#ended
  }

  /** Whether an event of `type` emitted now reaches anyone: an iterator or a listener. */
  listens(type: TestEventType): boolean {
    if (this.#ended) return false
    return this.#keep || (this.#listeners.get(type)?.length ?? 0) > 0
  }

  /** Emits one event to the listeners and to the iterators. */
  emit<K extends TestEventType>(type: K, data: TestEventOf<K>['data']): void {
    if (this.#ended) return
    if (type === 'test:summary' && (data as TestSummaryData).file === undefined) {
      this.#summary = data as TestSummaryData
    }
    if (this.#keep) this.#buffer.push(type, data)
    const list = this.#listeners.get(type)
    if (list !== undefined) {
      // Indexed over a copy (a listener may remove itself): a for-of would allocate an iterator
      // per event in code not yet optimized, and a run emits several events per test.
      const listeners = list.length === 1 ? list : list.slice()
      for (let index = 0; index < listeners.length; index++) {
        const listener = listeners[index]!
        try {
          listener(data)
        } catch (error) {
          // A listener's error must not break the run: it surfaces as an uncaught error instead.
          queueMicrotask(() => {
            throw error
          })
        }
      }
    }
    if (this.#wake !== null) this.#wake()
  }

  /** Ends the stream: iterators finish after the buffered events. */
  end(): void {
    if (this.#ended) return
    this.#ended = true
    this.#resolveDone()
    if (this.#wake !== null) this.#wake()
  }

  #next(): TestEvent | undefined {
    if (this.#head >= this.#buffer.length) return undefined
    const event = {
      type: this.#buffer[this.#head],
      data: this.#buffer[this.#head + 1],
    } as TestEvent
    this.#head += 2
    if (this.#head === this.#buffer.length) {
      this.#buffer = []
      this.#head = 0
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#buffer.length) {
      this.#buffer = this.#buffer.slice(this.#head)
      this.#head = 0
    }
    return event
  }

  async *[Symbol.asyncIterator](): AsyncIterator<TestEvent> {
    for (;;) {
      for (let event = this.#next(); event !== undefined; event = this.#next()) yield event
      if (this.#ended) return
      await new Promise<void>((resolve) => {
        const previous = this.#wake
        this.#wake = () => {
          this.#wake = null
          previous?.()
          resolve()
        }
      })
    }
  }

  /** Every event not yet read, once the run has ended. */
  async toArray(): Promise<TestEvent[]> {
    await this.#done
    const events: TestEvent[] = []
    for (let event = this.#next(); event !== undefined; event = this.#next()) events.push(event)
    return events
  }
}
