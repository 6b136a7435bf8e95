/**
 * The `daebug` command's entry: parses arguments and dispatches (SPEC §9).
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { MAX_LOG_BYTES } from '@daebug/server'
import { isReporterName } from '@daebug/test-runner/reporters'
import {
  type BrowserSource,
  browserSourceOf,
  checkBrowser,
  type OpenedBrowser,
  openRealm,
  pagesOf,
} from './browsers.js'
import { type EvalSettings, runEvalCommand } from './eval-command.js'
import { HELP, VERSION } from './help.js'
import {
  EVAL_OPTIONS,
  INIT_OPTIONS,
  MCP_OPTIONS,
  parseArgsOptions,
  SERVE_OPTIONS,
  TEST_OPTIONS,
} from './options.js'
import { type ServeSettings, serve, UsageError } from './serve.js'
import { runTestCommand, type TestSettings } from './test-command.js'

/** Where the command writes: stdout for data, stderr for diagnostics. */
export interface Output {
  /** A line of data. */
  out: (text: string) => void
  /** A line of diagnostics. */
  err: (text: string) => void
  /** Data as it comes (a reporter's output), no newline added. */
  write: (text: string) => void
}

const consoleOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  write: (text) => {
    if (text) process.stdout.write(text)
  },
}

/**
 * Runs the `daebug` command with the given arguments and returns its exit code: 0 on success, 2 on
 * a usage error (one sentence and a hint on stderr), 1 on an internal error.
 */
export async function main(argv: string[], output: Output = consoleOutput): Promise<number> {
  try {
    if (argv[0] === 'mcp') {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: parseArgsOptions(MCP_OPTIONS),
        strict: true,
      })
      if (values.help) {
        output.out(HELP)
        return 0
      }
      const port = number('port', (values.port as string | undefined) ?? process.env.PORT, 1, 65535)
      const root = (values.root as string | undefined) ?? '.'
      // Loaded only here: importing the MCP SDK (with zod and ajv) more than doubled the start-up
      // of every other command, serve mode included.
      const { runMcpCommand } = await import('./mcp-command.js')
      return await runMcpCommand({ root, ...(port === undefined ? {} : { port }) }, output)
    }
    if (argv[0] === 'init') {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: parseArgsOptions(INIT_OPTIONS),
        strict: true,
      })
      if (values.help) {
        output.out(HELP)
        return 0
      }
      const { runInitCommand } = await import('./init-command.js')
      return await runInitCommand(
        {
          root: (values.root as string | undefined) ?? '.',
          file: (values.file as string | undefined) ?? 'AGENTS.md',
        },
        output,
      )
    }
    if (argv[0] === 'eval') {
      const command = parseEvalArgs(argv.slice(1))
      if (command.type === 'help') {
        output.out(HELP)
        return 0
      }
      return await runEvalCommand(command.settings, output)
    }
    if (argv.includes('--test')) {
      const command = parseTestArgs(argv)
      if (command.type === 'help') {
        output.out(HELP)
        return 0
      }
      return await runTestCommand(command.settings, output)
    }
    const command = parseServeArgs(argv)
    if (command.type === 'help') {
      output.out(HELP)
      return 0
    }
    if (command.type === 'version') {
      output.out(VERSION)
      return 0
    }
    await checkBrowser(command.settings.browser)
    const serving = await serve(command.settings, output)
    // Signals are handled from here on, also while the browser starts.
    let stopped = false
    const stop = () => {
      stopped = true
      void serving.shutdown()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    try {
      const source = command.settings.browser
      const server = { url: serving.url, ...(serving.token ? { token: serving.token } : {}) }
      const browser: OpenedBrowser | undefined = source
        ? await openRealm(
            source,
            server,
            resolve(command.settings.root),
            10_000,
            command.settings.pages,
          ).catch(async (error) => {
            await serving.shutdown()
            // Interrupted while the browser started: not a failure of the browser.
            if (stopped) return undefined
            throw error
          })
        : undefined
      const code = await serving.done
      await browser?.close().catch(() => {})
      return code
    } finally {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
    }
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as NodeJS.ErrnoException)?.code?.startsWith('ERR_PARSE_ARGS')
    if (!usage) {
      output.err(`daebug: internal error (please report): ${(error as Error)?.stack ?? error}`)
      return 1
    }
    output.err(`daebug: ${(error as Error).message}`)
    const hint = error instanceof UsageError ? error.hint : 'Run `daebug --help` for the options.'
    if (hint) output.err(hint)
    return 2
  }
}

/** What serve mode's arguments ask for. */
export type ServeCommand =
  | { type: 'help' }
  | { type: 'version' }
  | { type: 'serve'; settings: ServeSettings }

/**
 * Reads serve mode's arguments; throws a `UsageError` (or a `parseArgs` error) on bad ones.
 * @example
 * parseServeArgs(['--no-worker']) // → { type: 'serve', settings: { worker: false, … } }
 */
