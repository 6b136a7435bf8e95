// Runs every `*.test.ts` / `*.test.js` file under the given folders in one uvu process.
// Usage (from a package): node --import tsx --conditions=@daebug/source ../../scripts/run-uvu.mjs src
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { run } from 'uvu/run'

const TEST_FILE = /\.test\.(ts|mts|js|mjs)$/

function collect(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) collect(path, out)
    else if (TEST_FILE.test(entry.name)) out.push(path)
  }
  return out
}

const dirs = process.argv.slice(2)
const files = dirs.flatMap((dir) => collect(resolve(dir), [])).sort()
if (files.length === 0) {
  console.error(`No test files under ${dirs.join(', ') || '(no folder given)'}.`)
  process.exitCode = 1
} else {
  await run(files.map((file) => ({ name: file, file })))
}
