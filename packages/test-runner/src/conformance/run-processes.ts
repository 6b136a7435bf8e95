/**
 * Runs corpus files in child processes: under `node --test` with oracle-reporter.mjs (the oracle),
 * and through a runner's `run()` with run-file.mjs in Node, Bun or Deno (the side under test).
 * One process per file, so that a file's uncaught errors and exit code stay its own.
 */
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { CORPUS_DIR, type CorpusFile, runOptions } from './corpus.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const PACKAGES = join(HERE, '..', '..', '..')
/** The script that prints node --test's events as JSON lines. */
export const ORACLE_REPORTER: string = join(HERE, 'oracle-reporter.mjs')
/** The script that runs one file through a runner's run() and prints its events. */
export const RUN_FILE: string = join(HERE, 'run-file.mjs')

/**
 * The runner under test: `'@daebug/test-runner'`, or `'node:test'` itself to check the harness
 * (node:test's run() then agrees with node --test on every test). Node runs the package's
 * source; Bun and Deno a build of it made by runtimes.test.ts; Chromium its built dist.
 */
export const RUNNER_UNDER_TEST: 'node:test' | '@daebug/test-runner' = '@daebug/test-runner'

/** The sources of @daebug/test-runner and @daebug/assert, which Node runs through tsx. */
export const MODULES: Readonly<
  Record<'runnerSource' | 'assertSource' | 'assertStrictSource', string>
> = {
  runnerSource: pathToFileURL(join(PACKAGES, 'test-runner', 'src', 'index.ts')).href,
  assertSource: pathToFileURL(join(PACKAGES, 'assert', 'src', 'index.ts')).href,
  assertStrictSource: pathToFileURL(join(PACKAGES, 'assert', 'src', 'strict.ts')).href,
}

/** The output of one process that ran one file. */
export interface ProcessRun {
  stdout: string
  stderr: string
  code: number | null
  /** Set when the process was killed for running longer than its limit. */
  timedOut: boolean
}

/** Runs a command, collects its output, and kills it after `limitMs`. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd?: string; limitMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.limitMs ?? 30_000)
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        code,
        timedOut,
      })
    })
  })
}

/** Runs one file under `node --test`, with its flags, reporting every event as JSON. */
export function runOracle(file: CorpusFile): Promise<ProcessRun> {
  return runProcess(
    process.execPath,
    ['--test', ...file.flags, `--test-reporter=${ORACLE_REPORTER}`, file.path],
    { cwd: CORPUS_DIR },
  )
}

/** How long one corpus file may take in one process (each takes well under a second). */
const FILE_LIMIT_MS = 15_000

/** Runs one file through the runner under test's run(), in this Node, with the file's flags as options. */
export function runOursInNode(file: CorpusFile): Promise<ProcessRun> {
  const options = JSON.stringify(runOptions(file.flags))
  if (RUNNER_UNDER_TEST === 'node:test')
    return runProcess(process.execPath, [RUN_FILE, 'node:test', file.path, options], {
      cwd: CORPUS_DIR,
      limitMs: FILE_LIMIT_MS,
    })
  const mapping = JSON.stringify({
    scope: pathToFileURL(`${CORPUS_DIR}/`).href,
    mapping: {
      'node:test': MODULES.runnerSource,
      'node:assert': MODULES.assertSource,
      'node:assert/strict': MODULES.assertStrictSource,
    },
  })
  return runProcess(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@daebug/source',
      RUN_FILE,
      MODULES.runnerSource,
      file.path,
      options,
      mapping,
    ],
    { cwd: CORPUS_DIR, limitMs: FILE_LIMIT_MS },
  )
}

/** Maps `items` through `task`, at most `limit` at a time, keeping their order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  limit: number = Math.max(2, availableParallelism()),
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
