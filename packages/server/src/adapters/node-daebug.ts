/**
 * Embedding Daebug on Node (SPEC §11): `createDaebug({ root })` with everything a Node process
 * needs filled in — files, watching, the browser client, the runtime modules, WebSockets — either
 * serving on its own (`listen()`) or mounted in an existing Hono app or Node HTTP server.
 */
import { EventEmitter } from 'node:events'
import type { Server } from 'node:http'
import { basename, join, resolve } from 'node:path'
import type { LifecycleEvent } from '@daebug/protocol'
import { Hono } from 'hono'
import { createDaebug as createServer, type Daebug, type DaebugOptions } from '../create.js'
import { derivePort } from '../port.js'
import { isLoopbackHost } from '../security.js'
import { VERSION } from '../version.js'
import {
  type NodeRequestListener,
  nodeHost,
  nodeServing,
  readClientScript,
  readRuntimeModule,
  readWorkerScript,
} from './node.js'

/** Options of {@link createDaebug} on Node. */
export interface NodeDaebugOptions
  extends Pick<
    DaebugOptions,
    | 'allowedHosts'
    | 'allowOrigins'
    | 'token'
    | 'timeoutMs'
    | 'worker'
    | 'maxLogBytes'
    | 'jsFile'
    | 'onError'
  > {
  /** The project: where `daebug.md` and `daebug/` are written (default: the working directory). */
  root?: string
  /** An app to mount `/__daebug/*` on; its own routes stay its own (and it serves its pages). */
  app?: Hono
  /** The port the pages reach the server on (default: derived from the root's folder name). */
  port?: number
  /** The interface {@link NodeDaebug.listen} binds (default `127.0.0.1`). */
  hostname?: string
  /** Whether to serve the root's files too (default: true without `app`, false with one). */
  serveFiles?: boolean
}

/** A Daebug server on Node. */
export interface NodeDaebug extends Pick<Daebug, 'app' | 'fetch' | 'core' | 'injectHtml'> {
  /** The URL pages and tools reach it at. */
  url: string
  /**
   * The app as a Node request listener (a path Node would normalise is refused whole), for a
   * server or middleware stack you run: connect, Express, Vite.
   */
  listener: NodeRequestListener
  /** Lifecycle events (SPEC §4.3), each under its `type` and all under `'event'`. */
  events: EventEmitter
  /** Prepares `daebug/`, then serves the app on its port. */
  listen(): Promise<{ url: string; port: number }>
  /**
   * For an app served by your own `http.Server`: prepares `daebug/` and lets the server upgrade
   * Daebug's WebSockets (others are left to the server's own listeners). Call once the server
   * exists (before or after it listens).
   */
  attach(server: Server): Promise<void>
  /**
   * Interrupts running jobs, writes the stopped registry, removes `daebug/.server.json`, stops
   * watching and serving.
   */
  close(): Promise<void>
}

/**
 * Creates a Daebug server for a project on Node.
 * @example
 * const daebug = createDaebug({ root: '.', app, port: 3000 })
 * app.get('/', (c) => c.html(daebug.injectHtml('<!doctype html><title>App</title>')))
 */
export function createDaebug(options: NodeDaebugOptions = {}): NodeDaebug {
  const root = resolve(options.root ?? '.')
  const port = options.port ?? derivePort(basename(root))
  const hostname = options.hostname ?? '127.0.0.1'
  const loopback = isLoopbackHost(hostname)
  if (!loopback && !options.token) {
    throw new Error(
      `createDaebug: listening on ${hostname} needs a token (option \`token\`): every request must then carry it (SPEC §7, docs/security.md).`,
    )
  }
  const named = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname
  const url = `http://${loopback ? 'localhost' : named}:${port}/`
  const app = options.app ?? new Hono()
  const serving = nodeServing(app)
  const events = new EventEmitter()
  const host = nodeHost()
  const daebug = createServer({
    ...options,
    root,
    allowedHosts: [...(loopback ? [] : [hostname]), ...(options.allowedHosts ?? [])],
    host,
    url,
    port,
    app,
    serveFiles: options.serveFiles ?? options.app === undefined,
    clientScript: readClientScript,
    workerScript: readWorkerScript,
    runtimeModules: readRuntimeModule,
    upgradeWebSocket: serving.upgradeWebSocket,
    onEvent: (event: LifecycleEvent) => {
      events.emit(event.type, event)
      events.emit('event', event)
    },
  })
  // How `daebug --test`, `eval` and `mcp` find this server (SPEC §9).
  const serverJson = join(root, 'daebug', '.server.json')
  const record = {
    pid: process.pid,
    url,
    root,
    port,
    version: VERSION,
    ...(options.token ? { token: options.token } : {}),
  }
  let started: Promise<void> | undefined
  const start = () => {
    started ??= (async () => {
      await daebug.start()
      await host.fs.writePrivate(serverJson, `${JSON.stringify(record, null, 2)}\n`)
    })()
    return started
  }
  let listening: { close(): Promise<void> } | undefined
  return {
    app,
    fetch: daebug.fetch,
    core: daebug.core,
    injectHtml: daebug.injectHtml,
    url,
    listener: serving.listener,
    events,
    async listen() {
      await start()
      listening = await serving.listen(port, hostname)
      return { url, port }
    },
    async attach(server) {
      await start()
      serving.inject(server)
    },
    async close() {
      await daebug.close()
      if (started) await host.fs.remove(serverJson)
      await listening?.close()
    },
  }
}
