/**
 * SPEC §12, "a 10 MB log: round trip vs a 1 KB log", and its twin for the number of realms: how
 * the file round trip (an agent appends `1 + n` to a realm log → the reply is in the file) grows
 * (a) with the realm's history, built through the server by requests that return 50 KB strings
 * (so the log rotates past 1 MiB into `daebug/<realm>.<k>.md` archives, SPEC §2.9), and (b) with
 * the number of realms connected (pages and their workers in one headless Chromium). Targets: each
 * end point's median ≤ 1.5× its start point's. Exits non-zero when a target is missed.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import { appendFile, readdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  launchBrowser,
  logOf,
  makeRoot,
  removeRoot,
  startServer,
  waitForLog,
  waitForRealms,
} from '../test/e2e/harness.js'
import { measureRealm } from './round-trip.js'
import { ms, type Row, report, summary } from './stats.js'

const RUNS = Number(process.env.RUNS ?? 30)
const WARMUP = 5
/** History sizes measured at (bytes of the log plus its archives). */
const HISTORY = (process.env.HISTORY ?? '100000,1000000,10000000').split(',').map(Number)
/** Pages (each with its worker) opened beside the measured page, cumulatively. */
const PAGES = (process.env.PAGES ?? '10,100').split(',').map(Number)
/** How long the browser is left to settle after more realms connected. */
const SETTLE_MS = 5000
/** The length of the string each history-building request returns. */
const BIG = 50_000
/** Bytes of a realm's log and its archives. */
async function historyBytes(root: string, realm: string): Promise<number> {
  const log = logOf(realm)
  const folder = join(root, dirname(log))
  const base = log.slice(log.lastIndexOf('/') + 1, -'.md'.length)
  let total = 0
  for (const name of await readdir(folder))
    if (name === `${base}.md` || new RegExp(`^${base}\\.\\d+\\.md$`).test(name))
      total += (await stat(join(folder, name))).size
  return total
}

/** A size in KB or MB, as the rows name it. */
function size(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(0)} MB` : `${(bytes / 1e3).toFixed(0)} KB`
}

/**
 * The floor under a round trip's growth: the two crash-safe writes of the log it takes (accept,
 * reply), each a temp file written, fsynced and renamed over the log, as the server writes them.
 */
function measureWrites(root: string, bytes: number): number[] {
  const text = Buffer.alloc(bytes, 'x')
  const path = join(root, `floor-${bytes}.md`)
  const samples: number[] = []
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now()
    for (let write = 0; write < 2; write++) {
      const fd = openSync(`${path}.tmp`, 'w')
      writeSync(fd, text)
      fsyncSync(fd)
      closeSync(fd)
      renameSync(`${path}.tmp`, path)
    }
    if (i >= WARMUP) samples.push(performance.now() - start)
  }
  return samples
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`

/** (a) Round trips at growing history sizes, in one page realm. */
async function measureHistory(): Promise<Row[]> {
  const root = await makeRoot()
  const server = await startServer(root)
  const browser = await launchBrowser()
  const rows: Row[] = []
  try {
    await (await browser.newPage()).goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    const path = join(root, logOf(realm))
    const start = await historyBytes(root, realm)
    const base = summary(await measureRealm(root, realm, RUNS, WARMUP))
    rows.push({
      what: `round trip, ${size(start)} log (median)`,
      value: `${ms(base.median)} (p90 ${ms(base.p90)})`,
      compared: '-',
      ratio: '-',
      target: 'reported',
      pass: true,
    })
    let big = 0
    for (const target of HISTORY) {
      while ((await historyBytes(root, realm)) < target) {
        big++
        await appendFile(path, `\`\`\`js\n'${big}:' + 'x'.repeat(${BIG})\n\`\`\`\n`)
        await waitForLog(root, realm, `"${big}:xxxx`, 20_000)
      }
      const history = await historyBytes(root, realm)
      const log = (await stat(path)).size
      const point = summary(await measureRealm(root, realm, RUNS, WARMUP))
      const last = target === HISTORY.at(-1)
      rows.push({
        what: `round trip, ${size(history)} history, log ${mb(log)} (median)`,
        value: `${ms(point.median)} (p90 ${ms(point.p90)})`,
        compared: `${size(start)} log ${ms(base.median)}`,
        ratio: `${(point.median / base.median).toFixed(2)}×`,
        target: last ? '≤ 1.5×' : 'reported',
        pass: !last || point.median <= 1.5 * base.median,
      })
      if (!last) continue
      const small = summary(measureWrites(root, start))
      const large = summary(measureWrites(root, log))
      rows.push({
        what: `floor: 2 log writes (temp, fsync, rename), ${mb(log)}`,
        value: `${ms(large.median)} (p90 ${ms(large.p90)})`,
        compared: `${size(start)} ${ms(small.median)}`,
        ratio: `+${ms(large.median - small.median)}`,
        target: 'reported',
        pass: true,
      })
    }
    return rows
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
}

/** (b) Round trips in one page realm while more pages (each with its worker) connect. */
async function measureRealms(): Promise<Row[]> {
  const root = await makeRoot({
    // The measured page blocks its own worker, so it starts as the only realm.
    'alone.html':
      '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="worker-src \'none\'"><title>alone</title></head><body></body></html>',
  })
  const server = await startServer(root)
  const browser = await launchBrowser()
  const rows: Row[] = []
  try {
    const context = await browser.newContext()
    await (await context.newPage()).goto(`${server.url}alone.html`)
    const [realm] = (await waitForRealms(root)) as [string]
    const base = summary(await measureRealm(root, realm, RUNS, WARMUP))
    rows.push({
      what: 'round trip, 1 realm (median)',
      value: `${ms(base.median)} (p90 ${ms(base.p90)})`,
      compared: '-',
      ratio: '-',
      target: 'reported',
      pass: true,
    })
    let pages = 0
    for (const count of PAGES) {
      for (; pages < count; pages++) await (await context.newPage()).goto(server.url)
      await waitForRealms(root, count + 1, 120_000)
      await waitForRealms(root, count, 120_000, 'worker')
      // Measured with the realms connected and idle, not while the browser still loads them.
      await new Promise((done) => setTimeout(done, SETTLE_MS))
      const point = summary(await measureRealm(root, realm, RUNS, WARMUP))
      const last = count === PAGES.at(-1)
      rows.push({
        what: `round trip, ${2 * count + 1} realms (median)`,
        value: `${ms(point.median)} (p90 ${ms(point.p90)})`,
        compared: `1 realm ${ms(base.median)}`,
        ratio: `${(point.median / base.median).toFixed(2)}×`,
        target: last ? '≤ 1.5×' : 'reported',
        pass: !last || point.median <= 1.5 * base.median,
      })
    }
    return rows
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
}

const only = process.argv[2]
const rows = [
  ...(only === 'realms' ? [] : await measureHistory()),
  ...(only === 'history' ? [] : await measureRealms()),
]
report(`growth: ${RUNS} round trips per point (after ${WARMUP} warm-up runs)`, rows)
