/**
 * SPEC §12, "100 realms connected and idle": 50 pages in one headless Chromium (each creates its
 * web worker, so 100 realms) on the real CLI server. Measures the server process idle (CPU from
 * /proc/<pid>/stat, RSS from /proc/<pid>/status), then 1,000 HTTP evals round-robin across the
 * realms. Beside them, from the same run: a bare `node -e` HTTP server's RSS, and the eval
 * latencies with one page (two realms) connected. Exits non-zero when a target is missed.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { BrowserContext } from 'playwright-core'
import {
  freePort,
  launchBrowser,
  makeRoot,
  removeRoot,
  startServer,
  waitFor,
  waitForRealms,
} from '../test/e2e/harness.js'
import { ms, quantile, report } from './stats.js'

const PAGES = Number(process.env.PAGES ?? 50)
const EVALS = Number(process.env.EVALS ?? 1000)
const IDLE_MS = Number(process.env.IDLE_MS ?? 10_000)
/** Evals with one page connected, for the comparison (after as many warm-up evals). */
const BASELINE_EVALS = 200
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100

/** The CPU time (ms, user + system) a process has used so far. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

/** A process's resident set size in MB. */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(match?.[1]) / 1024
}

/** A process's CPU use over `duration` ms, as a percentage of one core. */
async function cpuPercent(pid: number, duration: number): Promise<number> {
  const cpu = cpuMs(pid)
  const start = performance.now()
  await new Promise((done) => setTimeout(done, duration))
  return ((cpuMs(pid) - cpu) / (performance.now() - start)) * 100
}

/** The floor: the RSS of a bare `node -e` HTTP server after it answered a few requests. */
async function floorRssMb(): Promise<number> {
  const port = await freePort()
  const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1', () => console.log('listening'))`
  const child: ChildProcess = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise((done) => child.once('exit', done))
  try {
    await new Promise((done) => child.stdout!.once('data', done))
    for (let i = 0; i < 20; i++) await (await fetch(`http://127.0.0.1:${port}/`)).text()
    await new Promise((done) => setTimeout(done, 500))
    return rssMb(child.pid!)
  } finally {
    child.kill()
    await exited
  }
}

/** Runs `count` evals of `1+1` round-robin across `realms` and returns each one's ms. */
async function evals(base: string, realms: string[], count: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const realm = realms[i % realms.length]!
    const start = performance.now()
    const res = await fetch(`${base}__daebug/api/realms/${encodeURIComponent(realm)}/eval`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: '1+1' }),
    })
    const reply = (await res.json()) as { ok?: boolean; value?: unknown; realm?: string }
    samples.push(performance.now() - start)
    if (!reply.ok || reply.value !== 2 || reply.realm !== realm)
      throw new Error(`eval in ${realm} answered ${res.status} ${JSON.stringify(reply)}`)
  }
  return samples
}

/** Opens `count` pages on `url`, spread over `contexts`, a few at a time. */
async function openPages(contexts: BrowserContext[], url: string, count: number, from = 0) {
  for (let i = from; i < from + count; i += 5) {
    const batch = Array.from({ length: Math.min(5, from + count - i) }, async (_, j) => {
      const page = await contexts[(i + j) % contexts.length]!.newPage()
      await page.goto(url)
    })
    await Promise.all(batch)
  }
}

const root = await makeRoot()
const server = await startServer(root)
const pid = server.process.pid!
const browser = await launchBrowser()
try {
  const floorRss = await floorRssMb()
  const contexts = await Promise.all(Array.from({ length: 5 }, () => browser.newContext()))
  await openPages(contexts, server.url, 1)
  const one = [
    ...(await waitForRealms(root, 1, 10_000)),
    ...(await waitForRealms(root, 1, 10_000, 'worker')),
  ]
  await evals(server.url, one, BASELINE_EVALS)
  const oneSamples = await evals(server.url, one, BASELINE_EVALS)
  await openPages(contexts, server.url, PAGES - 1, 1)
  const pages = await waitForRealms(root, PAGES, 60_000)
  const workers = await waitForRealms(root, PAGES, 60_000, 'worker')
  const all = [...pages, ...workers]
  // Let the connections' start-up work (registry writes, log headers) finish before measuring idle.
  await waitFor(
    'the server to settle',
    async () => (await cpuPercent(pid, 1000)) < 5,
    20_000,
  ).catch(() => {})
  const idleCpu = await cpuPercent(pid, IDLE_MS)
  const rss = rssMb(pid)
  await evals(server.url, all, all.length)
  const samples = await evals(server.url, all, EVALS)
  const afterEvalsRss = rssMb(pid)
  const oneMedian = quantile(oneSamples, 0.5)
  const oneP99 = quantile(oneSamples, 0.99)
  const median = quantile(samples, 0.5)
  const p99 = quantile(samples, 0.99)
  const n = all.length
  report(`realms-scale: ${PAGES} pages, ${n} realms, idle ${IDLE_MS / 1000} s, ${EVALS} evals`, [
    {
      what: `server CPU, ${n} realms idle ${IDLE_MS / 1000} s`,
      value: `${idleCpu.toFixed(2)}%`,
      compared: '-',
      ratio: '-',
      target: '< 2% of a core',
      pass: idleCpu < 2,
    },
    {
      what: `server RSS, ${n} realms idle`,
      value: `${rss.toFixed(0)} MB (${afterEvalsRss.toFixed(0)} after evals)`,
      compared: `bare node http ${floorRss.toFixed(0)} MB`,
      ratio: `${(rss / floorRss).toFixed(1)}×`,
      target: '< 150 MB',
      pass: rss < 150 && afterEvalsRss < 150,
    },
    {
      what: `HTTP eval across ${n} realms (median)`,
      value: ms(median),
      compared: `2 realms ${ms(oneMedian)}`,
      ratio: `${(median / oneMedian).toFixed(2)}×`,
      target: 'reported',
      pass: true,
    },
    {
      what: `HTTP eval across ${n} realms (p99)`,
      value: ms(p99),
      compared: `2 realms ${ms(oneP99)}`,
      ratio: `${(p99 / oneP99).toFixed(2)}×`,
      target: '≤ 50 ms',
      pass: p99 <= 50,
    },
  ])
} finally {
  await browser.close()
  await server.stop()
  await removeRoot(root)
}
