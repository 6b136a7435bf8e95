/**
 * Finding the Daebug server of a root (SPEC §9), for `--test`, `eval` and `mcp`: the one named in
 * `daebug/.server.json`, else one on `--port`, `PORT` or the derived port, each confirmed by
 * `/__daebug/api/health` answering the same root.
 */
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { derivePort } from '@daebug/server'
import type { Output } from './main.js'
import { type Serving, serve } from './serve.js'

/** A server found running for the root. */
export interface FoundServer {
  /** Its URL, ending in `/`. */
  url: string
  /** Sent as `Authorization: Bearer` when the server requires it. */
  token?: string
}

/** Headers for a request to `server`. */
export function authHeaders(server: FoundServer): Record<string, string> {
  return server.token ? { authorization: `Bearer ${server.token}` } : {}
}

async function serves(server: FoundServer, root: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/__daebug/api/health', server.url), {
      headers: authHeaders(server),
      signal: AbortSignal.timeout(1500),
    })
    if (!response.ok) return false
    const health = (await response.json()) as { root?: unknown }
    return health.root === root
  } catch {
    return false
  }
}

async function fromServerJson(root: string): Promise<FoundServer | undefined> {
  try {
    const info = JSON.parse(await readFile(join(root, 'daebug', '.server.json'), 'utf8'))
    if (typeof info?.url !== 'string') return undefined
    return { url: info.url, ...(typeof info.token === 'string' ? { token: info.token } : {}) }
  } catch {
    return undefined
  }
}

/** The running server for `root` (an absolute path), if there is one. */
export async function findServer(root: string, port?: number): Promise<FoundServer | undefined> {
  const named = await fromServerJson(root)
  if (named && (await serves(named, root))) return named
  const ports = [port, Number(process.env.PORT) || undefined, derivePort(basename(root))]
  for (const candidate of new Set(ports)) {
    if (candidate === undefined) continue
    const server = { url: `http://127.0.0.1:${candidate}/` }
    if (await serves(server, root)) return server
  }
  return undefined
}

/**
 * The running server for `root`, else one started in this process (on `port` when given, bound to
 * `host`, default loopback; its lines go to `output`, and a line on stderr says where it listens).
 * Stop a started one with `started.shutdown()`.
 */
export async function findOrStartServer(
  root: string,
  port: number | undefined,
  output: Output,
  host = '127.0.0.1',
): Promise<{ server: FoundServer; started?: Serving }> {
  const found = await findServer(root, port)
  if (found) return { server: found }
  const started = await serve(
    {
      root,
      ...(port ? { port } : {}),
      host,
      timeoutMs: 60_000,
      allowedHosts: [],
      allowOrigins: [],
      worker: true,
      logFormat: 'text',
    },
    output,
  )
  output.err(`daebug: started a server for ${root} at ${started.url}`)
  return {
    server: { url: started.url, ...(started.token ? { token: started.token } : {}) },
    started,
  }
}
