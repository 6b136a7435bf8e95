/**
 * The HTTP client of the eval benches: `node:http` over one kept-alive connection, as an agent's
 * tool would hold it. `fetch` (undici) adds about 1 ms per request on this machine, measured
 * against a server that only answers; that is the client's cost, not the server's, and it would
 * hide what Daebug itself takes.
 */
import { Agent, request } from 'node:http'

const agent = new Agent({ keepAlive: true, maxSockets: 1 })

/** POSTs `body` to `url` and resolves with the parsed JSON answer. */
export function postJson(url: string, body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        text += chunk
      })
      response.on('end', () => {
        try {
          resolve(JSON.parse(text))
        } catch {
          reject(new Error(`${url} answered ${response.statusCode} with ${text.slice(0, 200)}`))
        }
      })
    })
    sent.on('error', reject)
    sent.end(body)
  })
}

/** Closes the kept-alive connections, so that the process can exit. */
export function closeConnections(): void {
  agent.destroy()
}
