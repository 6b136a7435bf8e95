import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { RealmTransport, TransportHandlers } from './channel.js'
import { fallbackTransport, httpTransport } from './http-transport.js'

function fakeTransport(name: string, opens: boolean, log: string[]): RealmTransport {
  return {
    connect(handlers: TransportHandlers) {
      log.push(name)
      if (opens) handlers.open()
      else handlers.close()
      return { isOpen: opens, send: () => opens, close: () => {} }
    },
  }
}

const handlers = { open: () => {}, message: () => {}, close: () => {} }

test('after three WebSocket connections that never opened, the HTTP fallback is used for good', () => {
  const log: string[] = []
  const transport = fallbackTransport(
    fakeTransport('ws', false, log),
    fakeTransport('http', true, log),
  )
  for (let i = 0; i < 5; i++) transport.connect(handlers)
  assert.equal(log, ['ws', 'ws', 'ws', 'http', 'http'])
})

test('a WebSocket that opened once is kept, whatever later outages do', () => {
  const log: string[] = []
  let opens = true
  const ws: RealmTransport = {
    connect(h) {
      log.push('ws')
      if (opens) h.open()
      else h.close()
      return { isOpen: opens, send: () => opens, close: () => {} }
    },
  }
  const transport = fallbackTransport(ws, fakeTransport('http', true, log))
  transport.connect(handlers)
  opens = false
  for (let i = 0; i < 5; i++) transport.connect(handlers)
  assert.equal(log, ['ws', 'ws', 'ws', 'ws', 'ws', 'ws'])
})

test('the HTTP transport opens a session, delivers polled messages, and posts what it sends', async () => {
  const requests: string[] = []
  let polls = 0
  const fetchImpl = async (url: string, init: { body?: string }) => {
    requests.push(`${new URL(url).pathname}${init.body ? ` ${init.body}` : ''}`)
    const path = new URL(url).pathname
    if (path.endsWith('/open'))
      return { ok: true, status: 200, json: async () => ({ session: 's1' }) }
    if (path.endsWith('/poll')) {
      polls++
      if (polls === 1)
        return { ok: true, status: 200, json: async () => ({ messages: ['{"type":"ping"}'] }) }
      return { ok: false, status: 404, json: async () => ({}) }
    }
    return { ok: true, status: 204, json: async () => ({}) }
  }
  const received: string[] = []
  let closed = false
  const connection = httpTransport('http://localhost:8680', fetchImpl).connect({
    open: () => void connection.send('{"type":"heartbeat"}'),
    message: (text) => void received.push(text),
    close: () => {
      closed = true
    },
  })
  await new Promise((done) => setTimeout(done, 20))
  assert.equal(received, ['{"type":"ping"}'])
  assert.ok(closed, 'a session the server no longer knows closes the connection')
  assert.ok(requests.includes('/__daebug/realm/send {"type":"heartbeat"}'))
})

test.run()
