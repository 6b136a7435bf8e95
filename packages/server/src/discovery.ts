/**
 * Finding test files under the root (SPEC §5.3): Node's default patterns, or the caller's paths
 * and globs, matched with picomatch. Never outside the root (real paths are checked, so neither a
 * symlink nor `..` leads out), never in `node_modules`, `.git`, the root's `daebug/` folder, or
 * what the root's `.gitignore` lists. Files come back sorted, as root-relative paths with `/`.
 */
import { DaebugError } from '@daebug/protocol'
import type { Ignore } from 'ignore'
import type picomatch from 'picomatch'
import type { HostFs } from './host.js'

const EXTENSIONS = '{js,mjs,cjs,ts,mts}'

/** Node's default test file patterns, with the extensions Daebug runs. */
export const DEFAULT_TEST_PATTERNS: readonly string[] = [
  `**/*.test.${EXTENSIONS}`,
  `**/*-test.${EXTENSIONS}`,
  `**/*_test.${EXTENSIONS}`,
  `**/test-*.${EXTENSIONS}`,
  `**/test.${EXTENSIONS}`,
  `**/test/**/*.${EXTENSIONS}`,
]

/** Folders never searched, at any depth. */
const NEVER_SEARCHED = new Set(['node_modules', '.git'])
/** The root's folder of logs. */
const LOG_FOLDER = 'daebug'

/** What to look for. */
export interface DiscoveryOptions {
  fs: HostFs
  /** The project root (absolute). */
  root: string
  /**
   * Paths or globs, relative to the root (or absolute inside it); one starting with `/` that is
   * not inside the root is a URL path (`/src/a.test.js`, percent-encoded or not). A folder means
   * Node's default patterns inside it. Default: Node's default patterns over the whole root.
   */
  files?: readonly string[]
  /** Globs of files to leave out, relative to the root. */
  exclude?: readonly string[]
}

/** Where the search stands: what every step needs. */
interface Search {
  fs: HostFs
  root: string
  rootReal: string
  ignored: Ignore
  picomatch: typeof picomatch
  /** Real paths of the folders entered, so a symlink loop is entered once. */
  entered: Set<string>
}

/**
 * The test files under the root, sorted root-relative paths.
 * @throws DaebugError `BAD_MESSAGE` when a path or glob is empty or points outside the root, or a path names
 *   nothing, or names something discovery never returns (in `node_modules`, `.git`, `daebug/`,
 *   or `.gitignore`d).
 * @example
 * await discoverTestFiles({ fs, root: '/app' }) // ['src/math.test.js', 'test/ui.js']
 */
export async function discoverTestFiles(options: DiscoveryOptions): Promise<string[]> {
  const { fs } = options
  for (const key of ['files', 'exclude'] as const) {
    if (options[key]?.some((pattern) => pattern.trim() === '')) {
      throw new DaebugError(
        'BAD_MESSAGE',
        `"${key}" holds an empty path or glob: leave it out, or give one such as 'src/**/*.test.js'.`,
      )
    }
    const withNul = options[key]?.find((pattern) => pattern.includes('\0'))
    if (withNul !== undefined) {
      throw new DaebugError(
        'BAD_MESSAGE',
        `"${key}" holds ${JSON.stringify(withNul)}, with a NUL character, which no path can contain: remove it.`,
      )
    }
  }
  const root = trimSlashes(options.root.replace(/\\/g, '/'))
  const rootReal = await realPathOf(fs, root)
  if (rootReal === undefined) {
    throw new DaebugError('BAD_MESSAGE', `The root ${root} does not exist.`)
  }
  // Loaded on the first discovery, not at import: a server that runs no tests never needs them.
  const [{ default: ignore }, { default: picomatch }] = await Promise.all([
    import('ignore'),
    import('picomatch'),
  ])
  const ignored = ignore().add((await fs.readText(`${root}/.gitignore`)) ?? '')
  const search: Search = { fs, root, rootReal, ignored, picomatch, entered: new Set() }
  const excluded = options.exclude?.length
    ? picomatch(
        options.exclude.map((pattern) => relativeGlob(search, pattern)),
        { dot: true },
      )
    : () => false
  const found = new Set<string>()
  const add = (file: string) => {
    if (!excluded(file)) found.add(file)
  }
  const requests = options.files?.length ? options.files : ['']
  for (const request of requests) {
    const pattern = relativeGlob(search, request)
    if (!picomatch.scan(pattern).isGlob) {
      await addPath(search, pattern, request, add)
      continue
    }
    const base = scanBase(search, pattern)
    const refusal = refusalOf(search, base, true)
    if (refusal) throw new DaebugError('BAD_MESSAGE', `'${request}' ${refusal}.`)
    // Without `**`, a match has as many segments as the glob: deeper folders need no visit.
    const depth = pattern.includes('**') ? Number.POSITIVE_INFINITY : pattern.split('/').length
    await walk(search, base, picomatch(pattern), add, depth)
  }
  return [...found].sort(byCodeUnits)
}

