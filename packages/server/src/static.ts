/**
 * Serves the root's files (SPEC §3.4, §7) and injects the client into every HTML response.
 *
 * Refusal policy, so that a refusal never tells a prober more than a missing file would:
 * - `400 Bad Request` when the request path itself is not a plain path inside the root, decided
 *   from its text alone: a malformed percent escape, a NUL byte, a backslash (raw or `%5c`), a `.`
 *   or `..` segment (raw or encoded), an empty segment (`//etc/passwd`), or an escape that survives
 *   the one decode (`%252e` → `%2e`, likewise `%2f`, `%5c`, `%00`).
 * - `404 Not Found`, with the same body as a missing file, for paths that are well formed but not
 *   served: `daebug.md` and `daebug/` at the root (compared case-insensitively, because on macOS and
 *   Windows `/DAEBUG.md` opens `daebug.md`), any segment starting with `.` at any depth, and any
 *   file whose real path (symlinks resolved) is outside the root or is one of those private files.
 * Requests for `/__daebug/*` and methods other than GET and HEAD go to the next handler.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { contentTypeOf } from './content-types.js'
import type { HostFs } from './host.js'
import { injectClient } from './html-inject.js'
import {
  describeUnsupported,
  loadedStripTypes,
  loadStripTypes,
  type Unsupported,
} from './strip-types.js'

/** Options of {@link serveStatic}. */
export interface StaticOptions {
  /** The directory to serve (absolute, `/` separators). */
  root: string
  fs: HostFs
  /** The client script's URL, injected into HTML. */
  clientUrl: string
  /** The import map to inject into HTML, read on every HTML response. */
  importMap?: () => Record<string, string> | undefined
}

/** Why a request path is refused, and with which status (see the policy in the file header). */
export type PathCheck =
  | { ok: true; segments: string[]; directory: boolean }
  | { ok: false; status: 400 | 404; reason: string }

const ENCODED_RESIDUE = /%(?:2e|2f|5c|00)/i
const PRIVATE_AT_ROOT = new Set(['daebug.md', 'daebug'])

/**
 * Checks a raw (still percent-encoded) URL path and decodes it once into its segments.
 * `directory` is true when the path ends with `/`.
 * @example
 * checkRequestPath('/src/a%20b.js') // → { ok: true, segments: ['src', 'a b.js'], directory: false }
 * checkRequestPath('/%2e%2e/etc/passwd') // → { ok: false, status: 400, reason: … }
 */
export function checkRequestPath(rawPath: string): PathCheck {
  if (!rawPath.startsWith('/')) return bad('the path must start with /')
  if (rawPath.includes('\\')) return bad('backslashes are not allowed')
  const raw = rawPath.slice(1).split('/')
  const directory = raw[raw.length - 1] === ''
  if (directory) raw.pop()
  const segments: string[] = []
  for (const part of raw) {
    let segment: string
    try {
      segment = decodeURIComponent(part)
    } catch {
      return bad('malformed percent escape')
    }
    if (segment === '') return bad('empty path segment')
    if (segment.includes('\0')) return bad('NUL bytes are not allowed')
    if (segment.includes('\\')) return bad('backslashes are not allowed')
    if (segment.includes('/')) return bad('encoded slashes are not allowed')
    if (segment === '.' || segment === '..') return bad('dot segments are not allowed')
    if (ENCODED_RESIDUE.test(segment)) return bad('double-encoded characters are not allowed')
    segments.push(segment)
  }
  if (isPrivate(segments)) return { ok: false, status: 404, reason: 'private file' }
  return { ok: true, segments, directory }
}

/** Dotfiles at any depth, and `daebug.md` / `daebug/` at the root. */
function isPrivate(segments: string[]): boolean {
  const first = segments[0]
  if (first !== undefined && PRIVATE_AT_ROOT.has(first.toLowerCase())) return true
  return segments.some((segment) => segment.startsWith('.'))
}

function bad(reason: string): PathCheck {
  return { ok: false, status: 400, reason }
}

/**
 * Hono middleware serving GET and HEAD requests for files under `root`: a directory path serves
 * its `index.html` (`/dir` redirects to `/dir/`), HTML gets the client injected, and every answer
 * is `Cache-Control: no-store`. See the file header for what is refused and how.
 * @example
 * app.use('*', serveStatic({ root: '/home/me/app', fs: host.fs, clientUrl: '/__daebug/client.js' }))
 */
