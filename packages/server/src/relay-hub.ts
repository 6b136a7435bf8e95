/**
 * The WebSocket relay at `/__daebug/ws` (SPEC §4.2) for external tools: `hello`, `eval`,
 * `status`, `tree`, `run`, `cancel`; realm connect/disconnect events to every client; and
 * `tree:changed` when a test file changes or a realm reloads. Everything a client does goes
 * through the realms' queues and is logged in their logs, like any other request.
 */
import {
  DaebugError,
  isDaebugError,
  LIMITS,
  type LifecycleEvent,
  type RealmInfo,
  type ServerToToolMessage,
  type ToolToServerMessage,
  validateToolMessage,
} from '@daebug/protocol'
import type { DaebugCore } from './core.js'
import { DEFAULT_TEST_PATTERNS, discoverTestFiles, testFileUrl } from './discovery.js'
import type { HostFs, HostWatcher, Watch } from './host.js'
import { evalResult } from './realm-api.js'
import { RelayRuns, type RunOwner } from './relay-runs.js'
import { buildTree, type CollectedEntry, collectCode, countTests } from './relay-tree.js'

/** What the relay needs. */
export interface RelayOptions {
  core: DaebugCore
  root: string
  fs: HostFs
  watcher: HostWatcher
}

/** A tool's connection, as the transport sees it. */
export interface RelayConnection {
  message(text: string): void
  close(): void
}

interface Session extends RunOwner {
  name: string
  subscribe: boolean
}

/** Changes that arrive together are one change. */
const SETTLE_MS = 100

/** The relay: its clients, their runs, and the project watch that tells them of changes. */
export class RelayHub {
  readonly #options: RelayOptions
  readonly #sessions = new Set<Session>()
  readonly #runs: RelayRuns
  #testCount: number | undefined
  #watch: Promise<Watch> | undefined
  #changed = new Set<string>()
  #settle: ReturnType<typeof setTimeout> | undefined
  #isTestFile: (path: string) => boolean = () => false

  constructor(options: RelayOptions) {
    this.#options = options
    this.#runs = new RelayRuns(options.core, () =>
      [...this.#sessions].filter((session) => session.subscribe),
    )
  }

