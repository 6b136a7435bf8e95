/**
 * The Node.js adapter: files through `node:fs`, watching through chokidar, serving through
 * `@hono/node-server` with WebSockets from `@hono/node-ws`.
 */
import { isUtf8 } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import {
  appendFileSync,
  closeSync,
  constants,
  fsync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlink,
  unlinkSync,
  watch,
  writeFileSync,
} from 'node:fs'
import { mkdir, readdir, readFile, realpath, rm } from 'node:fs/promises'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { basename, dirname, join } from 'node:path'
import { getRequestListener, serve } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import type { Hono } from 'hono'
import {
  type FileStat,
  type Host,
  type HostFs,
  type HostWatcher,
  type LateSave,
  type Replacement,
  type Serving,
  TEMP_FOLDER,
  type Watch,
} from '../host.js'
import { RUNTIME_PACKAGES, type RuntimePackage } from '../runtime-modules.js'
import { checkRequestPath } from '../static.js'
import { sharedPrefix } from '../text-prefix.js'

function missing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/** Folders with a `.tmp` subfolder: their temp files go there, out of sight of folder watchers. */
const tempFolders = new Map<string, string>()

function tempFolder(folder: string): string {
  let chosen = tempFolders.get(folder)
  if (chosen === undefined) {
    const sub = `${folder}/${TEMP_FOLDER}`
    chosen = statSync(sub, { throwIfNoEntry: false })?.isDirectory() ? sub : folder
    tempFolders.set(folder, chosen)
  }
  return chosen
}

function tempPath(path: string, kind: string): string {
  const folder = tempFolder(dirname(path))
  return `${folder}/.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${kind}`
}

// The log files are small and on the hot path of every request: synchronous calls cost less than
// the thread-pool round trips of their async twins (several per write, each queued behind others).
// The fsync is the exception where it can be: it waits on the disk for milliseconds, during which
// the server answers realms and requests.
function openTemp(path: string, bytes: Uint8Array, mode: number): { temp: string; fd: number } {
  let temp = tempPath(path, 'tmp')
  let fd: number
  try {
    fd = openSync(temp, constants.O_CREAT | constants.O_WRONLY | constants.O_TRUNC, mode)
  } catch (error) {
    if (!missing(error)) throw error
    // Someone removed the temp folder: write beside the file again.
    tempFolders.set(dirname(path), dirname(path))
    temp = tempPath(path, 'tmp')
    fd = openSync(temp, constants.O_CREAT | constants.O_WRONLY | constants.O_TRUNC, mode)
  }
  try {
    writeFileSync(fd, bytes)
  } catch (error) {
    closeSync(fd)
    throw error
  }
  return { temp, fd }
}

function writeTemp(path: string, bytes: Uint8Array, mode: number): string {
  const { temp, fd } = openTemp(path, bytes, mode)
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return temp
}

async function writeTempAsync(path: string, bytes: Uint8Array, mode: number): Promise<string> {
  const { temp, fd } = openTemp(path, bytes, mode)
  try {
    await new Promise<void>((resolve, reject) =>
      fsync(fd, (error) => (error ? reject(error) : resolve())),
    )
  } finally {
    closeSync(fd)
  }
  return temp
}

/**
 * The bytes and text of each file as the server last read or wrote it. Logs hold emoji, and
 * decoding such UTF-8 costs several times what reading it does: a file read again with the same
 * bytes gives back the same string, undecoded (and comparing that string with itself is free).
 * When `exact`, each is the other's UTF-8 (no invalid bytes, no lone surrogates), so a file with
 * more appended, or a text edited near its end, is decoded or encoded from where it differs.
 */
interface Known {
  bytes: Buffer
  text: string
  exact: boolean
}
const known = new Map<string, Known>()
const KNOWN_BYTES = 32 * 1024 * 1024
let knownBytes = 0

function remember(path: string, bytes: Buffer, text: string, exact: boolean): void {
  forget(path)
  if (bytes.length > KNOWN_BYTES / 8) return
  known.set(path, { bytes, text, exact })
  knownBytes += bytes.length
  for (const oldest of known.keys()) {
    if (knownBytes <= KNOWN_BYTES) break
    forget(oldest)
  }
}

