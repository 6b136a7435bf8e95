/// <reference types="node" />
// Every reporter on one recorded mixed run (fixtures/record-fixtures.mjs): passing, failing with
// an assertion diff and with a TypeError, skipped with and without a reason, todo, nested suites,
// subtests, a diagnostic and plans. spec, tap, dot and junit must print exactly what Node 20's
// own reporters printed for the same events; json and markdown exactly the text below.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestEvent } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { ReporterOptions } from './reporter.js'
import { createReporter, type ReporterName, reporters } from './reporters.js'

const fixtures = new URL('./fixtures/', import.meta.url)
const readFixture = (name: string): string =>
  readFileSync(new URL(`mixed-run.${name}`, fixtures), 'utf8')

const events: TestEvent[] = readFixture('events.ndjson')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as TestEvent)

async function* stream(list: TestEvent[]): AsyncGenerator<TestEvent> {
  yield* list
}

async function print(name: ReporterName, options: ReporterOptions = {}): Promise<string> {
  let text = ''
  for await (const chunk of reporters[name](stream(events), { cwd: '/project', ...options })) {
    text += chunk
  }
  return text
}

const NODE_OUTPUTS = { spec: 'spec.txt', tap: 'tap.txt', dot: 'dot.txt', junit: 'junit.xml' }

for (const [name, file] of Object.entries(NODE_OUTPUTS) as [ReporterName, string][]) {
  test(`${name} prints what Node 20's ${name} reporter printed for the mixed run`, async () => {
    assert.fixture(await print(name), readFixture(file))
  })
}

test('a reporter that lists the events it reads prints the same from those events alone', async () => {
  for (const name of Object.keys(NODE_OUTPUTS) as ReporterName[]) {
    const reporter = createReporter(name, { cwd: '/project' })
    assert.ok(reporter.reads, `${name} lists the events it reads`)
    let text = ''
    for (const event of events)
      if (reporter.reads.includes(event.type)) text += reporter.push(event)
    assert.fixture(
      text + reporter.end(),
      readFixture(NODE_OUTPUTS[name as keyof typeof NODE_OUTPUTS]),
    )
  }
})

test('json prints each event of the mixed run as the line it was recorded as', async () => {
  assert.fixture(await print('json'), readFixture('events.ndjson'))
})

test('markdown prints the SPEC §2.7 report of the mixed run', async () => {
  assert.fixture(
    await print('markdown'),
    `## Test Results: 6 pass, 3 fail, 2 skip, 2 todo (43ms)

✗ compares objects (3ms)
\`\`\`Error
AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:
+ actual - expected

  {
    a: 1,
    b: [
      1,
+     2
-     3
    ]
  }
    at TestContext.<anonymous> (mixed-run.fixture.mjs:11:10)
\`\`\`
✗ throws a TypeError (4ms)
\`\`\`Error
TypeError: Cannot read properties of null (reading 'missing')
    at TestContext.<anonymous> (mixed-run.fixture.mjs:16:16)
\`\`\`
✗ math › nested › fails deep (11ms)
\`\`\`Error
AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

4 !== 5

    at TestContext.<anonymous> (mixed-run.fixture.mjs:33:14)
\`\`\`
○ skipped with a reason (skipped: not ready)
○ math › nested › is skipped (skipped)
☐ a todo (todo: write it)
☐ a todo without a reason (todo)
✓ 6 passed in 1 file
`,
  )
})

const isNode20 = process.versions.node.startsWith('20.')

/**
 * Runs a fixture under Node with each of Node's four reporters and ours side by side, so both get
 * the same live events (real errors, real durations); returns the outputs by reporter.
 */
function runLive(fixture: string): Array<{ name: ReporterName; node: string; ours: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'daebug-reporters-'))
  try {
    const names = Object.keys(NODE_OUTPUTS) as ReporterName[]
    const args = ['--import', 'tsx', '--conditions=@daebug/source']
    for (const name of names) {
      const ours = fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
      args.push(
        `--test-reporter=${ours}`,
        `--test-reporter-destination=${join(dir, `ours.${name}`)}`,
      )
      args.push(
        `--test-reporter=${name}`,
        `--test-reporter-destination=${join(dir, `node.${name}`)}`,
      )
    }
    args.push(fileURLToPath(new URL(fixture, fixtures)))
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
    delete env.FORCE_COLOR
    const cwd = fileURLToPath(new URL('../..', import.meta.url))
    const run = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' })
    assert.is(run.status, 1, run.stderr)
    return names.map((name) => ({
      name,
      node: readFileSync(join(dir, `node.${name}`), 'utf8'),
      ours: readFileSync(join(dir, `ours.${name}`), 'utf8'),
    }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// The recordings went through JSON; these runs feed Node's own event objects to both. Other Node
// versions print other formats, so they run on Node 20 only.
for (const fixture of ['mixed-run.fixture.mjs', 'edge-cases.fixture.mjs']) {
  test(`on Node 20, ${fixture} run live prints the same through Node's reporters and ours`, () => {
    if (!isNode20) return
    for (const { name, node, ours } of runLive(fixture)) {
      assert.match(node, /✖|not ok|X|<failure/, name)
      // Only the junit hostname differs: Node's is os.hostname(), ours an option.
      assert.fixture(ours, node.replace(/ hostname="[^"]*"/g, ' hostname="localhost"'), name)
    }
  })
}

test.run()
