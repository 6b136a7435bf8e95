/**
 * `daebug mcp` (SPEC §10): a stdio MCP server, built on the official SDK, whose tools reach the
 * realms of the Daebug server for the working directory (started in this process when none
 * runs): `list_realms`, `eval`, `run_tests` (answers the compact report) and `read_log`. Outputs
 * are short: tokens cost. Only protocol messages go to stdout; everything else to stderr.
 */
import { resolve } from 'node:path'
import { formatDuration, type RealmInfo, selectRealm, type TestSummaryData } from '@daebug/protocol'
import { createMarkdownReporter } from '@daebug/test-runner/reporters'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { z } from 'zod'
import { authHeaders, type FoundServer, findOrStartServer } from './find-server.js'
import { VERSION } from './help.js'
import type { Output } from './main.js'
import { evaluateIn, realmsOf, streamTests } from './server-client.js'
import { formatTotals } from './test-command.js'

/** `mcp` settings. */
export interface McpSettings {
  root: string
  port?: number
}

type ToolAnswer = { content: Array<{ type: 'text'; text: string }>; isError?: boolean }

const answer = (text: string, isError = false): ToolAnswer => ({
  content: [{ type: 'text', text }],
  ...(isError ? { isError: true } : {}),
})

/** One line per realm: `name (page, live) url "title"`. */
export function formatRealms(realms: readonly RealmInfo[]): string {
  if (!realms.length) return "No realm has connected yet: open the server's URL in a browser."
  return realms
    .map((realm) => {
      const title = realm.title ? ` "${realm.title}"` : ''
      const where = realm.kind === 'page' ? ` ${realm.url}${title}` : ''
      return `${realm.name} (${realm.kind}, ${realm.state})${where}`
    })
    .join('\n')
}

async function withErrors(run: () => Promise<ToolAnswer>): Promise<ToolAnswer> {
  try {
    return await run()
  } catch (error) {
    return answer((error as Error)?.message ?? String(error), true)
  }
}

/** Registers the tools on `mcp`, reaching `server`. */
export function registerTools(mcp: McpServer, server: FoundServer): void {
  const pick = async (target: string | undefined) =>
    selectRealm(await realmsOf(server), target).name
  const realm = z
    .string()
    .optional()
    .describe('The realm: a name, or part of a name, URL or page title (default: the latest page)')

  mcp.registerTool(
    'list_realms',
    { description: 'The browser pages and web workers connected to Daebug, with their state.' },
    () => withErrors(async () => answer(formatRealms(await realmsOf(server)))),
  )

  mcp.registerTool(
    'eval',
    {
      description:
        'Runs JavaScript in a live page or worker (REPL semantics: top-level await, declarations persist). Answers the value of the last expression, then console output and errors it caused.',
      inputSchema: {
        code: z.string().describe('The code to run'),
        realm,
        timeout: z.number().int().positive().optional().describe('Time-out in milliseconds'),
      },
    },
    ({ code, realm: target, timeout }) =>
      withErrors(async () => {
        const name = await pick(target)
        const result = await evaluateIn(server, name, {
          code,
          agent: 'mcp',
          ...(timeout ? { timeout } : {}),
        })
        const events = result.events.map((event) => `${event.level}: ${event.text}`)
        if (result.omitted) events.splice(2, 0, `... (${result.omitted} more events omitted) ...`)
        const footer = `(${name}, ${formatDuration(result.durationMs)})`
        return answer([result.text, ...events, footer].join('\n'), !result.ok)
      }),
  )

  mcp.registerTool(
    'run_tests',
    {
      description:
        "Runs the project's node:test test files inside a live page or worker and answers the compact report: failures with their diffs and stacks, skips, and the counts.",
      inputSchema: {
        realm,
        files: z.array(z.string()).optional().describe('Paths or globs (default: every test file)'),
        testNamePatterns: z
          .array(z.string())
          .optional()
          .describe('Run only the tests whose name matches one of these regular expressions'),
      },
    },
    ({ realm: target, files, testNamePatterns }) =>
      withErrors(async () => {
        const name = await pick(target)
        const reporter = createMarkdownReporter({ cwd: new URL(server.url).origin })
        let summary: TestSummaryData | undefined
        await streamTests(
          server,
          {
            realm: name,
            ...(files?.length ? { files } : {}),
            ...(testNamePatterns?.length ? { testNamePatterns } : {}),
          },
          undefined,
          (event) => {
            reporter.push(event)
            if (event.type === 'test:summary' && event.data.file === undefined) summary = event.data
          },
        )
        const ended = summary as TestSummaryData | undefined
        const totals = ended ? formatTotals(ended) : 'The run ended without a summary.'
        const aborted = ended?.aborted ? `\nThe run did not finish: ${ended.aborted}` : ''
        return answer(`${reporter.end().trimEnd()}\n\n${totals} in ${name}${aborted}`)
      }),
  )

  mcp.registerTool(
    'read_log',
    {
      description:
        "A realm's Markdown log (its requests, replies and test reports), or its last lines.",
      inputSchema: {
        realm: z.string().describe('The realm: a name, or part of a name, URL or page title'),
        tail: z.number().int().positive().optional().describe('Only the last this many lines'),
      },
    },
    ({ realm: target, tail }) =>
      withErrors(async () => {
        const name = await pick(target).catch(() => target)
        const url = new URL(`/__daebug/api/realms/${encodeURIComponent(name)}/log`, server.url)
        if (tail) url.searchParams.set('tail', String(tail))
        const response = await fetch(url, { headers: authHeaders(server) })
        if (response.ok) return answer(await response.text())
        const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } }
        return answer(body.error?.message ?? `The server answered ${response.status}.`, true)
      }),
  )
}

/** Runs `daebug mcp` until stdin closes; resolves with the exit code. */
export async function runMcpCommand(settings: McpSettings, output: Output): Promise<number> {
  const root = resolve(settings.root)
  // stdout belongs to the protocol: the server's own lines go to stderr.
  const { server, started } = await findOrStartServer(root, settings.port, {
    out: output.err,
    err: output.err,
    write: () => {},
  })
  const mcp = new McpServer({ name: 'daebug', version: VERSION })
  registerTools(mcp, server)
  const transport = new StdioServerTransport()
  const closed = new Promise<void>((done) => {
    transport.onclose = () => done()
    process.stdin.once('end', () => done())
  })
  await mcp.connect(transport)
  output.err(`daebug mcp: serving the tools of ${server.url} over stdio`)
  await closed
  await mcp.close().catch(() => {})
  await started?.shutdown()
  return 0
}
