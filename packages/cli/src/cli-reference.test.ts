import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cliReference } from './cli-reference.js'

test('docs/cli.md is the text of daebug --help (run `npm run docs:cli` after changing options)', () => {
  const written = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8')
  assert.fixture(written, cliReference())
})

test.run()