export function parseServeArgs(argv: string[]): ServeCommand {
  const { values } = parseArgs({
    args: argv,
    options: parseArgsOptions(SERVE_OPTIONS),
    strict: true,
  })
  if (values.help) return { type: 'help' }
  if (values.version) return { type: 'version' }
  return { type: 'serve', settings: serveSettings(values) }
}

function number(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${text}'.`)
  }
  return value
}

function serveSettings(values: Record<string, unknown>): ServeSettings {
  const logFormat = (values['log-format'] as string | undefined) ?? 'text'
  if (logFormat !== 'text' && logFormat !== 'json') {
    throw new UsageError(`--log-format must be 'text' or 'json', got '${logFormat}'.`)
  }
  const port = number('port', (values.port as string | undefined) ?? process.env.PORT, 1, 65535)
  return {
    root: (values.root as string | undefined) ?? '.',
    ...(port === undefined ? {} : { port }),
    host: (values.host as string | undefined) ?? '127.0.0.1',
    timeoutMs: number('timeout', values.timeout as string | undefined, 1, 2_147_483_647) ?? 60_000,
    ...browserOption(values),
    allowedHosts: (values['allowed-host'] as string[] | undefined) ?? [],
    allowOrigins: (values['allow-origin'] as string[] | undefined) ?? [],
    worker: values['no-worker'] !== true,
    logFormat,
    maxLogBytes: size('max-log', values['max-log'] as string | undefined) ?? MAX_LOG_BYTES,
    ...(values['js-file'] ? { jsFile: values['js-file'] as string } : {}),
  }
}

function browserOption(values: Record<string, unknown>): {
  browser?: BrowserSource
  pages?: number
} {
  const browser = browserSourceOf(values)
  const pages = pagesOf(values.browsers, browser)
  return browser ? { browser, ...(pages > 1 ? { pages } : {}) } : {}
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 * 1024 }

/** A size in bytes: `65536`, `64K`, `1M` (also `KiB`, `MB`, …; units of 1024). */
function size(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const match = /^(\d+)\s*(?:([kKmM])(?:i?[bB])?)?$/.exec(text.trim())
  const bytes = match ? Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()]! : Number.NaN
  if (!(bytes >= 16 * 1024 && bytes <= 1024 ** 3)) {
    throw new UsageError(
      `--${name} must be a size from 16K to 1024M (e.g. 512K or 2M), got '${text}'.`,
    )
  }
  return bytes
}

/** What `--test`'s arguments ask for. */
export type TestCommand = { type: 'help' } | { type: 'test'; settings: TestSettings }

/**
 * Reads `--test`'s arguments (positionals are globs or paths); throws a `UsageError` (or a
 * `parseArgs` error) on bad ones.
 * @example
 * parseTestArgs(['--test', 'src/**\/*.test.js', '--page', 'webworker'])
 */
export function parseTestArgs(argv: string[]): TestCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    options: parseArgsOptions(TEST_OPTIONS),
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return { type: 'help' }
  const reporter = (values.reporter as string | undefined) ?? 'spec'
  if (!isReporterName(reporter)) {
    throw new UsageError(
      `--reporter must be one of spec, tap, dot, junit, json, markdown; got '${reporter}'.`,
    )
  }
  const port = number('port', (values.port as string | undefined) ?? process.env.PORT, 1, 65535)
  const timeoutMs = number('timeout', values.timeout as string | undefined, 1, 2_147_483_647)
  const patterns = (values['test-name-pattern'] as string[] | undefined) ?? []
  const browser = browserOption(values)
  if (browser.pages && values.page !== undefined) {
    throw new UsageError(
      '--browsers splits the files across the pages it opens, and --page runs them in one realm: use one.',
    )
  }
  return {
    type: 'test',
    settings: {
      root: (values.root as string | undefined) ?? '.',
      ...(port === undefined ? {} : { port }),
      files: positionals,
      ...(values.page === undefined ? {} : { page: values.page as string }),
      reporter,
      testNamePatterns: patterns,
      only: values['test-only'] === true,
      ...browser,
      ...(values.host === undefined ? {} : { host: values.host as string }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      watch: values.watch === true,
    },
  }
}

/** What `eval`'s arguments ask for. */
export type EvalCommand = { type: 'help' } | { type: 'eval'; settings: EvalSettings }

/**
 * Reads `daebug eval`'s arguments (after `eval`): the code is the positionals joined by spaces,
 * or stdin when there are none.
 * @example
 * parseEvalArgs(['--page', 'checkout', 'document.title'])
 */
export function parseEvalArgs(argv: string[]): EvalCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    options: parseArgsOptions(EVAL_OPTIONS),
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return { type: 'help' }
  const port = number('port', (values.port as string | undefined) ?? process.env.PORT, 1, 65535)
  const timeoutMs = number('timeout', values.timeout as string | undefined, 1, 2_147_483_647)
  return {
    type: 'eval',
    settings: {
      root: (values.root as string | undefined) ?? '.',
      ...(port === undefined ? {} : { port }),
      ...(values.page === undefined ? {} : { page: values.page as string }),
      ...(positionals.length ? { code: positionals.join(' ') } : {}),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    },
  }
}
