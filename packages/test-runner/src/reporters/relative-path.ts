/**
 * Paths and URLs shown relative to the project: spec's `test at file:line:column` lines (Node's
 * `path.relative(process.cwd(), file)`) and the stack frames of the markdown report.
 */

type Host = { process?: { cwd?: () => unknown }; location?: { origin?: unknown } }

/** `process.cwd()` where there is a process (Node, Bun, Deno), else the page's origin. */
export function defaultCwd(): string | undefined {
  const host = globalThis as Host
  try {
    const cwd = host.process?.cwd?.()
    if (typeof cwd === 'string') return cwd
  } catch {}
  const origin = host.location?.origin
  return typeof origin === 'string' && origin !== 'null' ? origin : undefined
}

const URL_SCHEME = /^[a-z][a-z\d+.-]*:/i

function isPathBase(base: string): boolean {
  return base.startsWith('/')
}

function withoutTrailingSlash(base: string): string {
  return base.length > 1 ? base.replace(/\/+$/, '') : base
}

/** The path of a `file:` URL, or the text itself when it is not one. */
function pathOf(target: string): string {
  if (!target.startsWith('file://')) return target
  try {
    return decodeURIComponent(new URL(target).pathname)
  } catch {
    return target
  }
}

/** POSIX `path.relative` between two absolute paths. */
function posixRelative(from: string, to: string): string {
  const fromParts = from.split('/').filter(Boolean)
  const toParts = to.split('/').filter(Boolean)
  let common = 0
  while (common < fromParts.length && fromParts[common] === toParts[common]) common++
  const up = fromParts.slice(common).map(() => '..')
  return [...up, ...toParts.slice(common)].join('/')
}

/**
 * `target` relative to `base`: like Node's `path.relative` for a directory and an absolute path
 * (or `file:` URL); for a URL base (a page's origin), the rest of a URL under it. Anything else
 * is returned as it is.
 * @example
 * relativePath('/project', '/project/src/a.test.js') // 'src/a.test.js'
 * relativePath('http://localhost:5173', 'http://localhost:5173/src/a.test.js') // 'src/a.test.js'
 */
export function relativePath(base: string | undefined, target: string): string {
  if (!base) return target
  const root = withoutTrailingSlash(base)
  if (!isPathBase(root)) {
    return URL_SCHEME.test(root) && target.startsWith(`${root}/`)
      ? target.slice(root.length + 1)
      : target
  }
  const path = pathOf(target)
  return path.startsWith('/') ? posixRelative(root, path) : target
}

/**
 * Rewrites every location under `base` in a text (a stack) to be relative to it:
 * `file:///project/src/a.js:1:2` and `/project/src/a.js:1:2` become `src/a.js:1:2` for the base
 * `/project`, `http://localhost:5173/src/a.js:1:2` for the base `http://localhost:5173`.
 */
export function relativeLocations(base: string | undefined, text: string): string {
  if (!base) return text
  const root = withoutTrailingSlash(base)
  if (!isPathBase(root)) return URL_SCHEME.test(root) ? text.replaceAll(`${root}/`, '') : text
  const prefixes = [`file://${encodeURI(root)}/`, `file://${root}/`, `${root}/`]
  return prefixes.reduce((result, prefix) => result.replaceAll(prefix, ''), text)
}