function forget(path: string): void {
  const entry = known.get(path)
  if (!entry) return
  known.delete(path)
  knownBytes -= entry.bytes.length
}

function readBuffer(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch (error) {
    if (missing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined
    throw error
  }
}

function readOrUndefined(file: string): string | undefined {
  const bytes = readBuffer(file)
  if (bytes === undefined) return undefined
  const last = known.get(file)
  if (last?.bytes.equals(bytes)) return last.text
  const length = last?.bytes.length ?? 0
  // An agent's save appends (the usual change): only what it appended is decoded.
  const appended =
    last?.exact === true &&
    length > 0 &&
    bytes.length > length &&
    bytes.compare(last.bytes, 0, length, 0, length) === 0
  const text = appended ? last.text + bytes.toString('utf8', length) : bytes.toString('utf8')
  remember(file, bytes, text, isUtf8(appended ? bytes.subarray(length) : bytes))
  return text
}

/** Whether a text has no lone surrogates (`String#isWellFormed`, Node 20; not yet in our lib). */
function wellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed()
}

/** The UTF-8 of `text`, edited from `held`'s text: the bytes of what they share are reused. */
function encodeEdited(text: string, held: Known | undefined): { bytes: Buffer; exact: boolean } {
  const from = held?.exact ? sharedPrefix(held.text, text) : 0
  if (!held || from === 0) return { bytes: Buffer.from(text, 'utf8'), exact: wellFormed(text) }
  const rest = text.slice(from)
  const shared = held.bytes.length - Buffer.byteLength(held.text.slice(from), 'utf8')
  const bytes = Buffer.concat([held.bytes.subarray(0, shared), Buffer.from(rest, 'utf8')])
  return { bytes, exact: wellFormed(rest) }
}

/** Decodes bytes that most often are what a file held (`held`), without decoding them again. */
function decodeAs(bytes: Buffer, held?: { bytes: Buffer; text: string }): string {
  return held?.bytes.equals(bytes) ? held.text : bytes.toString('utf8')
}

/**
 * What a watched replaced file held: its bytes for the first looks, then (a file held longer would
 * cost memory) their length and digest. Hashing is left until then, off the path of a request.
 */
type Accounted = Buffer | { length: number; digest: string }

/** The looks after which a replaced file's bytes are kept as their digest. */
const LOOKS_WITH_BYTES = 3

function digestOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64')
}

function compact(accounted: Accounted): Accounted {
  return Buffer.isBuffer(accounted)
    ? { length: accounted.length, digest: digestOf(accounted) }
    : accounted
}

/** Whether `bytes` are what was accounted. */
function holds(bytes: Uint8Array, accounted: Accounted): boolean {
  if (Buffer.isBuffer(accounted)) return accounted.equals(bytes)
  return bytes.length === accounted.length && digestOf(bytes) === accounted.digest
}

// Whole-file writes are archives and `.server.json`, written once and not read back: they are not
// remembered (a long session's archives filled the cache with megabytes nobody reads).
function writeFileText(path: string, text: string, mode: number): void {
  forget(path)
  renameSync(writeTemp(path, Buffer.from(text, 'utf8'), mode), path)
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch (error) {
    if (!missing(error)) throw error
  }
}

