/**
 * `createDaebug()`: the Daebug server as a Hono app plus its lifecycle (SPEC §11), for the CLI and
 * for embedding. Runtime-specific parts come in through options: the `Host`, and the runtime's
 * `upgradeWebSocket`.
 */
import { errorBody } from '@daebug/protocol'
import { Hono } from 'hono'
import type { UpgradeWebSocket } from 'hono/ws'
import { type CoreOptions, DaebugCore } from './core.js'
import { EventFeed, mountDashboard } from './dashboard.js'
import { type Host, unrefTimer } from './host.js'
import { injectClient } from './html-inject.js'
import { JsFileMode } from './js-file-mode.js'
import { mountRealmApi } from './realm-api.js'
import { mountRealmHttp } from './realm-http.js'
import { type RelayConnection, RelayHub } from './relay-hub.js'
import {
  mountRuntimeModules,
  type ReadRuntimeModule,
  RUNTIME_IMPORT_MAP,
} from './runtime-modules.js'
import { securityMiddleware } from './security.js'
import { serveStatic } from './static.js'
import { mountTestApi } from './test-api.js'
import { mountTestRunApi } from './test-run-api.js'
import { VERSION } from './version.js'
import { mountWorkerFiles } from './worker-files.js'

/** Options of {@link createDaebug}. */
export interface DaebugOptions {
  /** The project directory to serve and write logs into (absolute, `/` separators). */
  root: string
  host: Host
  /** The URL the server is reached at, e.g. `http://localhost:8680/`. */
  url: string
  /** The port it listens on (the Host check compares it). */
  port: number
  /** Host names besides loopback the server answers to (`--allowed-host`, and a bound `--host`). */
  allowedHosts?: string[]
  /** Origins besides loopback allowed on `/__daebug/*` (`--allow-origin`). */
  allowOrigins?: string[]
  /** Required on every request when set (non-loopback binding, SPEC §7). */
  token?: string
  /** Job time-out in ms (default 60,000). */
  timeoutMs?: number
  /** The page client's classic script. */
  clientScript: () => Promise<string>
  /**
   * The web worker client's module script, served as `/__daebug/worker.js` (SPEC §3.5). Read on
   * the first request; while it cannot be read, that route answers 503.
   */
  workerScript?: () => Promise<string>
  /**
   * Reads the built runtime modules (`@daebug/test-runner`, `@daebug/assert`,
   * `@daebug/protocol`) served under `/__daebug/modules/`; with it, pages get the import map that
   * resolves `node:test` and `node:assert`, and workers import project files under `/__daebug/w/`
   * with those specifiers rewritten (SPEC §5.4).
   */
  runtimeModules?: ReadRuntimeModule
  /** Whether pages create a web worker realm (SPEC §3.5); `false` with `--no-worker`. Default true. */
  worker?: boolean
  /** A realm log past this size is rotated (SPEC §2.9, `--max-log`). Default 1 MiB. */
  maxLogBytes?: number
  /** Single-file mode (SPEC §11, `--js-file`): the absolute path of the file to serve. */
  jsFile?: string
  /**
   * Whether the app also serves the root's files (with the client injected into HTML) and guards
   * every route. Default true; false when Daebug is mounted in an app that serves its own pages:
   * then only `/__daebug/*` is Daebug's (and guarded), and pages use {@link Daebug.injectHtml}.
   */
  serveFiles?: boolean
  /** The runtime's WebSocket upgrade helper (from the adapter). */
  upgradeWebSocket: UpgradeWebSocket
  /** An app to mount on (routes are added to it); a new one otherwise. */
  app?: Hono
  onEvent?: CoreOptions['onEvent']
  onError?: CoreOptions['onError']
  onShutdownRequest?: CoreOptions['onShutdownRequest']
}

/** A Daebug server: its Hono app, its core, and its lifecycle. */
export interface Daebug {
  app: Hono
  /** The app's `fetch`, for runtimes and servers that take one. */
  fetch: (request: Request) => Response | Promise<Response>
  core: DaebugCore
  /** A page of another server, with Daebug's client (and import map) put in: it becomes a realm. */
  injectHtml(html: string): string
  /** Prepares `daebug/`, writes the registry and starts watching. Call before serving. */
  start(): Promise<void>
  /** Interrupts jobs, writes the stopped registry, stops watching. */
  close(): Promise<void>
}

const CLIENT_PATH = '/__daebug/client.js'
/** A blank page that loads the client: a realm for a root without `index.html`. */
export const BLANK_PATH = '/__daebug/blank.html'
const BLANK_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>Daebug</title></head><body></body></html>'
const WORKER_PATH = '/__daebug/worker.js'

/**
 * A page with Daebug's client put in, and the import map of the runtime modules unless
 * `runtimeModules` is false: served by another server, it becomes a realm of this one.
 */
export function injectDaebug(html: string, runtimeModules = true): string {
  return injectClient(html, {
    clientUrl: CLIENT_PATH,
    ...(runtimeModules ? { importMap: { ...RUNTIME_IMPORT_MAP } } : {}),
  })
}

