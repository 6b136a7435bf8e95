/**
 * The text of `daebug --help` and the version, one source for the command and its docs.
 */
import pkg from '../package.json' with { type: 'json' }
import {
  EVAL_OPTIONS,
  formatOptions,
  INIT_OPTIONS,
  MCP_OPTIONS,
  SERVE_OPTIONS,
  TEST_OPTIONS,
} from './options.js'

/** The version of `@daebug/cli`. */
export const VERSION: string = pkg.version

/** What `daebug --help` prints. */
export const HELP: string = `daebug ${VERSION}: a live REPL and test runner inside your open browser tabs, for AI agents.

Usage:
  daebug [options]      serve the project: open the printed URL, then append fenced js blocks
                        to daebug/<realm>.md (listed in daebug.md) and read the replies there
  daebug --test [GLOB…] [options]
                        run the project's test files in a live realm (a page or a worker),
                        print the report and the totals; exit 0 when all passed, 1 when a
                        test failed, 2 when no realm or no test file was found
  daebug eval [options] [CODE]
                        run CODE (or stdin) in a realm of the running server: the value on
                        stdout, console output and errors on stderr; exit 1 when it threw
  daebug mcp [options]  a stdio MCP server with the tools list_realms, eval, run_tests and
                        read_log, for the project's running server (started if none runs)
  daebug init [options]  write a guide for AI agents (how to find a realm, run code, read the
                        reply, run tests) into the project's AGENTS.md, or the file --file names
  daebug --help | --version

Options:
${formatOptions(SERVE_OPTIONS)}

Test options (with --test):
${formatOptions(TEST_OPTIONS)}

Eval options (daebug eval):
${formatOptions(EVAL_OPTIONS)}

MCP options (daebug mcp):
${formatOptions(MCP_OPTIONS)}

Init options (daebug init):
${formatOptions(INIT_OPTIONS)}

Stop the server with Ctrl-C, or by writing %%SHUTDOWN%% on a line of its own in daebug.md.`
