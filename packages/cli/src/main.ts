/**
 * The `daebug` command's entry: parses arguments and dispatches (SPEC §9).
 */
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { derivePort } from '@daebug/server'
import { HELP, VERSION } from './help.js'

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
 * a usage error (one sentence and a hint on stderr).
 */
export async function main(argv: string[], output: Output = consoleOutput): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    output.err(`daebug: ${(error as Error).message}`)
    output.err('Run `daebug --help` for the options.')
    return 2
  }
  const { values } = parsed
  if (values.help) {
    output.out(HELP)
    return 0
  }
  if (values.version) {
    output.out(VERSION)
    return 0
  }
  const root = resolve(values.root ?? '.')
  const port = values.port ? Number(values.port) : derivePort(basename(root))
  output.err(
    `daebug ${VERSION}: serve mode is not in this build yet; it would serve ${root} at http://127.0.0.1:${port}/.`,
  )
  return 2
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      root: { type: 'string' },
      port: { type: 'string' },
    },
  })
}
