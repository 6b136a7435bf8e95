/**
 * @module
 * `@daebug/server/vite`: Daebug inside Vite's dev server (SPEC §11). Vite serves the pages and
 * the modules (TypeScript, JSX, CSS, its dependency cache); Daebug adds `/__daebug/*` beside
 * them, puts its client into every HTML page Vite serves, and writes `daebug.md` into the Vite
 * root, where `daebug --test`, `eval` and `mcp` find it.
 * @example
 * // vite.config.ts
 * import daebug from '@daebug/server/vite'
 * export default { plugins: [daebug()] }
 */
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { resolve } from 'node:path'
import { errorBody } from '@daebug/protocol'
import { Hono } from 'hono'
import type { Plugin, ViteDevServer } from 'vite'
import { injectDaebug } from '../create.js'
import { MODULES_PATH, RUNTIME_IMPORT_MAP } from '../runtime-modules.js'
import { isLoopbackHost } from '../security.js'
import { isDaebugUrl } from './node.js'
import { createDaebug, type NodeDaebug, type NodeDaebugOptions } from './node-daebug.js'

/**
 * Options of the {@link daebug} Vite plugin: those of `createDaebug()` on Node, but for what Vite
 * decides (its app, port and bind address), and `root` defaults to Vite's root.
 */
export type DaebugViteOptions = Omit<NodeDaebugOptions, 'app' | 'port' | 'hostname' | 'serveFiles'>

/** What the plugin offers other plugins and scripts, as `plugin.api`. */
export interface DaebugViteApi {
  /** The Daebug server, once Vite's server listens (undefined before, and after it closes). */
  readonly daebug: NodeDaebug | undefined
}

/** Vite's bind address (`server.host`) as a host name: `true` is every interface. */
function boundHost(host: string | boolean | undefined): string {
  if (host === true) return '0.0.0.0'
  return typeof host === 'string' && host !== '' ? host : 'localhost'
}

/** The host names pages reach a server bound to `bound` under: every interface's, for a wildcard. */
function reachableHosts(bound: string): string[] {
  if (bound !== '0.0.0.0' && bound !== '::') return [bound]
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .map(({ address }) => address)
}

/**
 * The Daebug Vite plugin, for `vite` (dev) only: its pages become realms, `node:test` and
 * `node:assert` in served modules resolve to Daebug's runtime, and `daebug --test` runs the
 * project's test files in those pages, transformed by Vite.
 */
export default function daebug(options: DaebugViteOptions = {}): Plugin<DaebugViteApi> {
  let instance: NodeDaebug | undefined
  let stopping: Promise<void> | undefined
  let root = ''
  return {
    name: 'daebug',
    apply: 'serve',
    enforce: 'pre',
    api: {
      get daebug() {
        return instance
      },
    },
    config(config) {
      root = resolve(options.root ?? config.root ?? '.').replaceAll('\\', '/')
      // Every reply rewrites a log: Vite need not watch them.
      return { server: { watch: { ignored: [`${root}/daebug.md`, `${root}/daebug/**`] } } }
    },
    configResolved(config) {
      if (!options.root) root = config.root.replaceAll('\\', '/')
    },
    resolveId(id, importer) {
      // Left to Vite, these would become empty browser stubs of Node's modules.
      if (Object.hasOwn(RUNTIME_IMPORT_MAP, id)) return RUNTIME_IMPORT_MAP[id]!
      if (id.startsWith(MODULES_PATH)) return id
      // The runtime modules' own chunks, as the browser resolves them.
      if (importer?.startsWith(MODULES_PATH) && id.startsWith('.'))
        return new URL(id, `http://daebug${importer}`).pathname
      return undefined
    },
    async load(id) {
      // Vite warms up every module a served module imports; the browser gets these from Daebug's
      // own route, but the warm-up must find them too.
      if (!id.startsWith(MODULES_PATH) || !instance) return undefined
      const response = await instance.fetch(new Request(new URL(id, instance.url)))
      return response.ok ? response.text() : undefined
    },
    configureServer(server) {
      const { httpServer } = server
      if (!httpServer) {
        throw new Error(
          "daebug(): Vite runs in middleware mode, so there is no HTTP server to mount Daebug on. Use createDaebug() from '@daebug/server/node' with your own server instead (see docs/vite.md).",
        )
      }
      server.middlewares.use((request, response, next) => {
        if (!isDaebugUrl(request.url ?? '/')) return next()
        if (instance) return void instance.listener(request, response)
        response.statusCode = 503
        response.setHeader('content-type', 'application/json')
        response.end(
          JSON.stringify(
            errorBody('LOAD_ERROR', "Daebug starts once Vite's server listens; try again."),
          ),
        )
      })
      httpServer.once('listening', () => {
        start(server).catch((error: unknown) =>
          server.config.logger.error(`daebug: could not start: ${(error as Error)?.stack}`),
        )
      })
      httpServer.once('close', () => void stop())
    },
    // Vite awaits this when its server closes (Ctrl+C, `q`, SIGTERM, a restart), before it exits.
    closeBundle: () => stop(),
    transformIndexHtml: {
      order: 'post',
      handler: (html) => injectDaebug(html),
    },
  }

  function stop(): Promise<void> {
    const running = instance
    instance = undefined
    if (running) stopping = running.close().catch(() => {})
    return stopping ?? Promise.resolve()
  }

  async function start(server: ViteDevServer): Promise<void> {
    const { port } = server.httpServer!.address() as AddressInfo
    const bound = boundHost(server.config.server.host)
    const loopback = isLoopbackHost(bound)
    const token = options.token ?? (loopback ? undefined : randomBytes(18).toString('base64url'))
    const created = createDaebug({
      ...options,
      root,
      app: new Hono(),
      port,
      // Beyond loopback the token guards every route, so Vite's other names are let through.
      ...(loopback
        ? {}
        : {
            hostname: bound,
            allowedHosts: [...(options.allowedHosts ?? []), ...reachableHosts(bound)],
          }),
      ...(token ? { token } : {}),
      serveFiles: false,
    })
    await created.attach(server.httpServer as import('node:http').Server)
    instance = created
    const logger = server.config.logger
    logger.info(`  daebug: realms in ${root}/daebug.md; run tests with \`daebug --test\``)
    if (token && !options.token) {
      logger.warn(
        `  daebug: Vite listens on ${bound}, so Daebug's routes need a token. Open ${created.url}__daebug/?daebug_token=${token} once in each browser (it sets a cookie), or send "Authorization: Bearer ${token}".`,
      )
    }
  }
}

export { daebug }
