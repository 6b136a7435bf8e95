/**
 * Serve mode (SPEC §9): find a port, start the server on Node, print one line per realm and job,
 * and shut down gracefully on Ctrl-C, SIGTERM or `%%SHUTDOWN%%`.
 */
import { randomBytes } from 'node:crypto'
import { appendFile, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { formatDuration, type LifecycleEvent } from '@daebug/protocol'
import { createDaebug, type Daebug, derivePort, isLoopbackHost, joinPath } from '@daebug/server'
import {
  nodeHost,
  readClientScript,
  readRuntimeModule,
  readWorkerScript,
} from '@daebug/server/node'
import { runtimeServing } from '@daebug/server/runtime'
import { Hono } from 'hono'
import type { BrowserSource } from './browsers.js'
import { VERSION } from './help.js'
import type { Output } from './main.js'

/** Serve-mode settings, already validated. */
export interface ServeSettings {
  root: string
  port?: number
  host: string
  timeoutMs: number
  allowedHosts: string[]
  allowOrigins: string[]
  /** Whether pages create a web worker realm (false with `--no-worker`). */
  worker: boolean
  logFormat: 'text' | 'json'
  /** Single-file mode (`--js-file`): the file, relative to the root. */
  jsFile?: string
  /** A realm log past this many bytes is rotated (`--max-log`, SPEC §2.9; default 1 MiB). */
  maxLogBytes?: number
  /** Also open the project in a browser (`--headless`, `--connect`, `--connect-cdp`). */
  browser?: BrowserSource
  /** How many pages to open in it (`--browsers`, default 1). */
  pages?: number
}

/**
 * A problem the user can fix: one sentence, exit code 2. `hint` is printed after it; by default
 * it points at `--help`, which helps with options and not with, say, a realm that is missing.
 */
export class UsageError extends Error {
  override name = 'UsageError'
  readonly hint: string | null

  constructor(message: string, hint: string | null = 'Run `daebug --help` for the options.') {
    super(message)
    this.hint = hint
  }
}

/** A running serve mode; `done` resolves with the exit code once it has shut down. */
export interface Serving {
  url: string
  /** The token every request needs, when bound beyond loopback (SPEC §7). */
  token?: string
  daebug: Daebug
  shutdown(): Promise<void>
  done: Promise<number>
}

/** Starts serving; resolves once listening. */
export async function serve(settings: ServeSettings, output: Output): Promise<Serving> {
  const root = resolve(settings.root)
  const info = await stat(root).catch(() => undefined)
  if (!info?.isDirectory()) throw new UsageError(`--root ${settings.root} is not a directory.`)
  const token = isLoopbackHost(settings.host) ? undefined : randomBytes(24).toString('base64url')
  const host = nodeHost()
  let port = settings.port ?? derivePort(basename(root))
  let shutdown: () => Promise<void> = async () => {}
  for (let attempt = 0; ; attempt++) {
    const app = new Hono()
    // Bun and Deno serve with their own servers; files go through node:fs everywhere.
    const serving = runtimeServing(app)
    const url = `http://${isLoopbackHost(settings.host) ? 'localhost' : settings.host}:${port}/`
    const daebug = createDaebug({
      root,
      host,
      url,
      port,
      app,
      allowedHosts: isLoopbackHost(settings.host)
        ? settings.allowedHosts
        : [settings.host, ...settings.allowedHosts],
      allowOrigins: settings.allowOrigins,
      ...(token ? { token } : {}),
      timeoutMs: settings.timeoutMs,
      clientScript: readClientScript,
      workerScript: readWorkerScript,
      runtimeModules: readRuntimeModule,
      worker: settings.worker,
      ...(settings.maxLogBytes ? { maxLogBytes: settings.maxLogBytes } : {}),
      ...(settings.jsFile ? { jsFile: resolve(root, settings.jsFile) } : {}),
      upgradeWebSocket: serving.upgradeWebSocket,
      onEvent: (event) => {
        const line = formatEvent(event, settings.logFormat)
        if (line !== undefined) output.out(line)
      },
      onError: (error) =>
        output.err(`daebug: internal error (please report): ${(error as Error)?.stack ?? error}`),
      onShutdownRequest: () => void shutdown(),
    })
    const listening = await serving
      .listen(port, settings.host)
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE' || attempt >= 20) throw error
        return undefined
      })
    if (!listening) {
      port = await nextPort(port, root, output)
      continue
    }
    await daebug.start()
    const serverJson = joinPath(root, 'daebug', '.server.json')
    await host.fs.writePrivate(
      serverJson,
      `${JSON.stringify({ pid: process.pid, url, root, port, version: VERSION, ...(token ? { token } : {}) }, null, 2)}\n`,
    )
    let finish: (code: number) => void = () => {}
    const done = new Promise<number>((resolve) => {
      finish = resolve
    })
    let closing: Promise<void> | undefined
    shutdown = () => {
      closing ??= (async () => {
        await daebug.close()
        await host.fs.remove(serverJson)
        await listening.close()
        output.out(
          settings.logFormat === 'json'
            ? JSON.stringify({ type: 'server:stopped' })
            : 'Daebug stopped.',
        )
        finish(0)
      })()
      return closing
    }
    output.out(
      settings.logFormat === 'json'
        ? JSON.stringify({
            type: 'server:listening',
            url,
            root,
            registry: joinPath(root, 'daebug.md'),
          })
        : `Daebug serving ${root} at ${url} (registry: ${joinPath(root, 'daebug.md')})`,
    )
    if (token)
      output.err(
        `Bound to ${settings.host}: every request needs the token ${token} (also in daebug/.server.json). Open ${url}?daebug_token=${token} once in each browser to let its pages in (it sets a cookie).`,
      )
    return { url, ...(token ? { token } : {}), daebug, shutdown: () => shutdown(), done }
  }
}

