import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { agentsDoc, cliReference } from './cli-reference.js'

test('docs/cli.md is the text of daebug --help (run `npm run docs:cli` after changing options)', () => {
  const written = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8')
  assert.fixture(written, cliReference())
})

test('docs/agents.md is the guide daebug init writes (run `npm run docs:cli` after changing it)', () => {
  const written = readFileSync(new URL('../../../docs/agents.md', import.meta.url), 'utf8')
  assert.fixture(written, agentsDoc())
})

test.run()
