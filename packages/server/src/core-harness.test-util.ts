/** A core on a memory host with one connected page realm, and a fake socket to drive it. */
import { type CoreOptions, DaebugCore, type RealmConnection } from './core.js'
import { type MemoryHost, memoryHost } from './memory-host.test-util.js'

export const ROOT: string = '/project'
/** The log of the page realm {@link setup} connects. */
export const LOG: string = `${ROOT}/daebug/7-zen-1201-03.md`

/** A realm's socket that keeps what the server sent it. */
export interface FakeSocket {
  sent: Array<Record<string, unknown>>
  closed: boolean
  send(text: string): void
  close(): void
  /** The `job` messages sent so far. */
  jobs(): Array<Record<string, unknown>>
}

/** What {@link setup} made. */
export interface CoreSetup {
  host: MemoryHost
  core: DaebugCore
  socket: FakeSocket
  connection: RealmConnection
  shutdowns: number[]
}

/** A socket for {@link DaebugCore.connect}. */
export function fakeSocket(): FakeSocket {
  const sent: Array<Record<string, unknown>> = []
  const socket: FakeSocket = {
    sent,
    closed: false,
    send: (text: string) => void sent.push(JSON.parse(text)),
    close: () => {
      socket.closed = true
    },
    jobs: () => sent.filter((m) => m.type === 'job'),
  }
  return socket
}

/** Starts a core and connects the page realm `7-zen-1201-03` to it. */
export async function setup(
  timeoutMs = 60_000,
  options: Partial<CoreOptions> = {},
): Promise<CoreSetup> {
  const host = memoryHost()
  const shutdowns: number[] = []
  const core = new DaebugCore({
    root: ROOT,
    host,
    url: 'http://localhost:8680/',
    timeoutMs,
    onShutdownRequest: () => void shutdowns.push(1),
    ...options,
  })
  await core.start()
  const socket = fakeSocket()
  const connection = core.connect(socket)
  connection.message(
    JSON.stringify({
      type: 'hello',
      name: '7-zen-1201-03',
      instance: 'i1',
      kind: 'page',
      url: 'http://localhost:8680/app/index.html',
      importMap: { imports: { lit: '/vendor/lit.js' } },
    }),
  )
  await until(() => host.files.get(LOG))
  return { host, core, socket, connection, shutdowns }
}

/** Polls `check` until it returns a value (fails after `ms`). */
export async function until<T>(check: () => T | undefined | false, ms = 2000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('condition not reached')
    await new Promise((done) => setTimeout(done, 5))
  }
}
