/**
 * @module
 * The classic script the Daebug server injects into every page (`/__daebug/client.js`, built as
 * `dist/page-client.global.js`): it makes the page a realm. The server is the origin the script
 * was loaded from, so a page of another dev server still connects to Daebug.
 */
import { realmSocketUrl, webSocketTransport } from './channel.js'
import { startPageClient } from './client.js'
import { fallbackTransport, httpTransport } from './http-transport.js'
import { startWorkerHost } from './worker-host.js'

try {
  if (typeof document !== 'undefined') {
    const script = document.currentScript
    const src = script && 'src' in script && typeof script.src === 'string' ? script.src : ''
    const server = new URL(src || location.href).origin
    const http = httpTransport(server, (url, init) => fetch(url, init))
    const forced = script?.getAttribute('data-daebug-transport') === 'http'
    const transport =
      forced || typeof WebSocket !== 'function'
        ? http
        : fallbackTransport(webSocketTransport(realmSocketUrl(server), WebSocket), http)
    const noWorker = script?.getAttribute('data-daebug-worker') === 'off'
    startPageClient({
      server,
      transport,
      ...(noWorker || typeof Worker !== 'function'
        ? {}
        : {
            hostWorker: ({ name, report }) =>
              startWorkerHost({
                server,
                pageName: name,
                pageOrigin: location.origin,
                report,
                createWorker: (url, options) => new Worker(url, options),
                blobUrl: (source) =>
                  URL.createObjectURL(new Blob([source], { type: 'text/javascript' })),
                violations: document,
              }),
          }),
    })
  }
} catch {
  // The client must never break the page it is loaded into.
}
