/** Timers a test drives. */
export interface FakeTimers {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
  advance(ms: number): void
}

/** Timers driven by the test: `advance(ms)` runs every timer due by then, in order. */
export function fakeTimers(): FakeTimers {
  let time = 0
  let nextId = 0
  const pending = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => time,
    setTimeout: (callback: () => void, ms: number): unknown => {
      pending.set(++nextId, { at: time + ms, callback })
      return nextId
    },
    clearTimeout: (id: unknown) => {
      pending.delete(id as number)
    },
    advance(ms: number) {
      const end = time + ms
      for (;;) {
        const due = [...pending]
          .filter(([, timer]) => timer.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        pending.delete(due[0])
        time = due[1].at
        due[1].callback()
      }
      time = end
    },
  }
}
