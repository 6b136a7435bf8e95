/**
 * The plain-HTTP fallback of the realm channel (SPEC §3.4), for pages whose WebSocket cannot
 * connect: `open` starts a session, `poll` long-polls for the server's messages, `send` posts one
 * realm message. A session that stops polling is closed like a dropped socket.
 */
import type { Hono } from 'hono'
import type { DaebugCore, RealmConnection } from './core.js'
import { unrefTimer } from './host.js'

/** How long a poll waits for a message before answering with none. */
const POLL_WAIT_MS = 25_000
/** A session not polled for this long is closed. */
const SESSION_IDLE_MS = 40_000

interface Session {
  connection: RealmConnection
  outbox: string[]
  wake?: () => void
  lastPoll: number
  closed: boolean
}

/** Adds the fallback routes under `/__daebug/realm/` and returns a function that stops its timers. */
export function mountRealmHttp(app: Hono, core: DaebugCore, now: () => number): () => void {
  const sessions = new Map<string, Session>()
  const close = (id: string, session: Session): void => {
    if (session.closed) return
    session.closed = true
    sessions.delete(id)
    session.wake?.()
    session.connection.close()
  }
  // Unreferenced: the server's sockets keep the process alive, not this sweep (SPEC §11 embedding).
  const sweeper = unrefTimer(
    setInterval(() => {
      for (const [id, session] of sessions)
        if (now() - session.lastPoll > SESSION_IDLE_MS) close(id, session)
    }, 5000),
  )
  app.post('/__daebug/realm/open', (c) => {
    const id = crypto.randomUUID()
    const session: Session = {
      outbox: [],
      lastPoll: now(),
      closed: false,
      connection: undefined as never,
    }
    session.connection = core.connect({
      send: (text) => {
        session.outbox.push(text)
        session.wake?.()
      },
      close: () => close(id, session),
    })
    sessions.set(id, session)
    return c.json({ session: id })
  })
  app.post('/__daebug/realm/poll', async (c) => {
    const session = sessions.get(c.req.query('session') ?? '')
    if (!session)
      return c.json(
        { error: { code: 'NO_REALM', message: 'No such realm session; open a new one.' } },
        404,
      )
    session.lastPoll = now()
    if (!session.outbox.length) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_WAIT_MS)
        session.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      session.wake = undefined
    }
    session.lastPoll = now()
    return c.json({ messages: session.outbox.splice(0), closed: session.closed })
  })
  app.post('/__daebug/realm/send', async (c) => {
    const session = sessions.get(c.req.query('session') ?? '')
    if (!session)
      return c.json(
        { error: { code: 'NO_REALM', message: 'No such realm session; open a new one.' } },
        404,
      )
    session.connection.message(await c.req.text())
    return c.body(null, 204)
  })
  return () => {
    clearInterval(sweeper)
    for (const [id, session] of sessions) close(id, session)
  }
}
