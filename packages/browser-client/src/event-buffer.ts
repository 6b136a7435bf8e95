/**
 * The streaming form of protocol's `compressEvents` (SPEC §2.5): the first 2 events, a ring of the
 * last 8 and a count of those dropped between, so a job that logs in a loop holds 10 events at most.
 */
import type { CapturedEvent, EventBatch } from '@daebug/protocol'

const KEEP_FIRST = 2
const KEEP_LAST = 8

/** Collects events compressed as they arrive. */
export interface EventBuffer {
  push(event: CapturedEvent): void
  /** Events held now (never more than 10). */
  readonly size: number
  /** Returns the batch in order, leaving the buffer as it is. */
  peek(): EventBatch
  clear(): void
  /** Returns the batch in order and empties the buffer. */
  take(): EventBatch
}

/**
 * Creates an empty {@link EventBuffer}; `take()` returns what `compressEvents` would return for
 * every event pushed since the last `take()`.
 */
export function createEventBuffer(): EventBuffer {
  let first: CapturedEvent[] = []
  let ring: CapturedEvent[] = []
  let start = 0
  let omitted = 0
  const peek = (): EventBatch => ({
    events: [...first, ...ring.slice(start), ...ring.slice(0, start)],
    omitted,
  })
  const clear = (): void => {
    first = []
    ring = []
    start = 0
    omitted = 0
  }
  return {
    push(event) {
      if (first.length < KEEP_FIRST) {
        first.push(event)
      } else if (ring.length < KEEP_LAST) {
        ring.push(event)
      } else {
        ring[start] = event
        start = (start + 1) % KEEP_LAST
        omitted++
      }
    },
    get size() {
      return first.length + ring.length
    },
    peek,
    clear,
    take() {
      const batch = peek()
      clear()
      return batch
    },
  }
}