  #realms(): RealmInfo[] {
    const { core } = this.#options
    return [...core.realms.values()]
      .map((realm) => core.realmInfo(realm))
      .sort((a, b) => b.lastSeen - a.lastSeen)
  }

  #broadcast(message: ServerToToolMessage): void {
    for (const session of this.#sessions) session.send(message)
  }

  /** Opens a client's session; `send` writes one message to it. */
  connect(send: (text: string) => void): RelayConnection {
    const session: Session = {
      name: 'ws',
      subscribe: false,
      send: (message) => {
        try {
          send(JSON.stringify(message))
        } catch {}
      },
    }
    this.#sessions.add(session)
    this.#watchProject()
    return {
      message: (text) => {
        if (text.length > LIMITS.message) {
          session.send({
            type: 'error',
            code: 'TOO_LARGE',
            message: `The message is over ${LIMITS.message} characters (8 MiB).`,
          })
          return
        }
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {
          session.send({
            type: 'error',
            code: 'BAD_MESSAGE',
            message: 'The message is not JSON: send one JSON object per text frame.',
          })
          return
        }
        const id = (parsed as { id?: unknown })?.id
        const checked = validateToolMessage(parsed)
        if (!checked.ok) {
          session.send({
            type: 'error',
            ...(typeof id === 'string' ? { id } : {}),
            code: checked.code,
            message: checked.error,
          })
          return
        }
        this.#handle(session, checked.value).catch((error: unknown) => {
          const wire = isDaebugError(error)
            ? error
            : new DaebugError(
                'LOAD_ERROR',
                `The request failed: ${(error as Error)?.message ?? error}`,
              )
          session.send({
            type: 'error',
            ...(checked.value.id === undefined ? {} : { id: checked.value.id }),
            code: wire.code,
            message: wire.message,
          })
        })
      },
      close: () => {
        this.#sessions.delete(session)
        this.#runs.forget(session)
      },
    }
  }

  async #handle(session: Session, message: ToolToServerMessage): Promise<void> {
    const id = message.id === undefined ? {} : { id: message.id }
    switch (message.type) {
      case 'hello':
        session.name = message.name ?? 'ws'
        session.subscribe = message.subscribe === true
        session.send({
          type: 'connected',
          ...id,
          realms: this.#realms(),
          ...(this.#testCount === undefined ? {} : { testCount: this.#testCount }),
        })
        return
      case 'status':
        session.send({ type: 'status', ...id, realms: this.#realms(), runs: this.#runs.status() })
        return
      case 'run':
        this.#runs.start(session, message)
        return
      case 'cancel':
        this.#runs.cancel(session, message.runId)
        return
      case 'eval': {
        const realm = this.#realm(message.realm)
        const job = this.#options.core.submit(realm, {
          code: message.code,
          transport: 'ws',
          agent: session.name,
          ...(message.timeout ? { timeoutMs: message.timeout } : {}),
        })
        const outcome = await job.outcome
        if (outcome.code === 'TIMEOUT' || outcome.code === 'CANCELLED') {
          throw new DaebugError(outcome.code, outcome.text)
        }
        session.send({ type: 'eval:result', ...id, ...evalResult(realm.name, outcome) })
        return
      }
      case 'tree': {
        const realm = this.#realm(message.realm)
        const { root, fs } = this.#options
        const files = (await discoverTestFiles({ root, fs })).map(testFileUrl)
        const job = this.#options.core.submit(realm, {
          code: collectCode(files),
          transport: 'ws',
          agent: session.name,
        })
        const outcome = await job.outcome
        if (!outcome.ok || outcome.value === undefined) {
          throw new DaebugError('LOAD_ERROR', `The tests could not be listed: ${outcome.text}`)
        }
        const tree = buildTree(JSON.parse(JSON.parse(outcome.value)) as CollectedEntry[])
        this.#testCount = countTests(tree)
        session.send({ type: 'tree:result', ...id, realm: realm.name, tree })
      }
    }
  }

  #realm(target: string | undefined) {
    return this.#options.core.selectRealm(target)
  }

  /** Tells the clients about realms that connect, reload or go away. */
  event(event: LifecycleEvent): void {
    if (event.type === 'realm:connected') {
      this.#broadcast(event)
      if (event.realm.state === 'reloaded') {
        this.#broadcast({ type: 'tree:changed', realm: event.realm.name })
        this.#runs.changed(event.realm.name)
      }
    } else if (event.type === 'realm:disconnected') {
      this.#broadcast(event)
    }
  }

  #watchProject(): void {
    const { root, watcher } = this.#options
    const logs = `${root}/daebug`
    // picomatch is loaded with the project watch, the only thing here that needs it.
    this.#watch ??= import('picomatch').then(({ default: picomatch }) => {
      this.#isTestFile = picomatch([...DEFAULT_TEST_PATTERNS], { dot: false })
      return watcher.watch([root], (path) => this.#fileChanged(path), {
        recursive: true,
        ignore: (path) =>
          /\/(node_modules|\.git)(\/|$)/.test(path) ||
          path === logs ||
          path.startsWith(`${logs}/`) ||
          path === `${root}/daebug.md`,
      })
    })
    this.#watch.catch(() => {
      this.#watch = undefined
    })
  }

  #fileChanged(path: string): void {
    const relative = path.slice(this.#options.root.length + 1)
    this.#changed.add(relative)
    clearTimeout(this.#settle)
    this.#settle = setTimeout(() => {
      const files = [...this.#changed].filter((file) => this.#isTestFile(file))
      this.#changed.clear()
      if (files.length) this.#broadcast({ type: 'tree:changed', files })
      this.#runs.changed()
    }, SETTLE_MS)
  }

  /** Stops watching the project. */
  async close(): Promise<void> {
    clearTimeout(this.#settle)
    const watch = await this.#watch?.catch(() => undefined)
    await watch?.close()
  }
}
