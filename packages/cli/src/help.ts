/**
 * The text of `daebug --help` and the version, one source for the command and its docs.
 */
import pkg from '../package.json' with { type: 'json' }

/** The version of `@daebug/cli`. */
export const VERSION: string = pkg.version

/** What `daebug --help` prints. */
export const HELP: string = `daebug ${VERSION}: a live REPL and test runner inside your open browser tabs, for AI agents.

Usage:
  daebug [--root DIR] [--port N]      serve DIR (default: the current directory)
  daebug --help | --version

Options:
  --root DIR     the project directory to serve and write logs into (default: .)
  --port N       the port (default: derived from the directory's name)
  -h, --help     print this help
  -v, --version  print the version`
