/**
 * The Deno adapter: serving through `Deno.serve` with Hono's Deno WebSocket helper. Files and
 * watching go through `node:fs` and chokidar, which Deno implements, so the Node adapter's host
 * serves here too.
 */
import type { Hono } from 'hono'
import { upgradeWebSocket } from 'hono/deno'
import type { Serving } from '../host.js'
import { asPortInUse } from './port-in-use.js'

/** The part of `Deno.serve`'s server this adapter uses. */
interface DenoServer {
  addr: { port: number }
  shutdown(): Promise<void>
}

interface DenoGlobal {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request, info: unknown) => Response | Promise<Response>,
  ): DenoServer
}

/** Serves a Hono app on Deno; routes that upgrade must use `upgradeWebSocket`. */
export function denoServing(app: Hono): Serving {
  return {
    upgradeWebSocket,
    async listen(port, hostname) {
      const deno = (globalThis as { Deno?: DenoGlobal }).Deno
      if (!deno) throw new Error('denoServing needs the Deno runtime')
      let server: DenoServer
      try {
        server = deno.serve({ port, hostname, onListen: () => {} }, (request, info) =>
          app.fetch(request, info),
        )
      } catch (error) {
        throw asPortInUse(error, port)
      }
      return { port: server.addr.port, close: () => server.shutdown() }
    },
  }
}

/** This runtime's serving, under the name every adapter gives it (`@daebug/server/runtime`). */
export const runtimeServing: (app: Hono) => Serving = denoServing
