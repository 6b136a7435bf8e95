/**
 * Issue 14: `daebug --test --headless --browsers 4` on 40 test files that each wait 200 ms
 * (test/e2e/sleepy-suite.ts), against the same command with one browser, interleaved in one run:
 * the whole command's wall time, spawn to exit (a server started for the root, Chromium launched,
 * the pages opened, the runs, the report). Target: 4 browsers take ≤ 40% of one's time.
 */
import { makeRoot, removeRoot, runCli } from '../test/e2e/harness.js'
import { SLEEPY_FILES, SLEEPY_MS, writeSleepySuite } from '../test/e2e/sleepy-suite.js'
import { ms, report, summary } from './stats.js'

const RUNS = Number(process.env.RUNS ?? 3)
const WARMUP = 1
const TARGET = 0.4

const root = await makeRoot()
const samples = { one: [] as number[], four: [] as number[] }
try {
  await writeSleepySuite(root)
  const args = ['--test', '--root', root, '--headless', '--reporter', 'dot']
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [key, extra] of [
      ['one', []],
      ['four', ['--browsers', '4']],
    ] as const) {
      const run = await runCli([...args, ...extra], { ms: 120_000 })
      // The suite has one test that fails on purpose: exit 1, with the totals line.
      if (run.code !== 1 || !/^81 passed, 1 failed, 1 skipped, 1 todo/m.test(run.stdout)) {
        throw new Error(`${key}: exit ${run.code}\n${run.stdout.slice(-800)}\n${run.stderr}`)
      }
      if (i >= WARMUP) samples[key].push(run.ms)
    }
  }
} finally {
  await removeRoot(root)
}
const one = summary(samples.one)
const four = summary(samples.four)
report(
  `browsers: daebug --test --headless on ${SLEEPY_FILES} files of ${SLEEPY_MS} ms, spawn → exit, ${RUNS} runs each (after ${WARMUP} warm-up), interleaved`,
  [
    {
      what: `--test --headless, 1 browser, ${SLEEPY_FILES} files (median)`,
      value: ms(one.median),
      compared: '-',
      ratio: '-',
      target: 'reported',
      pass: true,
    },
    {
      what: `--test --headless --browsers 4 (median)`,
      value: ms(four.median),
      compared: `1 browser ${ms(one.median)}`,
      ratio: `${((four.median / one.median) * 100).toFixed(0)}%`,
      target: `≤ ${TARGET * 100}%`,
      pass: four.median <= TARGET * one.median,
    },
  ],
)
