/**
 * The realm routes of the HTTP API (SPEC §4.1): list the realms, read the registry and a realm's
 * log, evaluate code in a realm (logged like a file request, answered with the result), append a
 * raw Markdown chunk to a log, cancel a realm's running job. Realms are named as SPEC §4 says:
 * exact name, else part of a name, URL or title.
 */
import {
  DaebugError,
  type EvalResult,
  errorBody,
  HTTP_STATUS,
  isDaebugError,
  type JsonValue,
  LIMITS,
  realmLogPath,
  validateEvalRequest,
} from '@daebug/protocol'
import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { DaebugCore } from './core.js'
import { joinPath } from './host.js'
import type { JobOutcome, RealmRecord } from './realm.js'

/** What the routes need. */
export interface RealmApiOptions {
  core: DaebugCore
  root: string
}

const API = '/__daebug/api'

const limit = bodyLimit({
  maxSize: LIMITS.message,
  onError: (c) =>
    c.json(
      errorBody('TOO_LARGE', `The request body is over ${LIMITS.message} bytes (8 MiB).`),
      413,
    ),
})

function answerError(c: Context, error: unknown): Response {
  if (!isDaebugError(error)) throw error
  return c.json(error.toErrorBody(), error.status as 400)
}

/** The answer to an eval, from the job's outcome (SPEC §4.3). */
export function evalResult(realm: string, outcome: JobOutcome): EvalResult {
  return {
    realm,
    ok: outcome.ok,
    ...(outcome.value === undefined ? {} : { value: JSON.parse(outcome.value) as JsonValue }),
    text: outcome.text,
    ...(outcome.error ? { error: outcome.error } : {}),
    durationMs: outcome.durationMs ?? 0,
    events: outcome.events,
    ...(outcome.omitted ? { omitted: outcome.omitted } : {}),
  }
}

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new DaebugError(
      'BAD_MESSAGE',
      'The body is not JSON: send {"code": "1 + 1", "timeout"?: ms, "agent"?: "name"}.',
    )
  }
}

/** Adds the realm routes to `app`. */
export function mountRealmApi(app: Hono, options: RealmApiOptions): void {
  const { core } = options
  const infos = () => [...core.realms.values()].map((realm) => core.realmInfo(realm))
  const connected = (name: string): RealmRecord => core.selectRealm(name)

  app.get(`${API}/realms`, (c) =>
    c.json({ realms: infos().sort((a, b) => b.lastSeen - a.lastSeen) }),
  )

  app.get(`${API}/registry`, async (c) => {
    const text = await core.options.host.fs.readText(joinPath(options.root, 'daebug.md'))
    return c.text(text ?? '', 200, { 'content-type': 'text/markdown; charset=utf-8' })
  })

  app.get(`${API}/realms/:name/log`, async (c) => {
    const name = c.req.param('name')
    const tail = c.req.query('tail')
    if (tail !== undefined && !/^\d{1,9}$/.test(tail)) {
      return c.json(
        errorBody('BAD_MESSAGE', `?tail must be a number of lines, got '${tail}'.`),
        400,
      )
    }
    try {
      // A disconnected realm's log, and one from an earlier run of the server, can still be read.
      const known = core.realms.get(name) ?? connected(name)
      // Answers are given before their log write lands: the log read here has them.
      await known.log.settled()
      const text = (await core.options.host.fs.readText(known.log.path)) ?? ''
      return c.text(tail === undefined ? text : lastLines(text, Number(tail)), 200, {
        'content-type': 'text/markdown; charset=utf-8',
      })
    } catch (error) {
      const saved = await core.options.host.fs.readText(joinPath(options.root, realmLogPath(name)))
      if (saved === undefined) return answerError(c, error)
      return c.text(tail === undefined ? saved : lastLines(saved, Number(tail)), 200, {
        'content-type': 'text/markdown; charset=utf-8',
      })
    }
  })

  app.post(`${API}/realms/:name/eval`, limit, async (c) => {
    try {
      const checked = validateEvalRequest(await jsonBody(c))
      if (!checked.ok) throw new DaebugError(checked.code, checked.error)
      const realm = connected(c.req.param('name'))
      const { code, timeout, agent } = checked.value
      const job = core.submit(realm, {
        code,
        transport: 'http',
        ...(agent ? { agent } : {}),
        ...(timeout ? { timeoutMs: timeout } : {}),
      })
      const outcome = await job.outcome
      if (outcome.code === 'TIMEOUT' || outcome.code === 'CANCELLED') {
        return c.json(errorBody(outcome.code, outcome.text), HTTP_STATUS[outcome.code] as 504)
      }
      return c.json(evalResult(realm.name, outcome))
    } catch (error) {
      return answerError(c, error)
    }
  })

  app.post(`${API}/realms/:name/append`, limit, async (c) => {
    try {
      const realm = connected(c.req.param('name'))
      const chunk = await c.req.text()
      if (chunk.length > LIMITS.code * 2) {
        throw new DaebugError(
          'TOO_LARGE',
          'The chunk is over 2 MiB; a request holds 1 MiB of code.',
        )
      }
      const jobs = await core.append(realm, chunk)
      return c.json({ realm: realm.name, jobs: jobs.map((job) => job.id) })
    } catch (error) {
      return answerError(c, error)
    }
  })

  app.post(`${API}/realms/:name/cancel`, async (c) => {
    try {
      const realm = connected(c.req.param('name'))
      const agent = c.req.query('agent') ?? 'http'
      const job = core.cancel(realm, agent)
      return c.json(
        job
          ? { cancelled: true, realm: realm.name, jobId: job.id }
          : { cancelled: false, realm: realm.name, message: `No job is running in ${realm.name}.` },
      )
    } catch (error) {
      return answerError(c, error)
    }
  })
}

function lastLines(text: string, count: number): string {
  const lines = text.split('\n')
  const end = lines.at(-1) === '' ? lines.length - 1 : lines.length
  return `${lines.slice(Math.max(0, end - count), end).join('\n')}\n`
}
