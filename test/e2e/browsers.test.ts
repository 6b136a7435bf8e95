/**
 * `--browsers N` (issue 14, SPEC §11): `daebug --test --headless --browsers 4` on 40 test files
 * gives the same outcome for every test as one browser, in one merged report that names the realm
 * each file ran in; in serve mode it opens N pages, each a realm.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TestEvent, TestEventOf } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { makeRoot, removeRoot, runCli, startServer, waitForRealms } from './harness.js'
import { SLEEPY_FILES, writeSleepySuite } from './sleepy-suite.js'

const events = (stdout: string): TestEvent[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as TestEvent)

/** Each test's outcome, by file and name: what must not depend on how the files were split. */
function outcomes(run: TestEvent[]): Map<string, string> {
  const found = new Map<string, string>()
  for (const event of run) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const { file, name, nesting, skip, todo } = event.data
    const how = skip !== undefined ? 'skip' : todo !== undefined ? 'todo' : event.type
    found.set(`${new URL(file!).pathname} › ${'  '.repeat(nesting)}${name}`, how)
  }
  return found
}

const summaryOf = (run: TestEvent[]) => {
  const summaries = run.filter((event) => event.type === 'test:summary' && !event.data.file)
  assert.is(summaries.length, 1, 'one summary over the whole run')
  assert.is(run.at(-1), summaries[0], 'the summary ends the report')
  return (summaries[0] as TestEventOf<'test:summary'>).data
}

test('--browsers 4 runs 40 files with the same outcomes as one browser, in one merged report', async () => {
  const root = await makeRoot()
  try {
    await writeSleepySuite(root)
    const args = ['--test', '--root', root, '--headless', '--reporter', 'json']
    const one = await runCli(args, { ms: 90_000 })
    const four = await runCli([...args, '--browsers', '4'], { ms: 90_000 })
    assert.is(one.code, 1, one.stderr)
    assert.is(four.code, 1, four.stderr)
    const [single, merged] = [events(one.stdout), events(four.stdout)]
    const expected = outcomes(single)
    assert.is(expected.size, SLEEPY_FILES * 2 + 5, 'two tests a file, and five more')
    assert.equal(outcomes(merged), expected)
    assert.equal(
      [...new Set(expected.values())].sort(),
      ['skip', 'test:fail', 'test:pass', 'todo'],
      'every kind of outcome is compared',
    )
    assert.equal(summaryOf(merged).counts, summaryOf(single).counts)
    const total = (text: string) =>
      text
        .trimEnd()
        .split('\n')
        .at(-1)!
        .replace(/ \([\d.]+m?s\)$/, '')
    assert.is(total(four.stdout), total(one.stdout))
    assert.is(total(four.stdout), '81 passed, 1 failed, 1 skipped, 1 todo')

    // A file's events come together: once another file's events begin, it never appears again.
    const order = merged.flatMap((event) => {
      const file = (event.data as { file?: string }).file
      return file ? [file] : []
    })
    const blocks = order.filter((file, index) => file !== order[index - 1])
    assert.is(new Set(blocks).size, blocks.length, 'each file is one block of events')

    // Four realms, each named with the files it ran; together they ran every file once.
    const lines = merged.flatMap((event) =>
      event.type === 'test:diagnostic' && / ran \d+ files? in /.test(event.data.message)
        ? [event.data.message]
        : [],
    )
    assert.is(lines.length, 4, lines.join('\n'))
    const realms = lines.map((line) => line.split(' ')[0])
    assert.is(new Set(realms).size, 4)
    const ran = lines.flatMap((line) => line.slice(line.indexOf(': ') + 2).split(', '))
    assert.equal(
      ran.sort(),
      Array.from(
        { length: SLEEPY_FILES },
        (_, i) => `tests/file-${String(i + 1).padStart(2, '0')}.test.js`,
      ),
    )
    // Their durations order the next split.
    const durations = JSON.parse(
      await readFile(join(root, 'daebug', '.test-durations.json'), 'utf8'),
    ) as Record<string, number>
    assert.is(Object.keys(durations).length, SLEEPY_FILES)
    assert.ok(durations['/tests/file-01.test.js']! >= 200, JSON.stringify(durations))
  } finally {
    await removeRoot(root)
  }
})

test('the spec report of a split run names the realms, and each realm logged its part', async () => {
  const root = await makeRoot()
  try {
    await writeSleepySuite(root)
    const run = await runCli(
      ['--test', '--root', root, '--headless', '--browsers', '2', 'tests/file-0*.test.js'],
      { ms: 60_000 },
    )
    assert.is(run.code, 1, run.stderr)
    const ran = run.stdout.split('\n').filter((line) => / ran \d+ files in /.test(line))
    assert.is(ran.length, 2, run.stdout)
    for (const line of ran) assert.match(line, /^ℹ \S+ ran \d+ files in [\d.,]+m?s: tests\/file-0/)
    assert.match(run.stdout, /✖ file 07 fails on purpose/)
    assert.match(run.stdout.trimEnd().split('\n').at(-1)!, /^18 passed, 1 failed, 0 skipped \(/)
    for (const line of ran) {
      const realm = line.split(' ')[1]!
      const log = await readFile(join(root, 'daebug', `${realm}.md`), 'utf8').catch(() => '')
      assert.match(log, /## Test Results: /, `${realm}'s log has its report`)
    }
  } finally {
    await removeRoot(root)
  }
})

test('in serve mode, --headless --browsers 3 opens three pages, each a realm', async () => {
  const root = await makeRoot()
  const server = await startServer(root, ['--headless', '--browsers', '3', '--no-worker'])
  try {
    const realms = await waitForRealms(root, 3)
    assert.is(new Set(realms).size, 3)
  } finally {
    await server.stop()
    await removeRoot(root)
  }
})

test.run()