/** Size and change times: a write into the file changes them, so an unchanged one needs no read. */
function signature(path: string): string {
  try {
    const info = statSync(path, { bigint: true })
    return `${info.size}:${info.mtimeNs}:${info.ctimeNs}`
  } catch {
    return ''
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
  onLate?: (save: LateSave) => void,
): Promise<Replacement> {
  const { bytes, exact } = encodeEdited(text, known.get(path))
  const temp = await writeTempAsync(path, bytes, 0o644)
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
    const held = known.get(path)
    if (current !== expected) {
      removeQuietly(temp)
      return { written: false, ...(current === undefined ? {} : { current }) }
    }
    renameSync(temp, path)
    remember(path, bytes, text, exact)
    if (!linked) return { written: true }
    const seen = signature(keep)
    const keptBytes = readBuffer(keep)
    const replaced = keptBytes && decodeAs(keptBytes, held)
    // Watched a little longer in every case: a writer may still be writing into the old file.
    if (onLate && keptBytes) {
      kept = true
      watchReplaced(keep, keptBytes, seen, onLate)
    }
    return replaced === expected ? { written: true } : { written: true, current: replaced ?? '' }
  } finally {
    if (linked && !kept) removeQuietly(keep)
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
  for (const keep of watched) removeQuietly(keep)
}

/**
 * Removes a replaced file off the event loop: unlinking the last name of a large file frees its
 * blocks, which takes a millisecond or more per MiB. It stays listed for the exit until then.
 */
function removeInBackground(keep: string): void {
  unlink(keep, (error) => {
    // One that could not be removed now is tried again at exit.
    if (error && !missing(error)) return
    watched.delete(keep)
    if (watched.size === 0) process.off('exit', removeWatched)
  })
}

function watchReplaced(
  keep: string,
  accounted: Accounted,
  seen: string,
  onLate: (save: LateSave) => void,
  check = 0,
): void {
  if (watched.size === 0) process.once('exit', removeWatched)
  watched.add(keep)
  const delay = LATE_CHECKS_MS[check]! - (LATE_CHECKS_MS[check - 1] ?? 0)
  // Unreferenced: a pending look must not keep a stopping server alive.
  setTimeout(() => {
    let next = accounted
    const now = signature(keep)
    try {
      const later = now === seen ? undefined : readBuffer(keep)
      if (later) next = lateSave(later, accounted, onLate)
    } finally {
      if (check + 1 < LATE_CHECKS_MS.length) {
        const held = check + 1 < LOOKS_WITH_BYTES ? next : compact(next)
        watchReplaced(keep, held, now, onLate, check + 1)
      } else removeInBackground(keep)
    }
  }, delay).unref()
}

/** Reports what changed in a replaced file since `accounted`, and returns what is accounted now. */
function lateSave(
  later: Buffer,
  accounted: Accounted,
  onLate: (save: LateSave) => void,
): Accounted {
  if (holds(later, accounted)) return accounted
  const appended =
    later.length > accounted.length && holds(later.subarray(0, accounted.length), accounted)
  onLate(
    appended
      ? { kind: 'append', text: later.subarray(accounted.length).toString('utf8') }
      : { kind: 'rewrite', content: later.toString('utf8') },
  )
  return later
}

const KEPT = /^\.(.+)\.(\d+)\.[0-9a-f]+\.(\d+)\.old$/
const TEMP = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/

/**
 * After a crash: a replaced file still kept in `folder` (the server died within 1.5 s of a
 * rename) may hold an agent's save that landed in it after the server read it. That save is
 * appended to the file the agent meant, unless it is there already; the kept file is removed.
 */
async function recoverLateSaves(folder: string): Promise<string[]> {
  const recovered: string[] = []
  const temps = join(folder, TEMP_FOLDER)
  for (const name of await readdir(temps).catch(() => [] as string[])) {
    // A temp file of a server that died before its rename: the file it was for is intact.
    const temp = TEMP.exec(name)
    if (temp && temp[1] !== String(process.pid)) removeQuietly(join(temps, name))
  }
  const kept = async (at: string) =>
    (await readdir(at).catch(() => [] as string[])).map((name) => [at, name] as const)
  for (const [at, name] of [...(await kept(folder)), ...(await kept(temps))]) {
    const match = KEPT.exec(name)
    if (!match || Number(match[2]) === process.pid) continue
    const keep = join(at, name)
    const target = join(folder, match[1]!)
    const extra = (readBuffer(keep)?.toString('utf8') ?? '').slice(Number(match[3]))
    const current = readOrUndefined(target)
    if (extra.trim() && current !== undefined && !current.includes(extra.trim())) {
      appendFileSync(target, `${current.endsWith('\n') ? '' : '\n'}${extra}`)
      recovered.push(target)
    }
    removeQuietly(keep)
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
    writeFileText(path, text, 0o644)
  },
  async writePrivate(path, text) {
    writeFileText(path, text, 0o600)
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
  // Synchronous, as the log reads: the core's poller stats every connected realm's log four
  // times a second, and a thread-pool round trip costs several times the call itself.
  async stat(path): Promise<FileStat | undefined> {
    try {
      const info = statSync(path)
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
/**
 * Watches the entries of folders, or single files by their folder (the server replaces a file by
 * renaming another over it, and a watch of the file would stay on the replaced one), with Node's
 * own `fs.watch`: one event per change, where chokidar re-reads the whole folder on each.
 */
function watchEntries(
  paths: string[],
  onChange: (path: string) => void,
  ignore?: (path: string) => boolean,
): Watch {
  const folders = new Map<string, Set<string> | undefined>()
  for (const path of paths) {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) folders.set(path, undefined)
    else if (!folders.has(dirname(path)) || folders.get(dirname(path)))
      folders.set(dirname(path), new Set([...(folders.get(dirname(path)) ?? []), basename(path)]))
  }
  const watchers = [...folders].map(([folder, names]) =>
    watch(folder, (_event, name) => {
      if (!name || (names && !names.has(name))) return
      const path = `${folder.replaceAll('\\', '/')}/${name}`
      if (!ignore?.(path)) onChange(path)
    }).on('error', () => {}),
  )
  return {
    close: async () => {
      for (const watcher of watchers) watcher.close()
    },
  }
}

export const nodeWatcher: HostWatcher = {
  async watch(paths, onChange, options = {}) {
    const { ignore } = options
    if (!options.recursive) return watchEntries(paths, onChange, ignore)
    const { watch } = await import('chokidar')
    const watcher = watch(paths, {
      ignoreInitial: true,
      atomic: false,
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

/** A Node request listener: `(request, response)`, as `http.createServer` and connect take. */
export type NodeRequestListener = (
  request: IncomingMessage,
  response: ServerResponse,
) => Promise<void>

/** A Node server serving a Hono app with WebSocket support. */
export interface NodeServing extends Serving {
  /** Lets a Node HTTP server you run upgrade the app's WebSocket routes (only `/__daebug/*`). */
  inject(server: Server): void
  /** The app as a request listener, for a server or middleware stack you run. */
  listener: NodeRequestListener
}

/** Prepares a Hono app for serving on Node; routes that upgrade must use `upgradeWebSocket`. */
export function nodeServing(app: Hono): NodeServing {
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app })
  const fetch = (request: Request, env: unknown) => refuseRawPath(env) ?? app.fetch(request, env)
  return {
    upgradeWebSocket,
    inject: (server) => injectWebSocket(daebugUpgradesOf(server)),
    // Mounted in someone else's process: Node's own `Request`/`Response` stay as they are.
    listener: getRequestListener(fetch, { overrideGlobalObjects: false }),
    listen(port, hostname) {
      return new Promise((resolve, reject) => {
        const server = serve({
          fetch,
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

/**
 * The server as `@hono/node-ws` sees it: only upgrades to `/__daebug/*` reach it, because it ends
 * every upgrade it has no route for, and the server's other WebSockets (a dev server's HMR, the
 * app's own) are not Daebug's to end.
 */
function daebugUpgradesOf(server: Server): Server {
  const filtered = {
    on(event: string, listener: (request: IncomingMessage, ...rest: unknown[]) => void) {
      server.on(event, (request: IncomingMessage, ...rest: unknown[]) => {
        if (event !== 'upgrade' || isDaebugUrl(request.url ?? '/')) listener(request, ...rest)
      })
      return filtered
    },
  }
  return filtered as unknown as Server
}

/** Whether a raw request URL is one of Daebug's (`/__daebug/*`, in any case or `%5F` encoding). */
export function isDaebugUrl(url: string): boolean {
  const path = url.toLowerCase().replaceAll('%5f', '_')
  return path === '/__daebug' || path.startsWith('/__daebug/') || path.startsWith('/__daebug?')
}

/** This runtime's serving, under the name every adapter gives it (`@daebug/server/runtime`). */
export const runtimeServing: (app: Hono) => Serving = nodeServing

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
