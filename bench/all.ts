/**
 * `npm run bench`: runs every bench script in turn (never two at once: they measure time), then
 * prints all their rows as one table. Exits non-zero when a script failed or a row missed its
 * target.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { printTable, ROWS_FILE_ENV, type Row } from './stats.js'

const SCRIPTS = [
  'preview.ts',
  'repl-latency.ts',
  'test-throughput.ts',
  'realms-scale.ts',
  'startup.ts',
  'report-size.ts',
  'growth.ts',
  'browsers.ts',
]

const only = process.argv.slice(2)
const file = join(tmpdir(), `daebug-bench-${process.pid}.jsonl`)
const failed: string[] = []
for (const script of SCRIPTS.filter((name) => !only.length || only.includes(name))) {
  console.log(`\n== ${script}`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: import.meta.dirname,
    stdio: 'inherit',
    env: { ...process.env, [ROWS_FILE_ENV]: file },
  })
  if (run.status !== 0) failed.push(`${script} (exit ${run.status ?? run.signal})`)
}
let rows: Row[] = []
try {
  rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row)
} catch {}
rmSync(file, { force: true })
const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`
console.log(`\n== all rows, ${new Date().toISOString().slice(0, 10)}, ${machine}\n`)
const ok = printTable(rows)
if (failed.length) console.log(`\nfailed: ${failed.join(', ')}`)
process.exitCode = ok && !failed.length ? 0 : 1