/**
 * The port is taken: by a Daebug server for this root (asked to shut down through
 * `%%SHUTDOWN%%`, then its port is reused), or by anything else (the next port is tried).
 */
async function nextPort(port: number, root: string, output: Output): Promise<number> {
  const health = await fetch(`http://127.0.0.1:${port}/__daebug/api/health`, {
    signal: AbortSignal.timeout(1000),
  })
    .then((response) => (response.ok ? (response.json() as Promise<{ root?: string }>) : undefined))
    .catch(() => undefined)
  if (health?.root === root) {
    output.err(
      `Port ${port}: a Daebug server for this root is running; asking it to shut down and taking over.`,
    )
    await appendFile(joinPath(root, 'daebug.md'), '\n%%SHUTDOWN%%\n')
    for (let i = 0; i < 100; i++) {
      await new Promise((done) => setTimeout(done, 100))
      const stillUp = await fetch(`http://127.0.0.1:${port}/__daebug/api/health`, {
        signal: AbortSignal.timeout(500),
      })
        .then(() => true)
        .catch(() => false)
      if (!stillUp) return port
    }
    throw new UsageError(
      `The Daebug server on port ${port} did not shut down; stop it and try again.`,
    )
  }
  output.err(`Port ${port} is in use by another program; trying ${port + 1}.`)
  return port + 1
}

function shortCode(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim()
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat
}

/** One line per lifecycle event: text for people, or JSON for monitors. */
export function formatEvent(event: LifecycleEvent, format: 'text' | 'json'): string | undefined {
  if (format === 'json') return JSON.stringify(event)
  switch (event.type) {
    case 'realm:connected':
      return `+ ${event.realm.name} (${event.realm.url})`
    case 'realm:disconnected':
      return `- ${event.realm.name}`
    case 'job:accepted':
      return `> ${event.agent} → ${event.realm} ${JSON.stringify(shortCode(event.code))}`
    case 'job:finished':
      return `< ${event.realm} ${event.ok ? '👍' : '🚫'} ${formatDuration(event.durationMs)}`
    default:
      return undefined
  }
}
