/**
 * `docs/cli.md`, made from the same text as `daebug --help` (cli-reference.test.ts fails when the
 * file differs; `npm run docs:cli` at the repository root writes it again).
 */
import { AGENT_GUIDE } from './agent-guide.js'
import { HELP } from './help.js'

/** The Markdown of `docs/cli.md`. */
export function cliReference(): string {
  // The version line changes with every release; the reference is about the options.
  const help = HELP.replace(/^daebug \S+: /, 'daebug: ')
  return `# The \`daebug\` command

<!-- Written by \`npm run docs:cli\` from the text of \`daebug --help\`; edit packages/cli/src/help.ts and options.ts instead. -->

\`npx @daebug/cli\` (or \`daebug\` once \`@daebug/cli\` is installed) serves a project, runs its tests in
live realms, evaluates code in them, and serves MCP. This is its \`--help\`, word for word:

\`\`\`text
${help}
\`\`\`

Exit codes: \`0\` success; \`1\` a test failed (\`--test\`) or the code threw (\`eval\`); \`2\` bad
usage, no realm or no test file found, or the server could not start.

See also: [the file protocol](file-protocol.md), [tests in realms](test-runs.md),
[HTTP, WebSocket and MCP](api.md), [security](security.md), [runtimes](runtimes.md),
[remote browsers](remote-browsers.md), [Vite](vite.md), [the guide for agents](agents.md).
`
}

/** The Markdown of `docs/agents.md`: the guide `daebug init` writes into a project. */
export function agentsDoc(): string {
  return `# A guide for AI agents that use Daebug

<!-- Written by \`npm run docs:cli\` from packages/cli/src/agent-guide.ts. -->

\`npx daebug init\` writes the section below into a project's \`AGENTS.md\` (or the file
\`--file\` names: \`CLAUDE.md\`, \`.github/copilot-instructions.md\`), between
\`<!-- daebug:start -->\` and \`<!-- daebug:end -->\`; run again, it replaces that section and
leaves the rest of the file alone.

${AGENT_GUIDE.replace(/^## /, '### ')}`
}