export function serveStatic(options: StaticOptions): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method
    const url = new URL(c.req.url)
    const rawPath = url.pathname
    if (
      (method !== 'GET' && method !== 'HEAD') ||
      isDaebugRoute(c.req.path) ||
      isDaebugRoute(rawPath)
    ) {
      return next()
    }
    const check = checkRequestPath(rawPath)
    if (!check.ok) return check.status === 404 ? notFound(c, rawPath) : badRequest(c, check.reason)
    const rootReal = await realPathOf(options.fs, options.root)
    if (rootReal === undefined) return notFound(c, rawPath)
    let name = joinUnder(options.root, check.segments)
    let file = await resolveInside(options.fs, rootReal, name)
    let stat = file === undefined ? undefined : await options.fs.stat(file)
    if (file !== undefined && stat?.kind === 'directory') {
      if (!check.directory) {
        return c.body(null, 302, {
          location: `${rawPath}/${url.search}`,
          'cache-control': 'no-store',
        })
      }
      name = `${name}/index.html`
      file = await resolveInside(options.fs, rootReal, `${file}/index.html`)
      stat = file === undefined ? undefined : await options.fs.stat(file)
    } else if (check.directory) {
      return notFound(c, rawPath)
    }
    if (file === undefined || stat?.kind !== 'file') return notFound(c, rawPath)
    const type = contentTypeOf(name)
    const body = type.startsWith('text/html')
      ? await readHtml(options, file)
      : TYPESCRIPT_FILE.test(name)
        ? await readTypeScript(options.fs, file, check.segments.join('/'))
        : await options.fs.readBytes(file)
    if (body === undefined) return notFound(c, rawPath)
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': type,
      'content-length': String(body.byteLength),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
  }
}

const TYPESCRIPT_FILE = /\.m?ts$/i

/**
 * A TypeScript file as the JavaScript a browser can import: its types stripped, lines and columns
 * kept (SPEC §5.4). TypeScript that needs code generation (an enum, a namespace…) becomes a module
 * that throws a SyntaxError saying where, so importing it fails with the reason.
 */
async function readTypeScript(
  fs: HostFs,
  file: string,
  shown: string,
): Promise<Uint8Array | undefined> {
  const code = await fs.readText(file)
  if (code === undefined) return undefined
  const strip = loadedStripTypes() ?? (await loadStripTypes())
  let unsupported: Unsupported | undefined
  let javascript = strip(code, (node) => {
    unsupported ??= node
  })
  if (unsupported) {
    const { line, column, what } = describeUnsupported(code, unsupported)
    const message = `${shown}:${line}:${column + 1}: \`${what}\` is TypeScript that needs code generation (an enum, a namespace, a parameter property…); Daebug serves .ts files with their types stripped only, as Node's --experimental-strip-types runs them. Write it with plain types.`
    javascript = `throw new SyntaxError(${JSON.stringify(message)})\n`
  }
  return new TextEncoder().encode(javascript)
}

async function readHtml(options: StaticOptions, file: string): Promise<Uint8Array | undefined> {
  const html = await options.fs.readText(file)
  if (html === undefined) return undefined
  const importMap = options.importMap?.()
  const inject = { clientUrl: options.clientUrl, ...(importMap ? { importMap } : {}) }
  return new TextEncoder().encode(injectClient(html, inject))
}

function isDaebugRoute(path: string): boolean {
  const lower = path.toLowerCase()
  return lower === '/__daebug' || lower.startsWith('/__daebug/')
}

function joinUnder(root: string, segments: string[]): string {
  const base = root.endsWith('/') ? root.slice(0, -1) : root
  return segments.length === 0 ? base : `${base}/${segments.join('/')}`
}

async function realPathOf(fs: HostFs, path: string): Promise<string | undefined> {
  const real = await fs.realPath(path)
  if (real === undefined) return undefined
  // Adapters should give `/` separators; a Windows one that forgets must not open a hole.
  const slashed = real.replace(/\\/g, '/')
  return slashed.length > 1 ? slashed.replace(/\/+$/, '') : slashed
}

/**
 * The real path of `path` when it lies inside `rootReal` and is not private there, else undefined.
 * Files are then read through this real path, so a symlink swapped after the check cannot redirect
 * the read.
 */
async function resolveInside(
  fs: HostFs,
  rootReal: string,
  path: string,
): Promise<string | undefined> {
  const real = await realPathOf(fs, path)
  if (real === undefined) return undefined
  if (real === rootReal) return real
  const prefix = rootReal === '/' ? '/' : `${rootReal}/`
  if (!real.startsWith(prefix)) return undefined
  const relative = real.slice(prefix.length).split('/')
  const first = relative[0]?.toLowerCase() ?? ''
  // The requested path was checked already; this catches what the file system maps onto a private
  // file: `daebug.md.` or 8.3 short names on Windows, a symlink to `daebug/` or to a dotfile.
  if (PRIVATE_AT_ROOT.has(first) || relative[relative.length - 1]?.startsWith('.')) return undefined
  return real
}

function notFound(c: Context, rawPath: string): Response {
  return c.text(`Not found: ${rawPath}`, 404, { 'cache-control': 'no-store' })
}

function badRequest(c: Context, reason: string): Response {
  return c.text(`Bad request: ${reason}.`, 400, { 'cache-control': 'no-store' })
}
