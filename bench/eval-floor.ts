/**
 * The floor under an HTTP eval on this machine: a bare Node HTTP server that forwards each POST's
 * body over a WebSocket (`ws`, as Daebug's server uses) to a page that `eval`s it and answers —
 * no logging, no validation, no capture. Measured in the same browser as Daebug, one run after it.
 */
import { createServer } from 'node:http'
import type { Browser } from 'playwright-core'
import { WebSocketServer } from 'ws'
import { postJson } from './http-post.js'

const PAGE = `<!doctype html><script>
const socket = new WebSocket('ws://' + location.host)
socket.onmessage = (event) => socket.send(JSON.stringify({ value: (0, eval)(JSON.parse(event.data).code) }))
</script>`

/** Round-trip times of `runs` evals of `1 + i` (after `warmup` more). */
export async function measureEvalFloor(
  browser: Browser,
  runs: number,
  warmup: number,
): Promise<number[]> {
  let answer: ((text: string) => void) | undefined
  const server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.setHeader('content-type', 'text/html')
      response.end(PAGE)
      return
    }
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      answer = (text) => {
        response.setHeader('content-type', 'application/json')
        response.end(text)
      }
      for (const client of sockets.clients) client.send(body)
    })
  })
  const sockets = new WebSocketServer({ server })
  const connected = new Promise<void>((resolve) =>
    sockets.on('connection', (socket) => {
      socket.on('message', (data) => answer?.(String(data)))
      resolve()
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
  const page = await browser.newPage()
  try {
    await page.goto(url)
    await connected
    const samples: number[] = []
    for (let i = 0; i < warmup + runs; i++) {
      const start = performance.now()
      const { value } = (await postJson(url, JSON.stringify({ code: `1 + ${i}` }))) as {
        value: number
      }
      if (value !== 1 + i) throw new Error(`the floor's page answered ${value} to 1 + ${i}`)
      if (i >= warmup) samples.push(performance.now() - start)
    }
    return samples
  } finally {
    await page.close()
    sockets.close()
    server.close()
  }
}