/** The URL path a root-relative file is served at. */
export function testFileUrl(file: string): string {
  return `/${file.split('/').map(encodeURIComponent).join('/')}`
}

async function addPath(
  search: Search,
  path: string,
  request: string,
  add: (file: string) => void,
): Promise<void> {
  const where = path === '' ? search.root : `${search.root}/${path}`
  const stat = await search.fs.stat(where)
  if (stat === undefined) {
    throw new DaebugError(
      'BAD_MESSAGE',
      `No test file or folder at '${request}' (looked for ${where}). Give a path under the root, or a glob such as 'src/**/*.test.js'.`,
    )
  }
  const refusal = refusalOf(search, path, stat.kind === 'directory')
  if (refusal) throw new DaebugError('BAD_MESSAGE', `'${request}' ${refusal}.`)
  const real = await realPathOf(search.fs, where)
  if (real === undefined || !isInside(search.rootReal, real)) throw outsideRoot(request, search)
  if (stat.kind === 'directory') {
    const defaults = search.picomatch([...DEFAULT_TEST_PATTERNS])
    const prefix = path === '' ? '' : `${path}/`
    await walk(search, path, (file) => defaults(file.slice(prefix.length)), add)
  } else if (stat.kind === 'file') {
    add(path)
  }
}

async function walk(
  search: Search,
  folder: string,
  matches: (file: string) => boolean,
  add: (file: string) => void,
  depth = Number.POSITIVE_INFINITY,
): Promise<void> {
  const { fs, root } = search
  const absolute = folder === '' ? root : `${root}/${folder}`
  const real = await realPathOf(fs, absolute)
  if (real === undefined || !isInside(search.rootReal, real) || search.entered.has(real)) return
  search.entered.add(real)
  const names = (await fs.list(absolute)).sort(byCodeUnits)
  for (const name of names) {
    const path = folder === '' ? name : `${folder}/${name}`
    const stat = await fs.stat(`${root}/${path}`)
    if (stat === undefined) continue
    if (stat.kind === 'directory') {
      const deeper = path.split('/').length < depth
      if (deeper && refusalOf(search, path, true) === undefined) {
        await walk(search, path, matches, add, depth)
      }
    } else if (
      stat.kind === 'file' &&
      matches(path) &&
      refusalOf(search, path, false) === undefined
    ) {
      const fileReal = await realPathOf(fs, `${root}/${path}`)
      if (fileReal !== undefined && isInside(search.rootReal, fileReal)) add(path)
    }
  }
}

/** Why discovery never returns `path`, or undefined when it may. */
function refusalOf(search: Search, path: string, folder: boolean): string | undefined {
  if (path === '') return undefined
  const segments = path.split('/')
  const never = segments.find((segment) => NEVER_SEARCHED.has(segment))
  if (never) return `is in ${never}, which test discovery never searches`
  if (segments[0] === LOG_FOLDER) return `is in ${LOG_FOLDER}/, the folder of Daebug's logs`
  if (search.ignored.ignores(folder ? `${path}/` : path))
    return "is listed in the root's .gitignore"
  return undefined
}

/**
 * A path or glob as picomatch reads it relative to the root: `/` separators, no `./`, an
 * absolute path inside the root made relative, `..` resolved. Outside the root it throws.
 */
function relativeGlob({ root, picomatch }: Search, request: string): string {
  let glob = request.replace(/\\/g, '/')
  if (glob.startsWith(`${root}/`) || glob === root) glob = glob.slice(root.length + 1)
  else if (/^[A-Za-z]:\//.test(glob)) throw outsideRoot(request)
  // Any other absolute path is a URL path, as a realm names a file it imports: `/src/a.test.js`.
  else if (glob.startsWith('/')) glob = decodeUrlPath(glob)
  const segments: string[] = []
  for (const segment of glob.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment !== '..') segments.push(segment)
    else if (segments.length === 0 || picomatch.scan(segments.at(-1)!).isGlob) {
      throw outsideRoot(request)
    } else segments.pop()
  }
  return segments.join('/')
}

function decodeUrlPath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/** The folder a glob's matches all lie under: its segments before the first glob one. */
function scanBase(search: Search, glob: string): string {
  const segments = glob.split('/')
  const firstGlob = segments.findIndex((segment) => search.picomatch.scan(segment).isGlob)
  return segments.slice(0, firstGlob).join('/')
}

function outsideRoot(request: string, search?: Search): DaebugError {
  const root = search ? ` ${search.root}` : ''
  return new DaebugError(
    'BAD_MESSAGE',
    `'${request}' is outside the root${root}: test files are looked for under the root only.`,
  )
}

async function realPathOf(fs: HostFs, path: string): Promise<string | undefined> {
  const real = await fs.realPath(path)
  return real === undefined ? undefined : trimSlashes(real.replace(/\\/g, '/'))
}

function isInside(rootReal: string, real: string): boolean {
  return real === rootReal || real.startsWith(rootReal === '/' ? '/' : `${rootReal}/`)
}

function trimSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
