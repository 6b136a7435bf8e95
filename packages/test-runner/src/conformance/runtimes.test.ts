/**
 * The conformance corpus under Bun and Deno (the root's `bun` and `deno` devDependencies): each
 * file, copied with `node:test` and `node:assert` rewritten to @daebug/test-runner and
 * @daebug/assert as built for other runtimes (plain ESM, built here with tsup from the current
 * sources, so a stale or missing `dist` cannot decide the result), runs through run() in that
 * runtime, and every test must have node --test's outcome (full name, nesting, result, skip and
 * todo reasons, failure type). Error messages are not compared: Bun's engine words its own
 * TypeErrors differently.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'tsup'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkCorpus, processProblem, reportCorpusResult } from './check-corpus.js'
import { parseEventLines } from './compare-runs.js'
import { type CorpusFile, readCorpus, rewriteSpecifiers, runOptions } from './corpus.js'
import { runsIn } from './documented-differences.js'
import { RUN_FILE, RUNNER_UNDER_TEST, runProcess } from './run-processes.js'

const PACKAGES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const BIN = join(PACKAGES, '..', 'node_modules', '.bin')
const RUNTIMES = {
  Bun: { command: join(BIN, 'bun'), args: [] as string[] },
  Deno: { command: join(BIN, 'deno'), args: ['run', '--allow-all', '--no-prompt'] },
}

const runtimes = suite<{ copies: string; runner: string }>(
  'conformance with node --test, in Bun and Deno',
)

/** Builds the runner and assert (one module graph, dependencies bundled) into `outDir`. */
async function buildForRuntimes(outDir: string): Promise<void> {
  await build({
    entry: {
      'test-runner': join(PACKAGES, 'test-runner', 'src', 'index.ts'),
      assert: join(PACKAGES, 'assert', 'src', 'index.ts'),
      'assert-strict': join(PACKAGES, 'assert', 'src', 'strict.ts'),
    },
    outDir,
    format: ['esm'],
    platform: 'neutral',
    target: 'es2022',
    splitting: true,
    noExternal: [/^@daebug\//],
    dts: false,
    sourcemap: false,
    silent: true,
    config: false,
    esbuildOptions(options) {
      options.conditions = ['@daebug/source']
    },
  })
}

runtimes.before(async (context) => {
  context.copies = await mkdtemp(join(tmpdir(), 'daebug-conformance-'))
  if (RUNNER_UNDER_TEST === 'node:test') return
  const built = join(context.copies, 'built')
  await buildForRuntimes(built)
  const url = (name: string) => pathToFileURL(join(built, `${name}.js`)).href
  context.runner = url('test-runner')
  const mapping = {
    'node:test': context.runner,
    'node:assert': url('assert'),
    'node:assert/strict': url('assert-strict'),
  }
  for (const file of readCorpus())
    await writeFile(join(context.copies, file.name), rewriteSpecifiers(file.source, mapping))
})

runtimes.after(async (context) => {
  if (context.copies) await rm(context.copies, { recursive: true, force: true })
})

runtimes('bun and deno run from the devDependencies, offline', async () => {
  for (const [name, { command }] of Object.entries(RUNTIMES)) {
    const run = await runProcess(command, ['--version'], { limitMs: 20_000 })
    assert.is(run.code, 0, `${name}: ${run.stderr}`)
    assert.match(run.stdout, name === 'Bun' ? /^\d+\.\d+\.\d+/ : /^deno 2\./)
  }
})

for (const [name, runtime] of Object.entries(RUNTIMES)) {
  runtimes(`every corpus test has node --test's outcome under ${name}`, async (context) => {
    if (RUNNER_UNDER_TEST === 'node:test') {
      console.log(`  ${name}: waits for @daebug/test-runner (RUNNER_UNDER_TEST is 'node:test')`)
      return
    }
    const runFile = async (file: CorpusFile) => {
      const run = await runProcess(
        runtime.command,
        [
          ...runtime.args,
          RUN_FILE,
          context.runner,
          join(context.copies, file.name),
          JSON.stringify(runOptions(file.flags)),
        ],
        { cwd: context.copies, env: { DENO_NO_UPDATE_CHECK: '1' }, limitMs: 10_000 },
      )
      const events = parseEventLines(run.stdout)
      return processProblem(run, events) ?? events
    }
    const realm = name === 'Bun' ? 'bun' : 'deno'
    const files = readCorpus().filter((file) => runsIn(realm, file.name))
    const result = await checkCorpus(files, runFile, { realm, level: 'outcomes' })
    const { differences, totals } = reportCorpusResult(name, result)
    assert.ok(!differences, totals)
    console.log(`  ${totals}`)
  })
}

runtimes.run()
