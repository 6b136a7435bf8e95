/**
 * The project's files as a worker imports them (SPEC §5.4): workers have no import maps, so
 * `/__daebug/w/<path>` serves the root's `<path>` with the specifiers pages get from the import
 * map (`node:test`, `node:assert`, …) rewritten to their URLs, and root-absolute specifiers
 * (`/src/x.js`) kept under the prefix. Relative ones resolve under the prefix by themselves.
 */
import type { Hono } from 'hono'
import { rewriteModuleSpecifiers } from './module-specifiers.js'
import { RUNTIME_IMPORT_MAP } from './runtime-modules.js'

/** Where a worker imports the project's files from. */
export const WORKER_FILES_PATH = '/__daebug/w/'

function workerSpecifier(specifier: string): string | undefined {
  if (Object.hasOwn(RUNTIME_IMPORT_MAP, specifier)) return RUNTIME_IMPORT_MAP[specifier]
  if (
    specifier.startsWith('/') &&
    !specifier.startsWith('//') &&
    !specifier.startsWith('/__daebug/')
  ) {
    return `${WORKER_FILES_PATH}${specifier.slice(1)}`
  }
  return undefined
}

/**
 * Adds `GET /__daebug/w/*`: the same answer as the root's file (through the whole app, so every
 * check of the static server applies), its JavaScript rewritten for a worker.
 */
export function mountWorkerFiles(app: Hono): void {
  app.get(`${WORKER_FILES_PATH}*`, async (c) => {
    const url = new URL(c.req.url)
    url.pathname = `/${url.pathname.slice(WORKER_FILES_PATH.length)}`
    const answer = await app.request(url.href, { headers: c.req.raw.headers })
    if (!answer.ok || !answer.headers.get('content-type')?.startsWith('text/javascript')) {
      return answer
    }
    const text = rewriteModuleSpecifiers(await answer.text(), workerSpecifier)
    const headers = new Headers(answer.headers)
    headers.delete('content-length')
    return new Response(text, { status: 200, headers })
  })
}
