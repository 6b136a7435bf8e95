/**
 * The realm channel (SPEC §3.4): one connection per realm that introduces itself with `hello`,
 * keeps itself alive with heartbeats, and reconnects with backoff. The transport is an interface
 * so that a plain-HTTP fallback can stand in for the WebSocket.
 */
import type { RealmHello, RealmToServerMessage, ServerToRealmMessage } from '@daebug/protocol'

/** What a transport reports about one connection. */
export interface TransportHandlers {
  open(): void
  message(text: string): void
  /** The connection closed or failed; called at most once per connection. */
  close(): void
}

/** One connection of a transport. */
export interface TransportConnection {
  /** Sends a message; false when the connection is not open. */
  send(text: string): boolean
  readonly isOpen: boolean
  close(): void
}

/** A way to reach the server: a WebSocket today, a plain-HTTP fallback later. */
export interface RealmTransport {
  /** Opens a connection. May throw (a CSP-blocked WebSocket throws a `SecurityError`). */
  connect(handlers: TransportHandlers): TransportConnection
}

/** The part of the `WebSocket` class the client uses. */
export interface WebSocketLike {
  readonly readyState: number
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
  onerror: ((event: Event) => void) | null
  send(data: string): void
  close(): void
}

/** A `WebSocket`-compatible constructor. */
export type WebSocketConstructor = new (url: string) => WebSocketLike

const OPEN = 1

/** The realm channel's URL for a server origin: `ws(s)://<host>/__daebug/realm`. */
export function realmSocketUrl(server: string): string {
  const url = new URL('/__daebug/realm', server)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.href
}

/** Runs a handler so that, whatever it does, nothing reaches the page as an uncaught error. */
export function guard(run: () => void): void {
  try {
    run()
  } catch {}
}

/** A {@link RealmTransport} over one WebSocket per connection. */
export function webSocketTransport(url: string, Socket: WebSocketConstructor): RealmTransport {
  return {
    connect(handlers) {
      const socket = new Socket(url)
      let closed = false
      const close = (): void => {
        if (closed) return
        closed = true
        guard(handlers.close)
      }
      socket.onopen = () => guard(handlers.open)
      socket.onmessage = (event) => {
        if (typeof event.data === 'string') guard(() => handlers.message(event.data))
      }
      socket.onclose = close
      socket.onerror = close
      return {
        get isOpen() {
          return !closed && socket.readyState === OPEN
        },
        send(text) {
          if (closed || socket.readyState !== OPEN) return false
          socket.send(text)
          return true
        },
        close() {
          closed = true
          try {
            socket.close()
          } catch {}
        },
      }
    },
  }
}

/** Options of {@link createRealmChannel}. */
export interface ChannelOptions {
  transport: RealmTransport
  /** The `hello` to send on every (re)connect: the current name, the same instance. */
  hello(): RealmHello
  /** Every server message but `ping`; `welcome` makes the channel ready first. */
  onMessage(message: ServerToRealmMessage): void
  /** An outage that outlived its first retry (or a CSP block): the one warning (SPEC §3.4). */
  onOutage(blocked: boolean): void
  /** True when the page's CSP is known to block the connection (it fails asynchronously). */
  isBlocked?(): boolean
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
  random(): number
  heartbeatMs?: number
}

/** A realm's connection to the server, however it is carried. */
export interface RealmChannel {
  /** True between the server's `welcome` and the connection's end. */
  readonly ready: boolean
  /** Sends a serialised message if the channel is ready; false otherwise. */
  send(text: string): boolean
  /** Reconnects now if the connection is gone; says "still here" if it is up. */
  check(): void
  /** Closes the connection and stops reconnecting until `resume` (bfcache, unload). */
  suspend(): void
  resume(): void
  stop(): void
}

const FIRST_DELAY_MS = 250
const MAX_DELAY_MS = 10_000
// Each attempt the page's CSP blocks makes the browser print its own error, which we cannot hush.
const MAX_BLOCKED_DELAY_MS = 60_000

