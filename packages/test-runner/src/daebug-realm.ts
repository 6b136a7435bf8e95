/**
 * A run inside a Daebug realm (SPEC §5.2, §5.3). The runner knows it is in one from where it was
 * loaded: a Daebug server serves it at `/__daebug/modules/test-runner/`. There a run's `files`
 * are paths, URL paths or globs that the server resolves, no `files` means every test file of the
 * project, and a worker imports the files from `/__daebug/w/`, where the server rewrites their
 * specifiers (workers have no import maps). Nothing is added to the realm's globals.
 */
import type { RunEnvironment } from './test-files.js'

const RUNNER_PATH = '/__daebug/modules/test-runner/'
const DISCOVER_PATH = '/__daebug/api/tests/discover'
const WORKER_FILES_PATH = '/__daebug/w'

/** The origin of the Daebug server that served `moduleUrl`, if one did. */
export function daebugServerOf(moduleUrl: string): string | undefined {
  try {
    const url = new URL(moduleUrl)
    if (!/^https?:$/.test(url.protocol) || !url.pathname.startsWith(RUNNER_PATH)) return undefined
    return url.origin
  } catch {
    return undefined
  }
}

type Fetch = (
  url: string,
  init: { method: string; body: string },
) => Promise<{
  ok: boolean
  json(): Promise<unknown>
}>

/**
 * How a run in a Daebug realm finds its files: the server's discovery, each file as the URL this
 * realm imports it from.
 */
export function daebugEnvironment(
  origin: string,
  inWorker: boolean,
  fetcher: Fetch = fetch as unknown as Fetch,
): Pick<RunEnvironment, 'resolveFiles' | 'findAllFiles'> {
  const resolveFiles = async (files: string[]): Promise<string[]> => {
    const answer = await fetcher(`${origin}${DISCOVER_PATH}`, {
      method: 'POST',
      body: JSON.stringify(files.length > 0 ? { files } : {}),
    })
    const body = (await answer.json()) as { files?: string[]; error?: { message?: string } }
    if (!answer.ok || !Array.isArray(body.files)) {
      const why = body.error?.message ?? `the server answered ${JSON.stringify(body)}`
      throw new Error(`The test files could not be found: ${why}`)
    }
    return body.files.map((url) => `${origin}${inWorker ? WORKER_FILES_PATH : ''}${url}`)
  }
  return { resolveFiles, findAllFiles: () => resolveFiles([]) }
}
