/**
 * @module
 * The web worker realm's script (`/__daebug/worker.js`, built as `dist/worker-client.global.js`):
 * the page creates the worker (SPEC §3.5) and sends `init` with the server and the names; the
 * worker then connects as its own realm, runs its jobs and captures its console, like a page.
 * It answers the page's pings, so a worker stuck in a loop is noticed and restarted.
 */
import { realmSocketUrl, webSocketTransport } from './channel.js'
import { startPageClient } from './client.js'
import { fallbackTransport, httpTransport } from './http-transport.js'
import type { WorkerControl } from './worker-host.js'

interface WorkerScope {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
}

try {
  const scope = globalThis as unknown as WorkerScope
  let started = false
  scope.addEventListener('message', (event) => {
    const data = event.data as WorkerControl | undefined
    if (data?.daebug === 'ping') scope.postMessage({ daebug: 'pong' })
    if (data?.daebug !== 'init' || started) return
    started = true
    const { server, name, parent } = data
    const http = httpTransport(server, (url, init) => fetch(url, init))
    const transport =
      typeof WebSocket === 'function'
        ? fallbackTransport(webSocketTransport(realmSocketUrl(server), WebSocket), http)
        : http
    const client = startPageClient({ server, transport, worker: { name, parent } })
    scope.postMessage({ daebug: 'ready', instance: client.instance })
  })
} catch {
  // Nothing here may throw into the worker's own error handling.
}