function read(get: () => boolean): boolean {
  try {
    return get()
  } catch {
    return false
  }
}

function parseServerMessage(text: string): ServerToRealmMessage | undefined {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null) return undefined
    return typeof (value as { type?: unknown }).type === 'string'
      ? (value as ServerToRealmMessage)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * Creates a channel and connects. Reconnects with exponential backoff (250 ms doubling to 10 s,
 * ±20% jitter; 60 s while the page's CSP blocks it), sends a `heartbeat` every 10 s and on `ping`,
 * and warns once per outage. Nothing but `hello` and heartbeats is sent before the `welcome`: the
 * server ignores a realm's messages until it has accepted its `hello`.
 */
export function createRealmChannel(options: ChannelOptions): RealmChannel {
  const heartbeatMs = options.heartbeatMs ?? 10_000
  let connection: TransportConnection | undefined
  let ready = false
  let suspended = false
  let stopped = false
  let failures = 0
  let warned = false
  let delay = FIRST_DELAY_MS
  let retry: unknown
  let heartbeat: unknown

  const clear = (timer: unknown): undefined => {
    if (timer !== undefined) options.clearTimeout(timer)
    return undefined
  }
  const rawSend = (message: RealmToServerMessage | string): boolean => {
    try {
      const text = typeof message === 'string' ? message : JSON.stringify(message)
      return connection?.send(text) ?? false
    } catch {
      return false
    }
  }
  const beat = (): void => {
    heartbeat = clear(heartbeat)
    if (!ready) return
    rawSend({ type: 'heartbeat' })
    heartbeat = options.setTimeout(beat, heartbeatMs)
  }
  const failed = (refused: boolean): void => {
    const blocked = refused || read(() => options.isBlocked?.() ?? false)
    connection = undefined
    ready = false
    heartbeat = clear(heartbeat)
    if (stopped || suspended) return
    failures++
    // A blip that the first retry mends says nothing; a CSP block will not mend.
    if (!warned && (blocked || failures > 1)) {
      warned = true
      read(() => {
        options.onOutage(blocked)
        return true
      })
    }
    const cap = blocked ? MAX_BLOCKED_DELAY_MS : MAX_DELAY_MS
    const wait = Math.min(delay, cap) * (0.8 + 0.4 * options.random())
    delay = Math.min(delay * 2, cap)
    retry = clear(retry)
    retry = options.setTimeout(connect, wait)
  }
  const receive = (current: TransportConnection | undefined, text: string): void => {
    if (current !== connection) return
    const message = parseServerMessage(text)
    if (!message) return
    if (message.type === 'ping') {
      rawSend({ type: 'heartbeat' })
      return
    }
    if (message.type === 'welcome') {
      ready = true
      failures = 0
      warned = false
      delay = FIRST_DELAY_MS
      heartbeat = clear(heartbeat)
      heartbeat = options.setTimeout(beat, heartbeatMs)
    }
    options.onMessage(message)
  }
  function connect(): void {
    retry = clear(retry)
    if (stopped || suspended || connection) return
    let current: TransportConnection | undefined
    try {
      current = connection = options.transport.connect({
        open: () => {
          if (current === connection) rawSend(options.hello())
        },
        message: (text) => receive(current, text),
        close: () => {
          if (current === connection) failed(false)
        },
      })
    } catch {
      failed(true)
    }
  }

  const suspend = (): void => {
    suspended = true
    retry = clear(retry)
    const current = connection
    failed(false)
    current?.close()
  }

  connect()
  return {
    get ready() {
      return ready
    },
    send: (text) => ready && rawSend(text),
    check() {
      if (stopped || suspended) return
      if (connection?.isOpen && ready) rawSend({ type: 'heartbeat' })
      else if (!connection) connect()
    },
    suspend,
    resume() {
      if (stopped) return
      suspended = false
      connect()
    },
    stop() {
      stopped = true
      suspend()
    },
  }
}
