/** Small statistics for the bench scripts. */

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
