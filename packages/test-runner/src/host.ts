/**
 * What the runner needs from the realm it runs in, found by feature detection (no `node:*`
 * import): Node's `process` where there is one (Node, Bun), `addEventListener` elsewhere
 * (browsers, workers, Deno), whether this is a browser realm, and the working directory.
 */

/** The parts of Node's `process` the runner uses; every member may be missing. */
export interface HostProcess {
  on?(event: string, listener: (...args: unknown[]) => void): unknown
  off?(event: string, listener: (...args: unknown[]) => void): unknown
  removeListener?(event: string, listener: (...args: unknown[]) => void): unknown
  execArgv?: string[]
  exitCode?: number | string | undefined
  cwd?(): string
  platform?: string
  versions?: { node?: string }
  stdout?: { write?(text: string): unknown }
  stderr?: { write?(text: string): unknown }
  getBuiltinModule?(id: string): unknown
}

interface HostGlobal {
  process?: HostProcess
  Deno?: unknown
  document?: unknown
  WorkerGlobalScope?: unknown
  location?: { href?: string }
  addEventListener?(type: string, listener: (event: never) => void): void
  removeEventListener?(type: string, listener: (event: never) => void): void
}

interface ErrorEventLike {
  error?: unknown
  message?: string
  preventDefault(): void
}

interface RejectionEventLike {
  reason?: unknown
  preventDefault(): void
}

const host = globalThis as HostGlobal

/** Node's (or Bun's) `process`, when the realm has one and is not Deno. */
export function hostProcess(): HostProcess | undefined {
  const process = host.process
  if (host.Deno !== undefined || typeof process !== 'object' || process === null) return undefined
  return process
}

/** Whether the realm is a browser page or worker (where a remote run must never hang). */
export function isBrowserRealm(): boolean {
  return (
    host.Deno === undefined &&
    hostProcess()?.versions?.node === undefined &&
    (host.document !== undefined || host.WorkerGlobalScope !== undefined)
  )
}

/**
 * The timeout of tests and hooks that set none: 30 s in a browser realm, where a remote run must
 * never hang (SPEC §5.1); none elsewhere, as in node:test.
 */
export function realmDefaultTimeout(): number | null {
  return isBrowserRealm() ? 30_000 : null
}

/** The base that relative test paths resolve against: the working directory, else the page. */
export function baseUrl(): string | undefined {
  const cwd = hostProcess()?.cwd?.()
  if (cwd !== undefined)
    return `file://${encodeURI(cwd.replaceAll('\\', '/').replace(/^(?!\/)/, '/'))}/`
  return host.location?.href
}

/** Sets the process exit code where there is a process. */
export function setExitCode(code: number): void {
  const process = hostProcess()
  if (process !== undefined) process.exitCode = code
}

/**
 * Node's `--test-only`, `--test-name-pattern`, `--test-skip-pattern`, `--test-reporter` and
 * `--test-reporter-destination` from `execArgv`.
 */
export interface CommandLineFlags {
  only: boolean
  namePatterns: string[]
  skipPatterns: string[]
  reporters: string[]
  destinations: string[]
}

/** The test flags given to the process, as Node reads them when a file runs on its own. */
export function commandLineFlags(): CommandLineFlags {
  const flags: CommandLineFlags = {
    only: false,
    namePatterns: [],
    skipPatterns: [],
    reporters: [],
    destinations: [],
  }
  const args = hostProcess()?.execArgv ?? []
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (arg === '--test-only') flags.only = true
    for (const [name, list] of [
      ['--test-name-pattern', flags.namePatterns],
      ['--test-skip-pattern', flags.skipPatterns],
      ['--test-reporter', flags.reporters],
      ['--test-reporter-destination', flags.destinations],
    ] as const) {
      if (arg === name && index + 1 < args.length) list.push(args[++index]!)
      else if (arg.startsWith(`${name}=`)) list.push(arg.slice(name.length + 1))
    }
  }
  return flags
}

/** Where an error that escaped every test came from. */
export type EscapedErrorEvent = 'uncaughtException' | 'unhandledRejection'

/**
 * Catches errors that escape the tests: `process.on('uncaughtException' | 'unhandledRejection')`
 * where there is a process, `error`/`unhandledrejection` events elsewhere. Returns the function
 * that stops catching them.
 */
export function catchEscapedErrors(
  handle: (error: unknown, event: EscapedErrorEvent) => void,
): () => void {
  const process = hostProcess()
  if (typeof process?.on === 'function') {
    const onException = (error: unknown): void => handle(error, 'uncaughtException')
    const onRejection = (reason: unknown): void => handle(reason, 'unhandledRejection')
    process.on('uncaughtException', onException)
    process.on('unhandledRejection', onRejection)
    return () => {
      const off = (process.off ?? process.removeListener)?.bind(process)
      off?.('uncaughtException', onException)
      off?.('unhandledRejection', onRejection)
    }
  }
  if (typeof host.addEventListener !== 'function') return () => {}
  const onError = (event: ErrorEventLike): void => {
    event.preventDefault()
    handle(event.error ?? new Error(event.message), 'uncaughtException')
  }
  const onRejection = (event: RejectionEventLike): void => {
    event.preventDefault()
    handle(event.reason, 'unhandledRejection')
  }
  host.addEventListener('error', onError)
  host.addEventListener('unhandledrejection', onRejection)
  return () => {
    host.removeEventListener?.('error', onError)
    host.removeEventListener?.('unhandledrejection', onRejection)
  }
}

/**
 * Calls `listener` when the event loop is about to empty: Node's and Bun's `beforeExit`, Deno's
 * `beforeunload`. Returns the function that stops listening, or undefined where there is no such
 * event (a browser realm's event loop never empties).
 */
export function onEventLoopEmpty(listener: () => void): (() => void) | undefined {
  if (host.Deno !== undefined && typeof host.addEventListener === 'function') {
    host.addEventListener('beforeunload', listener)
    return () => host.removeEventListener?.('beforeunload', listener)
  }
  const process = hostProcess()
  if (typeof process?.on !== 'function') return undefined
  process.on('beforeExit', listener)
  return () => (process.off ?? process.removeListener)?.call(process, 'beforeExit', listener)
}

/** The working directory, where there is one, for paths relative to it. */
export function workingDirectory(): string | undefined {
  return hostProcess()?.cwd?.()
}
