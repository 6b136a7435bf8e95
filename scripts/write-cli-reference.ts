/** Writes docs/cli.md from the text of `daebug --help` (see packages/cli/src/cli-reference.ts). */
import { writeFileSync } from 'node:fs'
import { cliReference } from '../packages/cli/src/cli-reference.js'

writeFileSync(new URL('../docs/cli.md', import.meta.url), cliReference())
console.log('wrote docs/cli.md')
