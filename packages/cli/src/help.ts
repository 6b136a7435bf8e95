/**
 * The text of `daebug --help` and the version, one source for the command and its docs.
 */
import pkg from '../package.json' with { type: 'json' }
import { formatOptions, SERVE_OPTIONS } from './options.js'

/** The version of `@daebug/cli`. */
export const VERSION: string = pkg.version

/** What `daebug --help` prints. */
export const HELP: string = `daebug ${VERSION}: a live REPL and test runner inside your open browser tabs, for AI agents.

Usage:
  daebug [options]      serve the project: open the printed URL, then append fenced js blocks
                        to daebug/<realm>.md (listed in daebug.md) and read the replies there
  daebug --help | --version

Options:
${formatOptions(SERVE_OPTIONS)}

Stop the server with Ctrl-C, or by writing %%SHUTDOWN%% on a line of its own in daebug.md.`
