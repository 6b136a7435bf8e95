/**
 * The Node.js adapter: files through `node:fs`, watching through chokidar, serving through
 * `@hono/node-server` with WebSockets from `@hono/node-ws`.
 */
import { randomBytes } from 'node:crypto'
import {
  appendFileSync,
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { mkdir, readdir, readFile, realpath, rm, stat } from 'node:fs/promises'
import type { Server } from 'node:http'
import { basename, dirname, join } from 'node:path'
import { serve } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import type { Hono } from 'hono'
import type { UpgradeWebSocket } from 'hono/ws'
import type { FileStat, Host, HostFs, HostWatcher, Replacement } from '../host.js'
import { RUNTIME_PACKAGES, type RuntimePackage } from '../runtime-modules.js'
import { checkRequestPath } from '../static.js'

function missing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

function tempPath(path: string, kind: string): string {
  return `${dirname(path)}/.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${kind}`
}

// The log files are small and on the hot path of every request: synchronous calls cost less than
// the thread-pool round trips of their async twins (several per write, each queued behind others).
function writeTemp(path: string, text: string, mode: number): string {
  const temp = tempPath(path, 'tmp')
  const fd = openSync(temp, constants.O_CREAT | constants.O_WRONLY | constants.O_TRUNC, mode)
  try {
    writeFileSync(fd, text, 'utf8')
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return temp
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    if (missing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined
    throw error
  }
}

/**
 * Compare-and-swap on a file. A hard link keeps the inode the rename replaces, so an append that
 * lands between the check and the rename is found there afterwards instead of being lost.
 */
async function replaceText(
  path: string,
  text: string,
  expected: string | undefined,
  onLate?: (accounted: string | undefined, later: string) => void,
): Promise<Replacement> {
  const temp = writeTemp(path, text, 0o644)
  // The name records how much of the replaced file the server has read: after a crash, what lies
  // beyond it is an agent's save that landed in the replaced file (see recoverLateSaves).
  const keep = tempPath(path, `${expected?.length ?? 0}.old`)
  let linked = true
  try {
    linkSync(path, keep)
  } catch (error) {
    if (!missing(error)) throw error
    linked = false
  }
  let kept = false
  try {
    const current = readOrUndefined(path)
    if (current !== expected) {
      rmSync(temp, { force: true })
      return { written: false, ...(current === undefined ? {} : { current }) }
    }
    renameSync(temp, path)
    if (!linked) return { written: true }
    const replaced = readOrUndefined(keep)
    // Watched a little longer in every case: a writer may still be writing into the old file.
    if (onLate) {
      kept = true
      watchReplaced(keep, replaced, onLate)
    }
    return replaced === expected ? { written: true } : { written: true, current: replaced ?? '' }
  } finally {
    if (linked && !kept) rmSync(keep, { force: true })
  }
}

/**
 * When a replaced file is looked at again (ms after the rename): a writer that opened it just
 * before the rename almost always writes within a millisecond or two, so the first looks come
 * early (the save reappears at once); the later ones cover a writer the OS paused.
 */
const LATE_CHECKS_MS = [2, 10, 40, 150, 500, 1500]

/** Replaced files still watched; removed at exit, so a stopping server leaves none behind. */
const watched = new Set<string>()
function removeWatched(): void {
  for (const keep of watched) rmSync(keep, { force: true })
}

function watchReplaced(
  keep: string,
  replaced: string | undefined,
  onLate: (accounted: string | undefined, later: string) => void,
  check = 0,
): void {
  if (watched.size === 0) process.once('exit', removeWatched)
  watched.add(keep)
  const delay = LATE_CHECKS_MS[check]! - (LATE_CHECKS_MS[check - 1] ?? 0)
  // Unreferenced: a pending look must not keep a stopping server alive.
  setTimeout(() => {
    let accounted = replaced
    try {
      const later = readOrUndefined(keep)
      if (later !== undefined && later !== replaced) {
        onLate(replaced, later)
        accounted = later
      }
    } finally {
      if (check + 1 < LATE_CHECKS_MS.length) watchReplaced(keep, accounted, onLate, check + 1)
      else {
        watched.delete(keep)
        if (watched.size === 0) process.off('exit', removeWatched)
        rmSync(keep, { force: true })
      }
    }
  }, delay).unref()
}

const KEPT = /^\.(.+)\.(\d+)\.[0-9a-f]+\.(\d+)\.old$/

/**
 * After a crash: a replaced file still kept in `folder` (the server died within 1.5 s of a
 * rename) may hold an agent's save that landed in it after the server read it. That save is
 * appended to the file the agent meant, unless it is there already; the kept file is removed.
 */
async function recoverLateSaves(folder: string): Promise<string[]> {
  const recovered: string[] = []
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const match = KEPT.exec(name)
    if (!match || Number(match[2]) === process.pid) continue
    const keep = join(folder, name)
    const target = join(folder, match[1]!)
    const extra = (readOrUndefined(keep) ?? '').slice(Number(match[3]))
    const current = readOrUndefined(target)
    if (extra.trim() && current !== undefined && !current.includes(extra.trim())) {
      appendFileSync(target, `${current.endsWith('\n') ? '' : '\n'}${extra}`)
      recovered.push(target)
    }
    rmSync(keep, { force: true })
  }
  return recovered
}

/** Files through `node:fs/promises`. */
export const nodeFs: HostFs = {
  readText: async (path) => readOrUndefined(path),
  async readBytes(path) {
    try {
      return new Uint8Array(await readFile(path))
    } catch (error) {
      if (missing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined
      throw error
    }
  },
  async writeTextAtomic(path, text) {
    renameSync(writeTemp(path, text, 0o644), path)
  },
  async writePrivate(path, text) {
    renameSync(writeTemp(path, text, 0o600), path)
  },
  replaceText,
  recoverLateSaves,
  async remove(path) {
    await rm(path, { force: true })
  },
  async list(path) {
    try {
      return await readdir(path)
    } catch (error) {
      if (missing(error)) return []
      throw error
    }
  },
  async mkdir(path) {
    await mkdir(path, { recursive: true })
  },
  async stat(path): Promise<FileStat | undefined> {
    try {
      const info = await stat(path)
      return {
        kind: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other',
        size: info.size,
        mtimeMs: info.mtimeMs,
      }
    } catch (error) {
      if (missing(error)) return undefined
      throw error
    }
  },
  async realPath(path) {
    try {
      return await realpath(path)
    } catch (error) {
      if (missing(error)) return undefined
      throw error
    }
  },
}

/** Watching through chokidar (imported only when a watch starts). */
export const nodeWatcher: HostWatcher = {
  async watch(paths, onChange, options = {}) {
    const { watch } = await import('chokidar')
    const { ignore } = options
    const watcher = watch(paths, {
      ignoreInitial: true,
      atomic: false,
      ...(options.recursive ? {} : { depth: 0 }),
      ...(ignore ? { ignored: (path: string) => ignore(path.replaceAll('\\', '/')) } : {}),
    })
    for (const event of ['add', 'change', 'unlink'] as const)
      watcher.on(event, (path: string) => onChange(path))
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
    return { close: () => watcher.close() }
  },
}

/** The Node host: real files, chokidar, the real clock. */
export function nodeHost(): Host {
  return { fs: nodeFs, watcher: nodeWatcher, now: () => Date.now() }
}

/**
 * `Request` URLs arrive normalised (`/a/../b` is `/b`), so the raw path is checked here, where
 * Node still has it: a path with dot segments, backslashes or double encoding is refused whole.
 */
function refuseRawPath(env: unknown): Response | undefined {
  const raw = (env as { incoming?: { url?: string } } | undefined)?.incoming?.url
  if (!raw) return undefined
  const check = checkRequestPath(raw.split('?')[0]!)
  if (check.ok || check.status !== 400) return undefined
  return Response.json(
    { error: { code: 'FORBIDDEN', message: `Refused path: ${check.reason}.` } },
    { status: 400 },
  )
}

/** A Node server serving a Hono app with WebSocket support. */
export interface NodeServing {
  upgradeWebSocket: UpgradeWebSocket
  /** Starts listening; rejects with the listen error (e.g. `EADDRINUSE`). */
  listen(port: number, hostname: string): Promise<{ port: number; close(): Promise<void> }>
}

/** Prepares a Hono app for serving on Node; routes that upgrade must use `upgradeWebSocket`. */
export function nodeServing(app: Hono): NodeServing {
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app })
  return {
    upgradeWebSocket,
    listen(port, hostname) {
      return new Promise((resolve, reject) => {
        const server = serve({
          fetch: (request, env) => refuseRawPath(env) ?? app.fetch(request, env),
          port,
          hostname,
        }) as Server
        server.once('error', reject)
        server.once('listening', () => {
          server.off('error', reject)
          injectWebSocket(server)
          const address = server.address()
          resolve({
            port: typeof address === 'object' && address ? address.port : port,
            close: () =>
              new Promise<void>((done) => {
                // Upgraded sockets are no longer the HTTP server's: one a realm opened while the
                // server was stopping would keep the process alive.
                for (const client of wss.clients) client.terminate()
                server.closeAllConnections?.()
                server.close(() => done())
              }),
          })
        })
      })
    },
  }
}

/** The page client's classic script, read from the built `@daebug/browser-client`. */
export function readClientScript(): Promise<string> {
  return readBrowserClient('page-client.js')
}

/** The web worker client's module script (SPEC §3.5), read from the built `@daebug/browser-client`. */
export function readWorkerScript(): Promise<string> {
  return readBrowserClient('worker-client.js')
}

/**
 * A built file of a runtime package (SPEC §5.4), read from its `dist/` folder next to its
 * `package.json` (so it works under the source condition too); undefined when missing.
 */
export async function readRuntimeModule(
  pkg: RuntimePackage,
  file: string,
): Promise<string | undefined> {
  const { fileURLToPath } = await import('node:url')
  const manifest = fileURLToPath(import.meta.resolve(`${RUNTIME_PACKAGES[pkg]}/package.json`))
  try {
    return await readFile(`${manifest.slice(0, -'package.json'.length)}dist/${file}`, 'utf8')
  } catch (error) {
    if (missing(error)) return undefined
    throw error
  }
}

async function readBrowserClient(entry: string): Promise<string> {
  const { fileURLToPath } = await import('node:url')
  const path = fileURLToPath(import.meta.resolve(`@daebug/browser-client/${entry}`))
  return readFile(path, 'utf8')
}
