/**
 * SPEC §12: 10,000 trivial tests in Node, whole processes, each printing dot-style output:
 * @daebug/test-runner (a file that runs itself, `node --test-reporter=dot file.mjs`),
 * `node --test --test-reporter=dot`, and uvu (whose own report is a dot per test), side by side in
 * one run. Targets: ours ≤ 1.5× uvu's time, and ≥ 10× faster than `node --test`. Exits non-zero
 * when a target is missed or a process did not run all 10,000 tests. Ours with the spec reporter
 * is reported beside them: spec shows where failing tests were declared, so every test records
 * its caller's line, which dot does not need (docs/test-runner-differences.md, "Speed").
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { timePageRuns } from './page-run.js'
import { quantile, type Row, report } from './stats.js'

const TESTS = 10_000
const RUNS = 5
const WARMUP = 1
const TARGET_VS_UVU = 1.5
const TARGET_VS_NODE = 10
const PAGE_TARGET_MS = 1500

interface Contender {
  name: string
  args: string[]
  /** The character its report prints per passing test. */
  dot: string
}

const loop = `for (let i = 0; i < ${TESTS}; i++) test(\`test \${i}\`, () => {})\n`
const folder = mkdtempSync(join(tmpdir(), 'daebug-throughput-'))
const write = (name: string, source: string) => {
  writeFileSync(join(folder, name), source)
  return join(folder, name)
}
const ours = write(
  'ours.mjs',
  `import { test } from ${JSON.stringify(import.meta.resolve('@daebug/test-runner'))}\n${loop}`,
)
const contenders: Contender[] = [
  { name: '@daebug/test-runner', args: ['--test-reporter=dot', ours], dot: '.' },
  { name: 'ours, spec', args: ['--test-reporter=spec', ours], dot: '✔' },
  {
    name: 'node --test',
    args: [
      '--test',
      '--test-reporter=dot',
      write('node-test.mjs', `import { test } from 'node:test'\n${loop}`),
    ],
    dot: '.',
  },
  {
    name: 'uvu',
    args: [
      write(
        'uvu.mjs',
        `import { test } from ${JSON.stringify(import.meta.resolve('uvu'))}\n${loop}test.run()\n`,
      ),
    ],
    dot: '•',
  },
]

/** Runs one contender's whole process once: its wall time, or why it did not count. */
function runOnce(contender: Contender): { ms: number; problem?: string } {
  const start = performance.now()
  const result = spawnSync(process.execPath, contender.args, {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  })
  const ms = performance.now() - start
  const dots = result.stdout.split(contender.dot).length - 1
  if (result.status === 0 && dots >= TESTS) return { ms }
  const lines = result.stderr.trim().split('\n')
  const error = (lines.find((line) => /^\w*Error\b/.test(line)) ?? lines[0] ?? '').slice(0, 100)
  return { ms, problem: `exit ${result.status}, ${dots} dots${error ? `: ${error}` : ''}` }
}

const samples = new Map<string, number[]>(contenders.map(({ name }) => [name, []]))
const problems = new Map<string, string>()
for (let round = 0; round < WARMUP + RUNS; round++) {
  for (const contender of contenders) {
    const { ms, problem } = runOnce(contender)
    if (problem) problems.set(contender.name, problem)
    if (round >= WARMUP) samples.get(contender.name)!.push(ms)
  }
}
rmSync(folder, { recursive: true, force: true })
const page = await timePageRuns(TESTS, RUNS, WARMUP)

const median = (name: string) => quantile(samples.get(name)!, 0.5)
const ms = (value: number) => `${Math.round(value)} ms`
const [dots, spec, node, uvu] = [
  median('@daebug/test-runner'),
  median('ours, spec'),
  median('node --test'),
  median('uvu'),
]
const measured = (name: string, value: number) =>
  problems.has(name) ? `${ms(value)} (${problems.get(name)})` : ms(value)

const rows: Row[] = [
  {
    what: `uvu, ${TESTS.toLocaleString('en')} tests (median)`,
    value: measured('uvu', uvu),
    compared: '-',
    ratio: '-',
    target: 'reported',
    pass: !problems.has('uvu'),
  },
  {
    what: `node --test, ${TESTS.toLocaleString('en')} tests (median)`,
    value: measured('node --test', node),
    compared: '-',
    ratio: '-',
    target: 'reported',
    pass: !problems.has('node --test'),
  },
  {
    what: `@daebug/test-runner, ${TESTS.toLocaleString('en')} tests (median)`,
    value: measured('@daebug/test-runner', dots),
    compared: `uvu ${ms(uvu)}`,
    ratio: `${(dots / uvu).toFixed(2)}×`,
    target: `≤ ${TARGET_VS_UVU}× uvu`,
    pass: !problems.has('@daebug/test-runner') && dots <= TARGET_VS_UVU * uvu,
  },
  {
    what: '@daebug/test-runner vs node --test',
    value: ms(dots),
    compared: `node --test ${ms(node)}`,
    ratio: `${(node / dots).toFixed(1)}× faster`,
    target: `≥ ${TARGET_VS_NODE}× faster`,
    pass: !problems.has('@daebug/test-runner') && node >= TARGET_VS_NODE * dots,
  },
  {
    what: '@daebug/test-runner, spec reporter (records every location)',
    value: measured('ours, spec', spec),
    compared: `uvu ${ms(uvu)}`,
    ratio: `${(spec / uvu).toFixed(2)}×`,
    target: 'reported',
    pass: !problems.has('ours, spec'),
  },
  {
    what: `Chromium page, ${TESTS.toLocaleString('en')} tests, HTTP run → summary (median)`,
    value: page.problem
      ? `${ms(quantile(page.samples, 0.5))} (${page.problem})`
      : ms(quantile(page.samples, 0.5)),
    compared: `node --test ${ms(node)}`,
    ratio: `${(node / quantile(page.samples, 0.5)).toFixed(1)}× faster`,
    target: `≤ ${PAGE_TARGET_MS} ms wall`,
    pass: !page.problem && quantile(page.samples, 0.5) <= PAGE_TARGET_MS,
  },
]
report(
  `test-throughput: whole processes, dot-style output (ours with spec too, reported), ${RUNS} runs each (after ${WARMUP} warm-up run)`,
  rows,
)
