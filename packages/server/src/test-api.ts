/**
 * The test routes of the HTTP API (SPEC §4.1): `POST /__daebug/api/tests/discover` finds the test
 * files a run would import (SPEC §5.3) and answers their URLs.
 */
import { DaebugError, isDaebugError } from '@daebug/protocol'
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { discoverTestFiles, testFileUrl } from './discovery.js'
import type { HostFs } from './host.js'

/** A discovery request is a few globs: anything near this size is a mistake. */
const MAX_BODY_BYTES = 64 * 1024

/** What the test routes need. */
export interface TestApiOptions {
  root: string
  fs: HostFs
}

/** Adds `POST /__daebug/api/tests/discover`: `{files?, exclude?}` → `{files: [url…]}`. */
/** Refuses a test request's body over 64 KiB with 413 `TOO_LARGE`. */
export const testBodyLimit: MiddlewareHandler = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) =>
    c.json(
      new DaebugError(
        'TOO_LARGE',
        `The request body is over ${MAX_BODY_BYTES} bytes.`,
      ).toErrorBody(),
      413,
    ),
})

export function mountTestApi(app: Hono, options: TestApiOptions): void {
  app.post('/__daebug/api/tests/discover', testBodyLimit, async (c) => {
    try {
      const body = await readBody(c)
      const files = await discoverTestFiles({
        fs: options.fs,
        root: options.root,
        ...stringList(body, 'files'),
        ...stringList(body, 'exclude'),
      })
      return c.json({ files: files.map(testFileUrl) })
    } catch (error) {
      if (!isDaebugError(error)) throw error
      return c.json(error.toErrorBody(), error.status as 400)
    }
  })
}

async function readBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new DaebugError(
      'BAD_MESSAGE',
      'The body is not JSON: send {"files": ["src/**/*.test.js"], "exclude": [...]} (both optional).',
    )
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DaebugError('BAD_MESSAGE', 'The body must be a JSON object: {"files"?, "exclude"?}.')
  }
  return body as Record<string, unknown>
}

function stringList(
  body: Record<string, unknown>,
  key: 'files' | 'exclude',
): { files?: string[] } | { exclude?: string[] } {
  const value = body[key]
  if (value === undefined) return {}
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw new DaebugError(
      'BAD_MESSAGE',
      `"${key}" must be a path or glob, or an array of them (strings), not ${JSON.stringify(value)}.`,
    )
  }
  return { [key]: list }
}
