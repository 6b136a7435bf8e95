/**
 * The CLI's side of the server's HTTP API (SPEC §4.1), shared by `--test`, `eval` and `mcp`: the
 * realms, an eval, and a test run's NDJSON stream shown as the project's (paths without the
 * worker prefix, stacks without the frames of Daebug's runtime modules).
 */
import type { EvalResult, RealmInfo, TestEvent, TestsRunRequest } from '@daebug/protocol'
import { authHeaders, type FoundServer } from './find-server.js'
import { UsageError } from './serve.js'

/** A problem of the request, not of the command's options: no `--help` hint after it. */
export class RunProblem extends UsageError {
  constructor(message: string) {
    super(message, null)
  }
}

async function answerOf<T>(server: FoundServer, response: Response): Promise<T> {
  const body = (await response.json().catch(() => undefined)) as
    | (T & { error?: { message?: string } })
    | undefined
  if (response.ok && body !== undefined) return body
  throw new RunProblem(body?.error?.message ?? `${server.url} answered ${response.status}.`)
}

/** The server's realms, most recently active first. */
export async function realmsOf(server: FoundServer): Promise<RealmInfo[]> {
  const response = await fetch(new URL('/__daebug/api/realms', server.url), {
    headers: authHeaders(server),
  })
  return (await answerOf<{ realms: RealmInfo[] }>(server, response)).realms
}

/**
 * Evaluates code in `realm` (logged there as `agent`'s request). A time-out or a cancel is a
 * `RunProblem`; code that threw is a result with `ok: false`.
 */
export async function evaluateIn(
  server: FoundServer,
  realm: string,
  request: { code: string; agent: string; timeout?: number },
): Promise<EvalResult> {
  const url = new URL(`/__daebug/api/realms/${encodeURIComponent(realm)}/eval`, server.url)
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(server) },
    body: JSON.stringify(request),
  })
  return answerOf<EvalResult>(server, response)
}

/**
 * Shows an event as the project's: files a worker imported from `/__daebug/w/` by their own URL,
 * and error stacks without the frames of Daebug's runtime modules (as node's own are internal).
 */
export function projectEvent(line: string, origin: string): TestEvent {
  const event = JSON.parse(line.replaceAll(`${origin}/__daebug/w/`, `${origin}/`)) as TestEvent
  const tidy = (error: unknown): void => {
    if (typeof error !== 'object' || error === null) return
    const record = error as { stack?: unknown; cause?: unknown }
    if (typeof record.stack === 'string') {
      const runtime = `${origin}/__daebug/`
      record.stack = record.stack
        .split('\n')
        .filter((frame) => !(frame.trimStart().startsWith('at ') && frame.includes(runtime)))
        .join('\n')
    }
    tidy(record.cause)
  }
  tidy((event.data as { details?: { error?: unknown } }).details?.error)
  return event
}

async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let pending = ''
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true })
    const parts = pending.split('\n')
    pending = parts.pop()!
    yield* parts
  }
  if (pending) yield pending
}

/** Runs tests through `POST /__daebug/api/tests/run`, calling `onEvent` with each event. */
export async function streamTests(
  server: FoundServer,
  request: TestsRunRequest,
  signal: AbortSignal | undefined,
  onEvent: (event: TestEvent) => void,
): Promise<void> {
  const response = await fetch(new URL('/__daebug/api/tests/run', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(server) },
    body: JSON.stringify(request),
    ...(signal ? { signal } : {}),
  })
  if (!response.ok || !response.body) await answerOf(server, response)
  const origin = new URL(server.url).origin
  for await (const line of lines(response.body!)) {
    if (line.trim()) onEvent(projectEvent(line, origin))
  }
}

/** The test files a run of `files` (paths or globs; none: Node's patterns) would import, as URL paths. */
export async function discoverTests(
  server: FoundServer,
  files: readonly string[],
): Promise<string[]> {
  const response = await fetch(new URL('/__daebug/api/tests/discover', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(server) },
    body: JSON.stringify(files.length ? { files } : {}),
  })
  return (await answerOf<{ files: string[] }>(server, response)).files
}
