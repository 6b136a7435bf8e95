/** Writes docs/cli.md (from `daebug --help`) and docs/agents.md (the guide `daebug init` writes). */
import { writeFileSync } from 'node:fs'
import { agentsDoc, cliReference } from '../packages/cli/src/cli-reference.js'

writeFileSync(new URL('../docs/cli.md', import.meta.url), cliReference())
writeFileSync(new URL('../docs/agents.md', import.meta.url), agentsDoc())
console.log('wrote docs/cli.md and docs/agents.md')