/** Creates a Daebug server for a root. */
export function createDaebug(options: DaebugOptions): Daebug {
  const app = options.app ?? new Hono()
  let relay: RelayHub | undefined
  const feed = new EventFeed()
  let jsFile: JsFileMode | undefined
  const core = new DaebugCore({
    root: options.root,
    host: options.host,
    url: options.url,
    timeoutMs: options.timeoutMs ?? 60_000,
    worker: options.worker ?? true,
    ...(options.maxLogBytes ? { maxLogBytes: options.maxLogBytes } : {}),
    onEvent: (event) => {
      relay?.event(event)
      feed.publish(event)
      jsFile?.realmsChanged()
      options.onEvent?.(event)
    },
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.onShutdownRequest ? { onShutdownRequest: options.onShutdownRequest } : {}),
  })
  if (options.jsFile) jsFile = new JsFileMode(core, options.jsFile)
  const started = Date.now()
  const serveFiles = options.serveFiles ?? true
  app.use(
    serveFiles ? '*' : '/__daebug/*',
    securityMiddleware({
      hosts: options.allowedHosts ?? [],
      port: options.port,
      allowOrigins: options.allowOrigins ?? [],
      ...(options.token ? { token: options.token } : {}),
    }),
  )
  let script: Promise<string> | undefined
  app.get(CLIENT_PATH, async (c) => {
    script ??= options.clientScript()
    return c.body(await script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    })
  })
  // Pages of other origins import this from a blob worker, a CORS request: the origin guard adds
  // `Access-Control-Allow-Origin` for the origins it lets through.
  let workerScript: Promise<string> | undefined
  app.get(WORKER_PATH, async (c) => {
    workerScript ??= (async () => {
      if (!options.workerScript) throw new Error('this server was created without a workerScript')
      return options.workerScript()
    })()
    try {
      return c.body(await workerScript, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
      })
    } catch (error) {
      // Not kept: the next request tries again (e.g. once `@daebug/browser-client` is built).
      workerScript = undefined
      const why = (error as Error)?.message ?? String(error)
      return c.json(
        errorBody(
          'LOAD_ERROR',
          `The web worker client could not be read (${why}); pages work without their worker realm until it can. Is @daebug/browser-client installed and built?`,
        ),
        503,
        { 'cache-control': 'no-store' },
      )
    }
  })
  app.get(
    '/__daebug/realm',
    options.upgradeWebSocket(() => {
      let connection: ReturnType<DaebugCore['connect']> | undefined
      return {
        onOpen: (_event, ws) => {
          connection = core.connect({ send: (text) => ws.send(text), close: () => ws.close() })
        },
        onMessage: (event) => {
          if (typeof event.data === 'string') connection?.message(event.data)
        },
        onClose: () => connection?.close(),
        onError: () => connection?.close(),
      }
    }),
  )
  relay = new RelayHub({
    core,
    root: options.root,
    fs: options.host.fs,
    watcher: options.host.watcher,
  })
  const hub = relay
  app.get(
    '/__daebug/ws',
    options.upgradeWebSocket(() => {
      let connection: RelayConnection | undefined
      return {
        onOpen: (_event, ws) => {
          connection = hub.connect((text) => ws.send(text))
        },
        // A binary frame is no JSON text: it gets the same BAD_MESSAGE as malformed JSON.
        onMessage: (event) => connection?.message(typeof event.data === 'string' ? event.data : ''),
        onClose: () => connection?.close(),
        onError: () => connection?.close(),
      }
    }),
  )
  mountDashboard(app, feed)
  const stopHttpRealms = mountRealmHttp(app, core, () => options.host.now())
  app.get('/__daebug/api/health', (c) =>
    c.json({
      ok: true,
      version: VERSION,
      root: options.root,
      uptimeMs: Date.now() - started,
      realms: [...core.realms.values()].filter((realm) => realm.socket).length,
    }),
  )
  mountTestApi(app, { root: options.root, fs: options.host.fs })
  mountTestRunApi(app, { core, root: options.root, fs: options.host.fs })
  mountRealmApi(app, { core, root: options.root })
  // The page `daebug --headless` opens when the root has no index.html (SPEC §9).
  app.get(BLANK_PATH, (c) =>
    c.html(injectDaebug(BLANK_PAGE, options.runtimeModules !== undefined), 200, {
      'cache-control': 'no-store',
    }),
  )
  const { runtimeModules } = options
  let warmModules: (() => Promise<void>) | undefined
  if (runtimeModules) {
    warmModules = mountRuntimeModules(app, runtimeModules)
    mountWorkerFiles(app, () =>
      [...core.realms.values()]
        .filter((realm) => realm.kind === 'page' && realm.socket && realm.importMap)
        .sort((a, b) => b.lastSeen - a.lastSeen)
        .map((realm) => ({ url: realm.url, importMap: realm.importMap! })),
    )
  }
  if (serveFiles) {
    app.use(
      '*',
      serveStatic({
        root: options.root,
        fs: options.host.fs,
        clientUrl: CLIENT_PATH,
        ...(runtimeModules ? { importMap: () => ({ ...RUNTIME_IMPORT_MAP }) } : {}),
      }),
    )
  }
  let warming: ReturnType<typeof setTimeout> | undefined
  return {
    app,
    fetch: (request) => app.fetch(request),
    core,
    injectHtml: (html) => injectDaebug(html, runtimeModules !== undefined),
    start: async () => {
      await core.start()
      await jsFile?.start()
      // Served modules are rewritten once (parsed: about a second on a slow machine, most of it
      // a cold parser); done now, after start-up, the first test run does not wait for it.
      if (warmModules) warming = unrefTimer(setTimeout(() => void warmModules?.(), 0))
    },
    close: async () => {
      clearTimeout(warming)
      await jsFile?.close()
      stopHttpRealms()
      await hub.close()
      await core.close()
    },
  }
}
