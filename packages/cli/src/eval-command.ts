/**
 * `daebug eval [--page NAME] CODE` (SPEC §9): runs code in a realm of the running server, logged
 * in the realm's log like any request (agent `cli`). The value goes to stdout (a string as it is,
 * anything else as the reply shows it), the console events and the error to stderr. Exit 0, 1
 * when the code threw, 2 when there is no server or no such realm (one line saying what to do).
 */
import { resolve } from 'node:path'
import { type EvalResult, selectRealm } from '@daebug/protocol'
import { findServer } from './find-server.js'
import type { Output } from './main.js'
import { UsageError } from './serve.js'
import { evaluateIn, RunProblem, realmsOf } from './server-client.js'

/** `eval` settings, already validated. */
export interface EvalSettings {
  root: string
  port?: number
  page?: string
  /** The code; undefined: read it from stdin. */
  code?: string
  timeoutMs?: number
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new UsageError('no code: give it as an argument (daebug eval "1 + 1") or on stdin.')
  }
  let text = ''
  for await (const chunk of process.stdin) text += chunk
  return text
}

/** Runs `daebug eval`; resolves with the exit code. */
export async function runEvalCommand(settings: EvalSettings, output: Output): Promise<number> {
  const code = settings.code ?? (await readStdin())
  if (!code.trim()) throw new UsageError('the code is empty.')
  const root = resolve(settings.root)
  const server = await findServer(root, settings.port)
  if (!server) {
    throw new RunProblem(
      `no Daebug server is running for ${root}: start one with \`daebug --root ${settings.root}\` and open its URL in a browser.`,
    )
  }
  let realm: string
  try {
    realm = selectRealm(await realmsOf(server), settings.page).name
  } catch (error) {
    throw new RunProblem((error as Error).message)
  }
  let result: EvalResult
  try {
    result = await evaluateIn(server, realm, {
      code,
      agent: 'cli',
      ...(settings.timeoutMs ? { timeout: settings.timeoutMs } : {}),
    })
  } catch (error) {
    // A time-out or a cancel: the code did not finish, which is a failure of the code.
    output.err(`daebug: ${(error as Error).message}`)
    return 1
  }
  for (const event of result.events) output.err(`${event.level}: ${event.text}`)
  if (result.omitted) output.err(`... (${result.omitted} more events omitted) ...`)
  if (!result.ok) {
    output.err(result.text)
    return 1
  }
  output.out(typeof result.value === 'string' ? result.value : result.text)
  return 0
}
