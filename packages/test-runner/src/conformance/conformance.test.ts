/**
 * The differential conformance suite in Node: every corpus file runs under `node --test` (the
 * oracle) and through the runner under test's run(), each in its own process, and every test must
 * agree: full name, nesting, result, skip and todo reasons, failure type and error, the order of
 * the events, and the summary counts.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkCorpus, formatTotals, processProblem, reportCorpusResult } from './check-corpus.js'
import { parseEventLines } from './compare-runs.js'
import { readCorpus } from './corpus.js'
import { RUNNER_UNDER_TEST, runOursInNode } from './run-processes.js'

const conformance = suite('conformance with node --test, in Node')

conformance('the corpus has at least 40 files, each saying what it covers', () => {
  const corpus = readCorpus()
  assert.ok(corpus.length >= 40, `only ${corpus.length} corpus files`)
  const undescribed = corpus.filter((file) => !file.covers).map((file) => file.name)
  assert.equal(undescribed, [])
})

conformance('every corpus test agrees with node --test', async () => {
  const result = await checkCorpus(
    readCorpus(),
    async (file) => {
      const run = await runOursInNode(file)
      const events = parseEventLines(run.stdout)
      return processProblem(run, events) ?? events
    },
    { realm: 'node' },
  )
  const { differences, totals } = reportCorpusResult('Node', result)
  assert.ok(!differences, totals)
  console.log(`  ${formatTotals(`Node (${RUNNER_UNDER_TEST})`, result)}`)
})

conformance.run()
