/**
 * The modules a test file written for Node imports, served to realms (SPEC §5.4): the built
 * `@daebug/test-runner`, `@daebug/assert` and `@daebug/protocol` under `/__daebug/modules/`, and
 * the import map that resolves `node:test`, `node:assert`, `node:assert/strict` and the
 * `@daebug/*` names to them in pages.
 */
import type { Hono } from 'hono'
import { rewriteModuleSpecifiers } from './module-specifiers.js'

/** Where the runtime modules are served. */
export const MODULES_PATH = '/__daebug/modules/'

/** The served folders: the name in the URL → the package whose built `dist/` it is. */
export const RUNTIME_PACKAGES = {
  'test-runner': '@daebug/test-runner',
  assert: '@daebug/assert',
  protocol: '@daebug/protocol',
} as const

/** A folder of {@link RUNTIME_PACKAGES}. */
export type RuntimePackage = keyof typeof RUNTIME_PACKAGES

/** Specifier → URL: what pages get merged into their import map (their own entries win). */
export const RUNTIME_IMPORT_MAP: Readonly<Record<string, string>> = {
  'node:test': `${MODULES_PATH}test-runner/index.js`,
  'node:assert': `${MODULES_PATH}assert/index.js`,
  'node:assert/strict': `${MODULES_PATH}assert/strict.js`,
  '@daebug/test-runner': `${MODULES_PATH}test-runner/index.js`,
  '@daebug/assert': `${MODULES_PATH}assert/index.js`,
  '@daebug/assert/strict': `${MODULES_PATH}assert/strict.js`,
  '@daebug/protocol': `${MODULES_PATH}protocol/index.js`,
}

/** The module an isolated run's child realm loads first (test-runner's `isolated-child.ts`). */
const ISOLATED_CHILD_URL = `${MODULES_PATH}test-runner/isolated-child.js`

/** Reads a file of a package's `dist/` (a plain `.js` name, no folders); undefined if missing. */
export type ReadRuntimeModule = (pkg: RuntimePackage, file: string) => Promise<string | undefined>

// Built files are flat: `index.js`, `strict.js`, `chunk-ABC123.js`. Nothing else is served.
const FILE = /^[A-Za-z0-9][\w-]*\.js$/

/**
 * Serves `/__daebug/modules/<package>/<file>.js` from `read`, as JavaScript. The packages import
 * each other by name; those names are rewritten to their URLs here, so the modules load in
 * workers too, which have no import maps. Anything else under the prefix is a 404 that names
 * what is served. Returns `warm()`, which prepares every module a run imports ahead of the
 * first run.
 */
export function mountRuntimeModules(app: Hono, read: ReadRuntimeModule): () => Promise<void> {
  // Rewritten once per version of a file: a run imports them again in every fresh realm. The
  // promise is kept, so that realms asking at once share one rewrite.
  const rewritten = new Map<string, { source: string; text: Promise<string> }>()
  const rewrite = (pkg: RuntimePackage, file: string, source: string): Promise<string> => {
    const key = `${pkg}/${file}`
    const cached = rewritten.get(key)
    if (cached?.source === source) return cached.text
    const imported: string[] = []
    const text = rewriteModuleSpecifiers(source, (specifier) => {
      imported.push(specifier)
      return Object.hasOwn(RUNTIME_IMPORT_MAP, specifier)
        ? RUNTIME_IMPORT_MAP[specifier]
        : undefined
    })
    rewritten.set(key, { source, text })
    text.then(
      // The realm imports these next: rewritten now, while this one travels to it, they are
      // ready when asked for, instead of one after another (the first run in a fresh server).
      () => {
        for (const specifier of imported) {
          const next = servedModuleOf(pkg, specifier)
          if (next) prepare(next.pkg, next.file).catch(() => {})
        }
      },
      () => rewritten.delete(key),
    )
    return text
  }
  const prepare = async (pkg: RuntimePackage, file: string): Promise<string | undefined> => {
    const source = await read(pkg, file)
    return source === undefined ? undefined : rewrite(pkg, file, source)
  }
  app.get(`${MODULES_PATH}*`, async (c) => {
    const [pkg, file, ...rest] = c.req.path.slice(MODULES_PATH.length).split('/')
    const known = pkg !== undefined && Object.hasOwn(RUNTIME_PACKAGES, pkg)
    const text =
      known && rest.length === 0 && file !== undefined && FILE.test(file)
        ? await prepare(pkg as RuntimePackage, file)
        : undefined
    if (text === undefined) {
      return c.text(
        `Not found: ${MODULES_PATH} serves the built files of ${Object.keys(RUNTIME_PACKAGES).join(', ')} (e.g. ${MODULES_PATH}test-runner/index.js). Is the package installed and built?`,
        404,
        { 'cache-control': 'no-store' },
      )
    }
    return c.body(text, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    })
  })
  return async () => {
    const entries = new Set([...Object.values(RUNTIME_IMPORT_MAP), ISOLATED_CHILD_URL])
    for (const url of entries) {
      const [pkg, file] = url.slice(MODULES_PATH.length).split('/') as [RuntimePackage, string]
      await prepare(pkg, file).catch(() => {})
    }
  }
}

/** The served module a specifier in `pkg`'s files names: `./chunk-A.js`, or a mapped package name. */
function servedModuleOf(
  pkg: RuntimePackage,
  specifier: string,
): { pkg: RuntimePackage; file: string } | undefined {
  const url = specifier.startsWith('./')
    ? `${MODULES_PATH}${pkg}/${specifier.slice(2)}`
    : Object.hasOwn(RUNTIME_IMPORT_MAP, specifier)
      ? RUNTIME_IMPORT_MAP[specifier]!
      : undefined
  const [next, file, ...rest] = url?.slice(MODULES_PATH.length).split('/') ?? []
  if (!next || !Object.hasOwn(RUNTIME_PACKAGES, next) || !file || rest.length || !FILE.test(file)) {
    return undefined
  }
  return { pkg: next as RuntimePackage, file }
}
