/**
 * What the server core needs from its runtime (files, watching, the clock), implemented once per
 * runtime in `src/adapters/`. The core imports no `node:*`, `Bun` or `Deno`; it only sees this.
 * Paths are absolute, with `/` separators.
 */
import type { UpgradeWebSocket } from 'hono/ws'

/** A file's kind and size, as `stat` reports it (links followed). */
export interface FileStat {
  kind: 'file' | 'directory' | 'other'
  size: number
  mtimeMs: number
}

/** Files and folders. Reads of a missing path resolve to `undefined`, never reject. */
export interface HostFs {
  readText(path: string): Promise<string | undefined>
  readBytes(path: string): Promise<Uint8Array | undefined>
  /**
   * Writes crash-safely: a temp file in the same folder (in its {@link TEMP_FOLDER} when it has
   * one), flushed (fsync) and renamed over the target, so a reader sees the old content or the
   * new, never a mix.
   */
  writeTextAtomic(path: string, text: string): Promise<void>
  /**
   * Compare-and-swap: writes `text` (crash-safely, as {@link writeTextAtomic}) only if the file
   * still holds `expected` (`undefined`: missing). `written: false` means it did not write, and
   * `current` is what the file holds. `written: true` with `current` set means another writer
   * changed the file between the check and the rename: `current` is what the rename replaced, so
   * nothing the other writer wrote is lost. A writer that opened the file before the rename can
   * still write into the replaced file a little later: `onLate` then gets that save.
   */
  replaceText(
    path: string,
    text: string,
    expected: string | undefined,
    onLate?: (save: LateSave) => void,
  ): Promise<Replacement>
  /**
   * After a crash, finds the saves that landed in files a rename was replacing when the server
   * died, and appends them to the files they were meant for. Returns the files it changed.
   */
  recoverLateSaves?(folder: string): Promise<string[]>
  /** Writes a file readable by its owner only (0600), atomically. */
  writePrivate(path: string, text: string): Promise<void>
  remove(path: string): Promise<void>
  /** The names of the entries of a folder (empty when it does not exist). */
  list(path: string): Promise<string[]>
  mkdir(path: string): Promise<void>
  stat(path: string): Promise<FileStat | undefined>
  /** The path with every symlink resolved, or `undefined` when it does not exist. */
  realPath(path: string): Promise<string | undefined>
}

/**
 * A save that landed in a file after a rename had replaced it: text appended to what the replaced
 * file held (the usual `>>` or `appendFile`), or any other change, with the whole new content.
 */
export type LateSave = { kind: 'append'; text: string } | { kind: 'rewrite'; content: string }

/** The outcome of {@link HostFs.replaceText}. */
export interface Replacement {
  written: boolean
  current?: string
}

/** A running watch; `close` stops it. */
export interface Watch {
  close(): Promise<void>
}

/** How far a watch reaches. */
export interface WatchOptions {
  /** Watch the folders' whole trees (default: only their direct entries). */
  recursive?: boolean
  /** Paths (absolute, `/` separators) not to watch, nor descend into. */
  ignore?: (path: string) => boolean
}

/** Watches files and folders; `onChange` gets the absolute path of what was added, changed or removed. */
export interface HostWatcher {
  watch(paths: string[], onChange: (path: string) => void, options?: WatchOptions): Promise<Watch>
}

/** Serving a Hono app on a runtime: its WebSocket upgrade helper, and listening. */
export interface Serving {
  /** The runtime's WebSocket upgrade helper, for the app's WebSocket routes. */
  upgradeWebSocket: UpgradeWebSocket
  /**
   * Starts listening; rejects with the listen error. A port in use rejects with an error whose
   * `code` is `EADDRINUSE` on every runtime.
   */
  listen(port: number, hostname: string): Promise<{ port: number; close(): Promise<void> }>
}

/** Everything the core takes from the runtime. */
export interface Host {
  fs: HostFs
  watcher: HostWatcher
  /** Epoch milliseconds (injectable, so tests can drive time). */
  now(): number
}

/**
 * The subfolder of a folder the server writes often (`daebug/`) where its temp files go, so that
 * watchers of the folder see only the renames that replace files.
 */
export const TEMP_FOLDER = '.tmp'

/** Joins path segments with `/`, collapsing duplicate separators. */
export function joinPath(...parts: string[]): string {
  return parts.join('/').replace(/\/{2,}/g, '/')
}

/**
 * Lets a timer not keep the process alive (Node and Bun; a no-op where timers are numbers): the
 * server's own sockets do that, and an embedder's process must be free to exit.
 */
export function unrefTimer<T>(timer: T): T {
  ;(timer as { unref?: () => void } | undefined)?.unref?.()
  return timer
}
