/**
 * `POST /__daebug/api/tests/run` (SPEC §4.1): runs test files in a realm as a logged request, and
 * streams the run's events as NDJSON — `{type, runId, realm, id?, data}` per line, node's event
 * names and fields — ending with the run's `test:summary`. A run the realm never finished (it
 * disconnected, the watchdog ended it, its code failed before the run began) ends with a
 * `test:diagnostic` saying why and a `test:summary` with `success: false` and `aborted: <why>`
 * (Daebug's field; node has no such case).
 */
import {
  DaebugError,
  isDaebugError,
  selectRealm,
  type TestEvent,
  type TestsRunRequest,
  validateTestsRunRequest,
} from '@daebug/protocol'
import type { Hono } from 'hono'
import type { DaebugCore } from './core.js'
import { discoverTestFiles } from './discovery.js'
import type { HostFs } from './host.js'
import type { JobOutcome } from './realm.js'
import { testBodyLimit } from './test-api.js'
import { createTestIds, type JobTestRun } from './test-run-log.js'

/** What the route needs. */
export interface TestRunApiOptions {
  core: DaebugCore
  root: string
  fs: HostFs
}

const RUNNER_URL = '/__daebug/modules/test-runner/index.js'

/** The code a realm runs for a request: `run()` with the request's selection. */
export function runCode(request: TestsRunRequest): string {
  const { files, testNamePatterns, only, timeout } = request
  const options = {
    ...(files ? { files } : {}),
    ...(testNamePatterns ? { testNamePatterns } : {}),
    ...(only ? { only } : {}),
    ...(timeout ? { timeout } : {}),
  }
  const args = Object.keys(options).length ? JSON.stringify(options) : ''
  return `(await import('${RUNNER_URL}')).run(${args})`
}

async function readRequest(text: string): Promise<TestsRunRequest> {
  let body: unknown = {}
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      throw new DaebugError(
        'BAD_MESSAGE',
        'The body is not JSON: send {"realm"?, "files"?, "testNamePatterns"?, "only"?, "timeout"?}.',
      )
    }
  }
  const checked = validateTestsRunRequest(body)
  if (!checked.ok) throw new DaebugError(checked.code, checked.error)
  return checked.value
}

function ended(run: JobTestRun | undefined, outcome: JobOutcome, now: number): TestEvent[] {
  const summary = run?.summary(now)
  const counts = {
    tests: summary?.total ?? 0,
    suites: 0,
    passed: summary?.passed ?? 0,
    failed: summary?.failed ?? 0,
    cancelled: summary?.cancelled ?? 0,
    skipped: summary?.skipped ?? 0,
    todo: summary?.todo ?? 0,
    topLevel: 0,
  }
  return [
    { type: 'test:diagnostic', data: { nesting: 0, message: outcome.text } },
    {
      type: 'test:summary',
      data: {
        counts,
        duration_ms: summary?.durationMs ?? 0,
        success: false,
        aborted: outcome.text,
      },
    },
  ]
}

/** Adds `POST /__daebug/api/tests/run`. */
export function mountTestRunApi(app: Hono, options: TestRunApiOptions): void {
  const { core } = options
  const realmInfos = () => [...core.realms.values()].map((realm) => core.realmInfo(realm))
  app.post('/__daebug/api/tests/run', testBodyLimit, async (c) => {
    let request: TestsRunRequest
    try {
      request = await readRequest(await c.req.text())
      const found = await discoverTestFiles({
        fs: options.fs,
        root: options.root,
        ...(request.files ? { files: request.files } : {}),
      })
      if (!found.length) {
        const which = request.files ? ` for ${request.files.join(' ')}` : ''
        throw new DaebugError('BAD_MESSAGE', `No test files found${which}.`)
      }
    } catch (error) {
      if (!isDaebugError(error)) throw error
      return c.json(error.toErrorBody(), error.status as 400)
    }
    let realmName: string
    try {
      realmName = selectRealm(realmInfos(), request.realm).name
    } catch (error) {
      if (!isDaebugError(error)) throw error
      return c.json(error.toErrorBody(), 404)
    }
    const realm = core.realms.get(realmName)!
    const encoder = new TextEncoder()
    let run: JobTestRun | undefined
    let listener: ((event: TestEvent) => void) | undefined
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const ids = createTestIds()
        // A realm's batch of events is one chunk of the response, not one chunk per event.
        let pending = ''
        const flush = (): void => {
          if (!pending) return
          const chunk = encoder.encode(pending)
          pending = ''
          try {
            controller.enqueue(chunk)
          } catch {}
        }
        const write = (event: TestEvent): void => {
          const id = ids(event)
          const line = {
            type: event.type,
            runId: job.id,
            realm: realm.name,
            ...(id ? { id } : {}),
            data: event.data,
          }
          if (!pending) queueMicrotask(flush)
          pending += `${JSON.stringify(line)}\n`
        }
        const job = core.submit(realm, {
          code: runCode(request),
          transport: 'http',
          runsTests: true,
          onTestRun: (started) => {
            run = started
            listener = write
            started.listeners.add(write)
          },
        })
        void job.outcome.then((result) => {
          if (!run?.hasSummary || result.code) {
            for (const event of ended(run, result, core.options.host.now())) write(event)
          }
          flush()
          try {
            controller.close()
          } catch {}
        })
      },
      cancel() {
        if (listener) run?.listeners.delete(listener)
      },
    })
    return c.body(body, 200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
    })
  })
}
