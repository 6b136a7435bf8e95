/**
 * A test run in a live Chromium page, timed as an agent sees it: `POST /__daebug/api/tests/run`
 * → the NDJSON stream's last event (`test:summary`), through the real CLI server.
 */
import {
  launchBrowser,
  makeRoot,
  removeRoot,
  startServer,
  waitForRealms,
} from '../test/e2e/harness.js'

/** Wall times of `runs` runs (after `warmup` more) of a file with `tests` trivial tests. */
export async function timePageRuns(
  tests: number,
  runs: number,
  warmup: number,
): Promise<{ samples: number[]; problem?: string }> {
  const root = await makeRoot({
    'many.test.js': `import { test } from 'node:test'\nfor (let i = 0; i < ${tests}; i++) test(\`test \${i}\`, () => {})\n`,
  })
  const server = await startServer(root)
  const browser = await launchBrowser()
  const samples: number[] = []
  let problem: string | undefined
  try {
    await (await browser.newPage()).goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    for (let i = 0; i < warmup + runs; i++) {
      const start = performance.now()
      const response = await fetch(`${server.url}__daebug/api/tests/run`, {
        method: 'POST',
        body: JSON.stringify({ realm, files: ['many.test.js'] }),
      })
      const text = await response.text()
      const ms = performance.now() - start
      const last = JSON.parse(text.trimEnd().split('\n').at(-1) ?? '{}')
      const passed = last.data?.counts?.passed
      if (last.type !== 'test:summary' || passed !== tests)
        problem = `ended with ${last.type}, ${passed} passed`
      if (i >= warmup) samples.push(ms)
    }
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
  return problem ? { samples, problem } : { samples }
}
