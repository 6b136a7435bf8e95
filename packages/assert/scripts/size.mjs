// Prints the size of the built package, for the record: bytes and gzip bytes of each dist/*.js
// (entries and shared chunks; source maps and type declarations are not shipped to a realm).
// Usage (from packages/assert, after a build): node scripts/size.mjs
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')

let files
try {
  files = readdirSync(dist)
    .filter((name) => name.endsWith('.js'))
    .sort()
} catch {
  files = []
}
if (files.length === 0) {
  console.error(
    'No dist/*.js: build the package first (npx turbo run build --filter=@daebug/assert).',
  )
  process.exitCode = 1
} else {
  const rows = files.map((name) => {
    const bytes = readFileSync(join(dist, name))
    return [name, bytes.length, gzipSync(bytes, { level: 9 }).length]
  })
  rows.push(['total', ...[1, 2].map((column) => rows.reduce((sum, row) => sum + row[column], 0))])
  const width = Math.max(...rows.map(([name]) => name.length))
  const cell = (n) => String(n).padStart(10)
  console.log(`${'file'.padEnd(width)}  ${'bytes'.padStart(10)}  ${'gzip -9'.padStart(10)}`)
  for (const [name, raw, gzip] of rows)
    console.log(`${name.padEnd(width)}  ${cell(raw)}  ${cell(gzip)}`)
}
