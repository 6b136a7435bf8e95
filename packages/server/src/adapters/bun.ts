/**
 * The Bun adapter: serving through `Bun.serve` with Hono's Bun WebSocket helper. Files and watching
 * go through `node:fs` and chokidar, which Bun implements, so the Node adapter's host serves here
 * too.
 */
import type { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import type { Serving } from '../host.js'
import { asPortInUse } from './port-in-use.js'

/** The part of `Bun.serve`'s server this adapter uses. */
interface BunServer {
  port: number
  stop(closeActiveConnections?: boolean): Promise<void> | void
}

interface BunGlobal {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request, server: unknown) => Response | Promise<Response>
    websocket: typeof websocket
  }): BunServer
}

/** Serves a Hono app on Bun; routes that upgrade must use `upgradeWebSocket`. */
export function bunServing(app: Hono): Serving {
  return {
    upgradeWebSocket,
    async listen(port, hostname) {
      const bun = (globalThis as { Bun?: BunGlobal }).Bun
      if (!bun) throw new Error('bunServing needs the Bun runtime')
      let server: BunServer
      try {
        server = bun.serve({
          port,
          hostname,
          // Hono's Bun helper finds the server to upgrade on in the request's env.
          fetch: (request, bunServer) => app.fetch(request, { server: bunServer }),
          websocket,
        })
      } catch (error) {
        throw asPortInUse(error, port)
      }
      return { port: server.port, close: async () => void (await server.stop(true)) }
    },
  }
}

/** This runtime's serving, under the name every adapter gives it (`@daebug/server/runtime`). */
export const runtimeServing: (app: Hono) => Serving = bunServing
