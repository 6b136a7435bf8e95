/**
 * The project's files as a worker imports them (SPEC §5.4): workers have no import maps, so
 * `/__daebug/w/<path>` serves the root's `<path>` with the specifiers pages get from the import
 * map (`node:test`, `node:assert`, …) rewritten to their URLs, bare specifiers resolved through
 * the pages' own import maps, and root-absolute specifiers (`/src/x.js`) kept under the prefix.
 * Relative ones resolve under the prefix by themselves.
 */
import type { ImportMap } from '@daebug/protocol'
import type { Hono } from 'hono'
import { rewriteModuleSpecifiers } from './module-specifiers.js'
import { resolveSpecifier } from './repl/specifiers.js'
import { RUNTIME_IMPORT_MAP } from './runtime-modules.js'

/** Where a worker imports the project's files from. */
export const WORKER_FILES_PATH = '/__daebug/w/'

/** A page's import map and the URL it resolves against. */
export interface PageImportMap {
  url: string
  importMap: ImportMap
}

/** A project path under the prefix; a URL elsewhere (another origin, Daebug's own) as it is. */
function underPrefix(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/__daebug/')) return path
  return `${WORKER_FILES_PATH}${path.slice(1)}`
}

function isBare(specifier: string): boolean {
  return !/^(?:\/|\.\/|\.\.\/)/.test(specifier) && !/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(specifier)
}

function workerSpecifier(specifier: string, pages: readonly PageImportMap[]): string | undefined {
  if (Object.hasOwn(RUNTIME_IMPORT_MAP, specifier)) return RUNTIME_IMPORT_MAP[specifier]
  if (specifier.startsWith('/')) {
    const target = underPrefix(specifier)
    return target === specifier ? undefined : target
  }
  if (!isBare(specifier)) return undefined
  for (const page of pages) {
    const resolved = resolveSpecifier(specifier, page.url, page.importMap)
    if (resolved === specifier) continue
    try {
      const url = new URL(resolved)
      return url.origin === new URL(page.url).origin
        ? underPrefix(`${url.pathname}${url.search}`)
        : resolved
    } catch {
      return resolved
    }
  }
  return undefined
}

/**
 * Adds `GET /__daebug/w/*`: the same answer as the root's file (through the whole app, so every
 * check of the static server applies), its JavaScript rewritten for a worker. `pages` gives the
 * connected pages' import maps, most recently active first: a bare specifier resolves through the
 * first that maps it (a worker cannot say which page created it).
 */
export function mountWorkerFiles(
  app: Hono,
  pages: () => readonly PageImportMap[] = () => [],
): void {
  app.get(`${WORKER_FILES_PATH}*`, async (c) => {
    const url = new URL(c.req.url)
    url.pathname = `/${url.pathname.slice(WORKER_FILES_PATH.length)}`
    const answer = await app.request(url.href, { headers: c.req.raw.headers })
    if (!answer.ok || !answer.headers.get('content-type')?.startsWith('text/javascript')) {
      return answer
    }
    const maps = pages()
    const text = await rewriteModuleSpecifiers(await answer.text(), (specifier) =>
      workerSpecifier(specifier, maps),
    )
    const headers = new Headers(answer.headers)
    headers.delete('content-length')
    return new Response(text, { status: 200, headers })
  })
}
