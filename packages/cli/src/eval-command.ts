/**
 * `daebug eval [--page NAME] CODE` (SPEC §9): runs code in a realm of the running server, logged
 * in the realm's log like any request (agent `cli`). The value goes to stdout (a string as it is,
 * anything else as the reply shows it), the console events and the error to stderr. Exit 0, 1
 * when the code threw, 2 when there is no server or no such realm (one line saying what to do).
 */
import { resolve } from 'node:path'
import { type EvalResult, type RealmInfo, selectRealm } from '@daebug/protocol'
import { authHeaders, findServer } from './find-server.js'
import type { Output } from './main.js'
import { UsageError } from './serve.js'

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

async function answerOf(response: Response): Promise<unknown> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } }
    | undefined
  if (response.ok) return body
  throw new UsageError(body?.error?.message ?? `the server answered ${response.status}.`, null)
}

/** Runs `daebug eval`; resolves with the exit code. */
export async function runEvalCommand(settings: EvalSettings, output: Output): Promise<number> {
  const code = settings.code ?? (await readStdin())
  if (!code.trim()) throw new UsageError('the code is empty.')
  const root = resolve(settings.root)
  const server = await findServer(root, settings.port)
  if (!server) {
    throw new UsageError(
      `no Daebug server is running for ${root}: start one with \`daebug --root ${settings.root}\` and open its URL in a browser.`,
      null,
    )
  }
  const headers = { 'content-type': 'application/json', ...authHeaders(server) }
  const { realms } = (await answerOf(
    await fetch(new URL('/__daebug/api/realms', server.url), { headers }),
  )) as { realms: RealmInfo[] }
  let realm: string
  try {
    realm = selectRealm(realms, settings.page).name
  } catch (error) {
    throw new UsageError((error as Error).message, null)
  }
  const url = new URL(`/__daebug/api/realms/${encodeURIComponent(realm)}/eval`, server.url)
  const body = {
    code,
    agent: 'cli',
    ...(settings.timeoutMs ? { timeout: settings.timeoutMs } : {}),
  }
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
  if (response.status === 504 || response.status === 409) {
    output.err(
      `daebug: ${((await response.json()) as { error: { message: string } }).error.message}`,
    )
    return 1
  }
  const result = (await answerOf(response)) as EvalResult
  for (const event of result.events) output.err(`${event.level}: ${event.text}`)
  if (result.omitted) output.err(`... (${result.omitted} more events omitted) ...`)
  if (!result.ok) {
    output.err(result.text)
    return 1
  }
  output.out(typeof result.value === 'string' ? result.value : result.text)
  return 0
}
