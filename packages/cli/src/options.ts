/**
 * The options of the `daebug` command, defined once: `parseArgs` reads them and `--help` prints
 * them, so the two cannot drift.
 */

/** One option: its parseArgs shape and how `--help` describes it. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  /** The value's placeholder in `--help` (`DIR`, `N`, …). */
  value?: string
  description: string
}

/** Where the browser that opens the project comes from, besides `--headless` (SPEC §11). */
const BROWSER_OPTIONS: Record<string, OptionSpec> = {
  connect: {
    type: 'string',
    value: 'WS',
    description: 'or open it in the browser of a Playwright browser server (its ws:// endpoint)',
  },
  'connect-cdp': {
    type: 'string',
    value: 'URL',
    description: 'or open it in a Chromium reached over CDP (its http:// or ws:// URL)',
  },
  browser: {
    type: 'string',
    value: 'B',
    description: 'chromium (default), firefox or webkit: the browser of --headless or --connect',
  },
  browsers: {
    type: 'string',
    value: 'N',
    description:
      'open N pages there, each in its own context (--test splits the files across them)',
  },
}

/** The options of serve mode (`daebug [options]`). */
export const SERVE_OPTIONS: Record<string, OptionSpec> = {
  root: {
    type: 'string',
    value: 'DIR',
    description: 'the project to serve and write logs into (default: .)',
  },
  port: {
    type: 'string',
    value: 'N',
    description: 'the port (default: $PORT, else derived from the folder name)',
  },
  host: {
    type: 'string',
    value: 'H',
    description: 'the address to bind (default: 127.0.0.1; others need the token)',
  },
  timeout: {
    type: 'string',
    value: 'MS',
    description: 'job time-out in milliseconds (default: 60000)',
  },
  'allowed-host': {
    type: 'string',
    multiple: true,
    value: 'H',
    description: 'another Host name to answer to',
  },
  'allow-origin': {
    type: 'string',
    multiple: true,
    value: 'URL',
    description: 'another origin allowed to connect',
  },
  'no-worker': {
    type: 'boolean',
    description: 'pages create no web worker realm (<page>-webworker)',
  },
  'js-file': {
    type: 'string',
    value: 'PATH',
    description: 'single-file mode: also serve this one-file REPL (relative to the root)',
  },
  'max-log': {
    type: 'string',
    value: 'SIZE',
    description: 'rotate a realm log past this size: bytes, or with K or M (default: 1M)',
  },
  'log-format': {
    type: 'string',
    value: 'F',
    description: "'text' (default) or 'json': one event per line",
  },
  headless: {
    type: 'boolean',
    description: 'also open the project in a headless Chromium, so there is a realm',
  },
  ...BROWSER_OPTIONS,
  help: { type: 'boolean', short: 'h', description: 'print this help' },
  version: { type: 'boolean', short: 'v', description: 'print the version' },
}

/** How `--test`, `eval` and `mcp` name a realm. */
const PAGE: OptionSpec = {
  type: 'string',
  value: 'NAME',
  description: 'the realm: a name, or part of a name, URL or title (default: the latest page)',
}

/** How `--test` and `mcp` find the project's server, or start one. */
const SERVER_OF_ROOT: Record<string, OptionSpec> = {
  root: {
    type: 'string',
    value: 'DIR',
    description: 'the project (default: .); its running server is used, else one is started',
  },
  port: {
    type: 'string',
    value: 'N',
    description: 'the port to look for the server on, or to start it on',
  },
  help: { type: 'boolean', short: 'h', description: 'print this help' },
}

/** The options of test mode (`daebug --test [GLOB…] [options]`). */
export const TEST_OPTIONS: Record<string, OptionSpec> = {
  test: {
    type: 'boolean',
    description: "run the test files (default: Node's patterns) in a realm",
  },
  page: PAGE,
  reporter: {
    type: 'string',
    value: 'R',
    description: 'spec (default), tap, dot, junit, json or markdown',
  },
  'test-name-pattern': {
    type: 'string',
    multiple: true,
    value: 'RE',
    description: 'run only the tests whose name matches',
  },
  'test-only': { type: 'boolean', description: 'run only the tests marked only' },
  headless: {
    type: 'boolean',
    description: 'open the project in a headless Chromium and run the tests there',
  },
  ...BROWSER_OPTIONS,
  host: {
    type: 'string',
    value: 'H',
    description: 'the address to bind when it starts a server (default: 127.0.0.1)',
  },
  timeout: {
    type: 'string',
    value: 'MS',
    description: 'per-test time-out in milliseconds (default in realms: 30000)',
  },
  watch: { type: 'boolean', description: 'run again whenever a file of the project changes' },
  ...SERVER_OF_ROOT,
}

/** The options of `daebug eval [options] [CODE]`. */
export const EVAL_OPTIONS: Record<string, OptionSpec> = {
  page: PAGE,
  timeout: {
    type: 'string',
    value: 'MS',
    description: "time-out in milliseconds (default: the server's, 60000)",
  },
  root: {
    type: 'string',
    value: 'DIR',
    description: 'the project whose server to use (default: .)',
  },
  port: { type: 'string', value: 'N', description: 'the port to look for the server on' },
  help: SERVER_OF_ROOT.help!,
}

/** The options of `daebug init`. */
export const INIT_OPTIONS: Record<string, OptionSpec> = {
  file: {
    type: 'string',
    value: 'PATH',
    description: 'the agent instruction file, relative to the root (default: AGENTS.md)',
  },
  root: { type: 'string', value: 'DIR', description: 'the project (default: .)' },
  help: SERVER_OF_ROOT.help!,
}

/** The options of `daebug mcp`. */
export const MCP_OPTIONS: Record<string, OptionSpec> = {
  ...SERVER_OF_ROOT,
}

/** The options in `node:util` `parseArgs` form. */
export function parseArgsOptions(
  specs: Record<string, OptionSpec>,
): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short ? { short: spec.short } : {}),
        ...(spec.multiple ? { multiple: true } : {}),
      },
    ]),
  )
}

/** The options as `--help` lines, aligned. */
export function formatOptions(specs: Record<string, OptionSpec>): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`
    return [flag, spec.description] as const
  })
  const width = Math.max(...rows.map(([flag]) => flag.length))
  return rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`).join('\n')
}
