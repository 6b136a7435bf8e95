/**
 * The plain-HTTP fallback of the realm channel (SPEC §3.4): a session opened with one POST, the
 * server's messages fetched by long-polling, each realm message POSTed. Used when a WebSocket
 * cannot connect, or when the script tag asks for it (`data-daebug-transport="http"`).
 */
import {
  guard,
  type RealmTransport,
  type TransportConnection,
  type TransportHandlers,
} from './channel.js'

/** The part of `fetch` the transport uses. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; body?: string; keepalive?: boolean },
) => Promise<{
  ok: boolean
  status: number
  json(): Promise<unknown>
}>

/** How many times a message POST is retried (with growing delays) before the connection is given up. */
const SEND_RETRIES = 4

/** A {@link RealmTransport} over plain HTTP requests to `server`. */
export function httpTransport(server: string, fetchImpl: FetchLike): RealmTransport {
  const url = (path: string, session?: string) =>
    new URL(
      `/__daebug/realm/${path}${session ? `?session=${encodeURIComponent(session)}` : ''}`,
      server,
    ).href
  return {
    connect(handlers: TransportHandlers): TransportConnection {
      let session: string | undefined
      let closed = false
      // Messages POSTed one after another, so the server sees them in order.
      let sending: Promise<unknown> = Promise.resolve()
      const close = (): void => {
        if (closed) return
        closed = true
        guard(handlers.close)
      }
      const poll = async (): Promise<void> => {
        while (!closed && session) {
          const response = await fetchImpl(url('poll', session), { method: 'POST' })
          if (!response.ok) throw new Error(`poll answered ${response.status}`)
          const body = (await response.json()) as { messages?: unknown[]; closed?: boolean }
          for (const text of body.messages ?? [])
            if (typeof text === 'string') guard(() => handlers.message(text))
          if (body.closed) throw new Error('session closed')
        }
      }
      const post = async (text: string): Promise<void> => {
        for (let attempt = 0; ; attempt++) {
          try {
            const response = await fetchImpl(url('send', session), {
              method: 'POST',
              body: text,
              keepalive: text.length < 60_000,
            })
            if (response.ok) return
            if (response.status === 404) break
          } catch {}
          // A lost POST is sent again: the server accepts a result once, for the job it delivered.
          if (attempt >= SEND_RETRIES || closed) break
          await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt))
        }
        close()
      }
      fetchImpl(url('open'), { method: 'POST' })
        .then(async (response) => {
          if (!response.ok) throw new Error(`open answered ${response.status}`)
          session = ((await response.json()) as { session?: string }).session
          if (!session) throw new Error('no session')
          guard(handlers.open)
          await poll()
        })
        .catch(close)
      return {
        get isOpen() {
          return !closed && session !== undefined
        },
        send(text) {
          if (closed || !session) return false
          sending = sending.then(() => post(text))
          return true
        },
        close() {
          closed = true
        },
      }
    },
  }
}

/**
 * Uses `primary` until it has failed to open `after` times in a row without ever opening, then
 * `fallback` for good (a proxy or policy that breaks WebSockets will not heal by itself).
 */
export function fallbackTransport(
  primary: RealmTransport,
  fallback: RealmTransport,
  after = 3,
): RealmTransport {
  let failures = 0
  let everOpened = false
  let current = primary
  return {
    connect(handlers) {
      if (current === primary && !everOpened && failures >= after) current = fallback
      let opened = false
      const tracked: TransportHandlers = {
        open() {
          opened = true
          everOpened = true
          failures = 0
          handlers.open()
        },
        message: (text) => handlers.message(text),
        close() {
          if (!opened) failures++
          handlers.close()
        },
      }
      try {
        return current.connect(tracked)
      } catch (error) {
        failures++
        throw error
      }
    },
  }
}
