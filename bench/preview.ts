/**
 * SPEC §3.2's previewer on huge values: `inspect()` of a 1,000,000-element array and of a Map with
 * 1,000,000 entries, in Node, beside Node's own `util.inspect` with the same limits (measured in
 * the same run). The target (the SPEC issue: "a 1-million-element array previews in well under
 * 50 ms") is a median under 50 ms for each. Exits non-zero when a target is missed or a preview
 * differs from `util.inspect`'s text.
 */
import { inspect as nodeInspect } from 'node:util'
import { inspect } from '@daebug/protocol'
import { quantile, type Row, report } from './stats.js'

const RUNS = 20
const WARMUP = 5
const TARGET_MS = 50
/** `util.inspect`'s options that match `inspect()`'s defaults (SPEC §3.2). */
const NODE_OPTIONS = { depth: 6, maxArrayLength: 100, maxStringLength: 10_000 }

/** Milliseconds of each of `runs` calls, after `WARMUP` calls that are not counted. */
function time(run: () => string, runs: number): number[] {
  const samples: number[] = []
  for (let i = 0; i < WARMUP + runs; i++) {
    const start = performance.now()
    run()
    const ms = performance.now() - start
    if (i >= WARMUP) samples.push(ms)
  }
  return samples
}

/** Median and p90, unrounded: these calls take well under a millisecond. */
function medianAndP90(samples: number[]): { median: number; p90: number } {
  return { median: quantile(samples, 0.5), p90: quantile(samples, 0.9) }
}

const ms = (n: number) => `${n.toFixed(3)} ms`

function measure(what: string, value: unknown): Row {
  const ours = medianAndP90(time(() => inspect(value), RUNS))
  const node = medianAndP90(time(() => nodeInspect(value, NODE_OPTIONS), RUNS))
  const same = inspect(value) === nodeInspect(value, NODE_OPTIONS)
  return {
    what: `${what} (median)`,
    value: `${ms(ours.median)} (p90 ${ms(ours.p90)})`,
    compared: `util.inspect ${ms(node.median)}`,
    ratio: node.median > 0 ? `${(ours.median / node.median).toFixed(1)}×` : '-',
    target: `< ${TARGET_MS} ms, util.inspect's text${same ? '' : ' (differs)'}`,
    pass: ours.median < TARGET_MS && same,
  }
}

const million = Array.from({ length: 1_000_000 }, (_, i) => i)
const rows = [
  measure('inspect(1,000,000-element array)', million),
  measure('inspect(Map of 1,000,000 entries)', new Map(million.map((i) => [`key${i}`, i]))),
]
report(`preview: ${RUNS} runs each (after ${WARMUP} warm-up runs)`, rows)
