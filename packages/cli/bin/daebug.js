#!/usr/bin/env node
import { main } from '../dist/index.js'

process.exitCode = await main(process.argv.slice(2))
// Everything is closed and flushed by now; a handle a dependency failed to close (a file watcher
// re-armed during shutdown) must not keep a stopped server's process alive.
setTimeout(() => process.exit(), 2000).unref()
