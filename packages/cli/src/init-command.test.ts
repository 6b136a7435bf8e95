import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { AGENT_GUIDE, GUIDE_END, GUIDE_START } from './agent-guide.js'
import { runInitCommand, withGuide } from './init-command.js'

const section = `${GUIDE_START}\n${AGENT_GUIDE}${GUIDE_END}\n`
const quiet = { out: () => {}, err: () => {}, write: () => {} }

test('a missing or empty file gets the guide alone', () => {
  assert.is(withGuide(undefined), section)
  assert.is(withGuide('\n'), section)
})

test("the guide goes after the file's own text, one blank line between", () => {
  assert.is(withGuide('# Notes\nKeep tests green.'), `# Notes\nKeep tests green.\n\n${section}`)
})

test('running it again replaces the guide it wrote and keeps everything around it', () => {
  const old = `# Notes\n\n${GUIDE_START}\nold guide\n${GUIDE_END}\nMore notes.\n`
  assert.is(withGuide(old), `# Notes\n\n${section}More notes.\n`)
  assert.is(withGuide(withGuide(old)), withGuide(old))
})

test('daebug init writes AGENTS.md by default, or the file --file names, and says so', async () => {
  const root = await mkdtemp(join(tmpdir(), 'daebug-init-'))
  try {
    const lines: string[] = []
    const output = { ...quiet, out: (line: string) => lines.push(line) }
    await writeFile(join(root, 'AGENTS.md'), '# Agents\n')
    assert.is(await runInitCommand({ root, file: 'AGENTS.md' }, output), 0)
    assert.is(await readFile(join(root, 'AGENTS.md'), 'utf8'), `# Agents\n\n${section}`)
    await runInitCommand({ root, file: '.github/copilot-instructions.md' }, quiet)
    assert.is(await readFile(join(root, '.github/copilot-instructions.md'), 'utf8'), section)
    await runInitCommand({ root, file: 'AGENTS.md' }, output)
    assert.match(lines[0]!, /^daebug: wrote the Daebug guide for agents in .*AGENTS\.md$/)
    assert.match(lines[1]!, /^daebug: updated the Daebug guide/)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
})

test.run()
