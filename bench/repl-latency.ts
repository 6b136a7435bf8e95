/**
 * SPEC §12, first three rows: the file round trip (an agent saves `1+1` below the footer → the
 * reply is in the file) with one tab and with ten tabs open, beside the floor measured in the same
 * run (a bare fs-watch event plus one loopback HTTP round trip); and the HTTP eval round trip,
 * beside a bare HTTP → WebSocket → page floor (eval-floor.ts). Exits non-zero when a target is
 * missed.
 */
import { watch } from 'node:fs'
import { appendFile, writeFile } from 'node:fs/promises'
import { createServer, request } from 'node:http'
import { join } from 'node:path'
import {
  launchBrowser,
  makeRoot,
  removeRoot,
  startServer,
  waitForRealms,
} from '../test/e2e/harness.js'
import { measureEvalFloor } from './eval-floor.js'
import { closeConnections, postJson } from './http-post.js'
import { measureRealm } from './round-trip.js'
import { ms, report, summary } from './stats.js'

const RUNS = 50
const WARMUP = 5

/** HTTP eval round trips (`POST /__daebug/api/realms/:name/eval` of `1 + n`), answer checked. */
async function measureHttpEval(url: string, realm: string, runs: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < WARMUP + runs; i++) {
    const start = performance.now()
    const answer = (await postJson(
      `${url}__daebug/api/realms/${realm}/eval`,
      JSON.stringify({ code: `1 + ${i}` }),
    )) as { value?: unknown }
    const ms = performance.now() - start
    if (answer.value !== 1 + i)
      throw new Error(`eval of 1 + ${i} answered ${JSON.stringify(answer)}`)
    if (i >= WARMUP) samples.push(ms)
  }
  return samples
}

/** The floor: write a file, get its fs-watch event, do one loopback HTTP round trip. */
async function measureFloor(root: string, runs: number): Promise<number[]> {
  const server = createServer((_req, res) => res.end('ok'))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()))
  const port = (server.address() as { port: number }).port
  const path = join(root, 'floor.txt')
  await writeFile(path, '')
  const samples: number[] = []
  for (let i = 0; i < WARMUP + runs; i++) {
    const ms = await new Promise<number>((resolve) => {
      const start = performance.now()
      const watcher = watch(path, () => {
        watcher.close()
        const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
          res.resume()
          res.on('end', () => resolve(performance.now() - start))
        })
        req.end()
      })
      void appendFile(path, 'x')
    })
    if (i >= WARMUP) samples.push(ms)
  }
  server.close()
  return samples
}

const root = await makeRoot()
const server = await startServer(root)
const browser = await launchBrowser()
try {
  const floor = summary(await measureFloor(root, RUNS))
  const context = await browser.newContext()
  await (await context.newPage()).goto(server.url)
  const [first] = (await waitForRealms(root, 1)) as [string]
  const one = summary(await measureRealm(root, first, RUNS, WARMUP))
  const http = summary(await measureHttpEval(server.url, first, RUNS))
  const evalFloor = summary(await measureEvalFloor(browser, RUNS, WARMUP))
  for (let i = 1; i < 10; i++) await (await context.newPage()).goto(server.url)
  await waitForRealms(root, 10, 30_000)
  const ten = summary(await measureRealm(root, first, RUNS, WARMUP))
  report(`repl-latency: ${RUNS} runs each (after ${WARMUP} warm-up runs)`, [
    {
      what: 'floor: fs-watch event + loopback HTTP',
      value: `${ms(floor.median)} (p90 ${ms(floor.p90)})`,
      compared: '-',
      ratio: '-',
      target: 'reported',
      pass: true,
    },
    {
      what: 'file round trip, 1 tab (median)',
      value: ms(one.median),
      compared: `floor ${ms(floor.median)}`,
      ratio: `${(one.median / floor.median).toFixed(1)}×`,
      target: '≤ 15 ms',
      pass: one.median <= 15,
    },
    {
      what: 'file round trip, 1 tab (p90)',
      value: ms(one.p90),
      compared: `floor ${ms(floor.p90)}`,
      ratio: `${(one.p90 / floor.p90).toFixed(1)}×`,
      target: '≤ 30 ms',
      pass: one.p90 <= 30,
    },
    {
      what: 'floor: bare HTTP → WebSocket → page eval → back',
      value: `${ms(evalFloor.median)} (p90 ${ms(evalFloor.p90)})`,
      compared: '-',
      ratio: '-',
      target: 'reported',
      pass: true,
    },
    {
      what: 'HTTP eval round trip, 1 tab (median)',
      value: `${ms(http.median)} (p90 ${ms(http.p90)})`,
      compared: `floor ${ms(evalFloor.median)}`,
      ratio: `${(http.median / evalFloor.median).toFixed(1)}×`,
      target: '≤ 3 ms',
      pass: http.median <= 3,
    },
    {
      what: 'file round trip, 10 tabs (median)',
      value: ms(ten.median),
      compared: `1 tab ${ms(one.median)}`,
      ratio: `${(ten.median / one.median).toFixed(2)}×`,
      target: '≤ 2× and ≤ 50 ms',
      pass: ten.median <= 2 * one.median && ten.median <= 50,
    },
  ])
} finally {
  closeConnections()
  await browser.close()
  await server.stop()
  await removeRoot(root)
}
