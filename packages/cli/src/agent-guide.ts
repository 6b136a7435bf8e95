/**
 * The guide for AI agents that use Daebug in a project: `daebug init` writes it into the
 * project's agent instruction file, and `docs/agents.md` is the same text.
 */

/** The lines that enclose the guide in an instruction file, so `daebug init` can replace it. */
export const GUIDE_START = '<!-- daebug:start -->'
export const GUIDE_END = '<!-- daebug:end -->'

/** The guide, as Markdown, without its enclosing lines. */
export const AGENT_GUIDE: string = `## Daebug: running code in the live app

This project runs Daebug: a REPL and a \`node:test\` runner inside the browser tabs (and a web
worker beside each tab) of the app as it runs. Use it to look at real state, try a fix, and run the
tests in a real browser, instead of guessing.

- **Start it** (if \`daebug.md\` says it is stopped, or is missing): \`npx daebug\` in the project,
  then open the printed URL in a browser; \`npx daebug --headless\` opens one itself.
- **Find a realm:** \`daebug.md\` lists the connected realms, newest first, each a link to its log
  \`daebug/<realm>.md\` (\`…-webworker\` is the page's worker).
- **Run code:** append a fenced \`js\` (or \`ts\`) block at the end of that log and save. Top-level
  \`await\` works; \`let\`/\`const\`/\`function\`/\`class\` persist between requests; \`import\`
  statements load the app's own modules.
- **Read the reply:** it appears under your block, headed \`#### 👍<realm> to <agent> at <time> (<duration>)\`
  (\`🚫\` when it threw), with the value, then any console output and errors your code caused. A
  \`⏳\` header means it is still queued or running; wait for it to be replaced. Check the duration:
  it is how long the realm took.
- **From a shell** instead: \`npx daebug eval "document.title"\` prints the value (exit 1 when it
  threw); \`--page <name>\` picks the realm.
- **Run tests** in the page: \`npx daebug --test\` (Node's file patterns, or give globs), exit 1 when
  a test failed; or from a log, \`(await import('node:test')).run({ files: ['**/*.test.js'] })\`,
  which writes the report into the log. Test files use \`node:test\` and \`node:assert\` as in Node.
- **Do not** edit the blocks the server wrote (\`####\` replies, \`⏳\` slots, test reports); your own
  notes between requests are kept as they are.
- **Stop** the server by writing \`%%SHUTDOWN%%\` on a line of its own in \`daebug.md\`.
`
