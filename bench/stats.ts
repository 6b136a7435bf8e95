/** Small statistics for the bench scripts, and their one way of reporting. */
import { appendFileSync } from 'node:fs'

/** The q-quantile (0–1) of samples, by nearest rank. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
  )
}

/** Median and p90 of samples, rounded to 0.1 ms. */
export function summary(samples: number[]): { median: number; p90: number } {
  const round = (n: number) => Math.round(n * 10) / 10
  return { median: round(quantile(samples, 0.5)), p90: round(quantile(samples, 0.9)) }
}

/** One row of a bench table. */
export interface Row {
  what: string
  value: string
  compared: string
  ratio: string
  target: string
  pass: boolean
}

/** Prints rows as an aligned table and returns whether every row passed. */
export function printTable(rows: Row[]): boolean {
  const header: Row = {
    what: 'what',
    value: 'measured',
    compared: 'compared with',
    ratio: 'ratio',
    target: 'target',
    pass: true,
  }
  const cells = (row: Row) => [
    row.what,
    row.value,
    row.compared,
    row.ratio,
    row.target,
    row === header ? 'result' : row.pass ? 'pass' : 'FAIL',
  ]
  const all = [header, ...rows].map(cells)
  const widths = all[0]!.map((_, i) => Math.max(...all.map((cols) => cols[i]!.length)))
  for (const cols of all)
    console.log(
      cols
        .map((col, i) => col.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
  return rows.every((row) => row.pass)
}

/** The file `all.ts` collects every script's rows in (JSON lines), when it runs them. */
export const ROWS_FILE_ENV = 'DAEBUG_BENCH_ROWS'

/**
 * Prints a script's title and table, hands its rows to `all.ts` when it runs the script, and
 * sets the exit code: non-zero when a row missed its target.
 * @example
 * report('startup: 20 runs each', rows)
 */
export function report(title: string, rows: Row[]): void {
  console.log(`${title}, ${new Date().toISOString()}\n`)
  const ok = printTable(rows)
  const file = process.env[ROWS_FILE_ENV]
  if (file) appendFileSync(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(''))
  if (!ok) process.exitCode = 1
}

/** `n` ms with `digits` decimals. */
export function ms(n: number, digits = 1): string {
  return `${n.toFixed(digits)} ms`
}
