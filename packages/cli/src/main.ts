/**
 * The `daebug` command's entry: parses arguments and dispatches (SPEC §9).
 */
import { parseArgs } from 'node:util'
import { HELP, VERSION } from './help.js'
import { parseArgsOptions, SERVE_OPTIONS } from './options.js'
import { type ServeSettings, serve, UsageError } from './serve.js'

/** Where the command writes: stdout for data, stderr for diagnostics. */
export interface Output {
  out: (text: string) => void
  err: (text: string) => void
}

const consoleOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}

/**
 * Runs the `daebug` command with the given arguments and returns its exit code: 0 on success, 2 on
 * a usage error (one sentence and a hint on stderr), 1 on an internal error.
 */
export async function main(argv: string[], output: Output = consoleOutput): Promise<number> {
  try {
    const command = parseServeArgs(argv)
    if (command.type === 'help') {
      output.out(HELP)
      return 0
    }
    if (command.type === 'version') {
      output.out(VERSION)
      return 0
    }
    const serving = await serve(command.settings, output)
    const stop = () => void serving.shutdown()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    const code = await serving.done
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    return code
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as NodeJS.ErrnoException)?.code?.startsWith('ERR_PARSE_ARGS')
    if (!usage) {
      output.err(`daebug: internal error (please report): ${(error as Error)?.stack ?? error}`)
      return 1
    }
    output.err(`daebug: ${(error as Error).message}`)
    output.err('Run `daebug --help` for the options.')
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
    allowedHosts: (values['allowed-host'] as string[] | undefined) ?? [],
    allowOrigins: (values['allow-origin'] as string[] | undefined) ?? [],
    worker: values['no-worker'] !== true,
    logFormat,
  }
}
