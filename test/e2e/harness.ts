/**
 * What every end-to-end test needs: a project folder, the real `daebug` CLI on a free port, a real
 * headless Chromium, and the agent's side (reading and appending to the Markdown files).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseRegistry, realmLogPath } from '@daebug/protocol'
import { type Browser, chromium, type Page } from 'playwright-core'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CLI = join(repo, 'packages', 'cli', 'bin', 'daebug.js')

/** The JavaScript runtimes the server runs on (Bun and Deno from the root's devDependencies). */
export type Runtime = 'node' | 'bun' | 'deno'

function runtimeCommand(runtime: Runtime): [string, ...string[]] {
  if (runtime === 'node') return [process.execPath]
  const bin = join(repo, 'node_modules', '.bin', runtime)
  return runtime === 'deno' ? [bin, 'run', '-A'] : [bin]
}

/** The flags every test browser needs on this closed network (see DEVELOPERS.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Launches the system Chromium headless. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  })
}

/** A free loopback port (bound and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Makes a temporary project folder with the given files (path → content). */
export async function makeRoot(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'daebug-e2e-'))
  const all = {
    'index.html':
      '<!doctype html><html><head><title>Fixture</title></head><body><h1>Fixture</h1></body></html>',
    ...files,
  }
  for (const [path, content] of Object.entries(all)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
  }
  return root
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined && value !== false) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${ms} ms waiting for ${what}${last ? `: ${last}` : ''}`)
    await new Promise((done) => setTimeout(done, 25))
  }
}

/** A running `daebug` process. */
export interface ServerProcess {
  url: string
  port: number
  root: string
  process: ChildProcess
  stdout: string[]
  stderr: string[]
  /** Resolves with the exit code. */
  exited: Promise<number | null>
  stop(): Promise<number | null>
  kill9(): Promise<void>
}

/** Starts the real CLI on `root` (on Node, or on `runtime`) and waits for its start-up line. */
export async function startServer(
  root: string,
  args: string[] = [],
  port?: number,
  runtime: Runtime = 'node',
): Promise<ServerProcess> {
  const chosen = port ?? (await freePort())
  const [command, ...before] = runtimeCommand(runtime)
  const child = spawn(
    command,
    [...before, CLI, '--root', root, '--port', String(chosen), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  )
  const stdout: string[] = []
  const stderr: string[] = []
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const lines = (sink: string[]) => (chunk: Buffer) =>
    sink.push(...chunk.toString('utf8').split('\n').filter(Boolean))
  child.stdout!.on('data', lines(stdout))
  child.stderr!.on('data', lines(stderr))
  const started = await Promise.race([
    waitFor(
      'the start-up line',
      () => stdout.find((line) => line.startsWith('Daebug serving')),
      15_000,
    ),
    exited.then((code) => {
      throw new Error(`daebug exited with ${code} before serving:\n${stderr.join('\n')}`)
    }),
  ])
  const url = /at (http:\/\/\S+)/.exec(started)![1]!
  return {
    url,
    port: Number(new URL(url).port),
    root,
    process: child,
    stdout,
    stderr,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
    async kill9() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** Reads a file under the root ('' when missing). */
export async function readRootFile(root: string, path: string): Promise<string> {
  return readFile(join(root, path), 'utf8').catch(() => '')
}

/** Waits until the registry lists `count` connected realms of a kind (pages unless told) and returns their names. */
export async function waitForRealms(
  root: string,
  count = 1,
  ms = 10_000,
  kind: 'page' | 'worker' = 'page',
): Promise<string[]> {
  return waitFor(
    `${count} ${kind} realm(s) in daebug.md`,
    async () => {
      const realms = parseRegistry(await readRootFile(root, 'daebug.md')).realms.filter(
        (realm) =>
          realm.state !== 'disconnected' &&
          realm.url.startsWith('worker://') === (kind === 'worker'),
      )
      return realms.length >= count ? realms.map((realm) => realm.name) : undefined
    },
    ms,
  )
}

/** The path of a realm's log relative to the root. */
export function logOf(realm: string): string {
  return realmLogPath(realm)
}

/** Appends text to a realm's log, as an agent does. */
export async function appendToLog(root: string, realm: string, text: string): Promise<void> {
  await appendFile(join(root, logOf(realm)), text)
}

/** Waits until the realm's log contains `pattern` and returns the log. */
export async function waitForLog(
  root: string,
  realm: string,
  pattern: RegExp | string,
  ms = 10_000,
): Promise<string> {
  try {
    return await waitFor(
      `${pattern} in ${logOf(realm)}`,
      async () => {
        const text = await readRootFile(root, logOf(realm))
        return (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text))
          ? text
          : undefined
      },
      ms,
    )
  } catch (error) {
    const text = await readRootFile(root, logOf(realm))
    throw new Error(`${(error as Error).message}\n--- the log ends with ---\n${text.slice(-1500)}`)
  }
}

/** What a finished CLI run printed, and its exit code. */
export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  /** How long it ran, in ms. */
  ms: number
}

/**
 * Runs the real CLI with `args` to its end (killed after `ms`). `onStdout` sees the output as it
 * comes and may act on it (edit a file, stop the process).
 */
export function runCli(
  args: string[],
  options: { ms?: number; onStdout?: (stdout: string, child: ChildProcess) => void } = {},
): Promise<CliRun> {
  const started = Date.now()
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    options.onStdout?.(stdout, child)
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.ms ?? 60_000)
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: Date.now() - started })
    }),
  )
}

/** Removes a temporary root. */
export async function removeRoot(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true })
}

/** A served root with one browser page connected as a realm. */
export interface Session {
  root: string
  server: ServerProcess
  browser: Browser
  page: Page
  realm: string
}

/** A served root and a launched browser, with no page open yet. */
export interface Served {
  root: string
  server: ServerProcess
  browser: Browser
}

/**
 * Runs `body` against a fresh root (with `files`) served by the real CLI (with `args`) and a
 * launched headless Chromium; cleans everything up afterwards, and adds the server's stderr to a
 * failure.
 */
export async function withServer(
  files: Record<string, string>,
  args: string[],
  body: (served: Served) => Promise<void>,
): Promise<void> {
  const root = await makeRoot(files)
  const server = await startServer(root, args)
  const browser = await launchBrowser()
  try {
    await body({ root, server, browser })
  } catch (error) {
    const stderr = server.stderr.length
      ? `\n--- server stderr ---\n${server.stderr.join('\n')}`
      : ''
    throw new Error(`${(error as Error).message}${stderr}`)
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
}

/** As {@link withServer}, with one page open on the server and connected as a realm. */
export function withSession(
  body: (session: Session) => Promise<void>,
  args: string[] = [],
): Promise<void> {
  return withServer({}, args, async ({ root, server, browser }) => {
    const page = await browser.newPage()
    await page.goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    await body({ root, server, browser, page, realm })
  })
}
