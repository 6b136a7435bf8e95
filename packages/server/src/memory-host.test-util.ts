/**
 * An in-memory `Host` for tests of the core: files in a Map, a watcher the test (or the files)
 * trigger, and a clock the test can move.
 */
import type { FileStat, Host } from './host.js'

/** A memory host plus the handles a test needs. */
export interface MemoryHost extends Host {
  files: Map<string, string>
  /** Writes a file as an agent would (and reports it to the watcher). */
  agentWrite(path: string, text: string): void
  /** Current time; move it with `advance`. */
  clock: { now: number }
}

/** Creates a memory host whose clock starts at 2026-11-22 12:00:00 local time. */
export function memoryHost(): MemoryHost {
  const files = new Map<string, string>()
  const listeners = new Set<(path: string) => void>()
  const clock = { now: new Date(2026, 10, 22, 12, 0, 0).getTime() }
  const notify = (path: string) => {
    for (const listener of listeners) queueMicrotask(() => listener(path))
  }
  const dirs = new Set<string>()
  return {
    files,
    clock,
    now: () => clock.now,
    agentWrite(path, text) {
      files.set(path, text)
      notify(path)
    },
    fs: {
      readText: async (path) => files.get(path),
      readBytes: async (path) => {
        const text = files.get(path)
        return text === undefined ? undefined : new TextEncoder().encode(text)
      },
      async writeTextAtomic(path, text) {
        files.set(path, text)
        notify(path)
      },
      async replaceText(path, text, expected) {
        const current = files.get(path)
        if (current !== expected)
          return { written: false, ...(current === undefined ? {} : { current }) }
        files.set(path, text)
        notify(path)
        return { written: true }
      },
      async writePrivate(path, text) {
        files.set(path, text)
      },
      async remove(path) {
        files.delete(path)
      },
      async list(path) {
        const prefix = `${path}/`
        return [...files.keys()]
          .filter((key) => key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
          .map((key) => key.slice(prefix.length))
      },
      async mkdir(path) {
        dirs.add(path)
      },
      async stat(path): Promise<FileStat | undefined> {
        const text = files.get(path)
        if (text !== undefined) return { kind: 'file', size: text.length, mtimeMs: clock.now }
        return dirs.has(path) ? { kind: 'directory', size: 0, mtimeMs: clock.now } : undefined
      },
      realPath: async (path) => (files.has(path) || dirs.has(path) ? path : undefined),
    },
    watcher: {
      async watch(_paths, onChange) {
        listeners.add(onChange)
        return { close: async () => void listeners.delete(onChange) }
      },
    },
  }
}
