import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { defineConfig } from 'tsup'

/**
 * One build for every package: the entries are the `@daebug/source` files named in the package's
 * own exports map, so adding an export is the only step needed to build a new entry.
 */
type ExportEntry = string | { [condition: string]: ExportEntry }

function sourceEntries(exportsMap: Record<string, ExportEntry>): Record<string, string> {
  const entries: Record<string, string> = {}
  for (const target of Object.values(exportsMap)) {
    if (typeof target !== 'object') continue
    const source = target['@daebug/source']
    if (typeof source !== 'string') continue
    // Named for the built file the export points at (`./dist/reporters.js` → `reporters`).
    const built = typeof target.default === 'string' ? target.default : source
    entries[built.replace(/^\.\/dist\//, '').replace(/\.(ts|js)$/, '')] = source
  }
  return entries
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
/** `daebug.platform` in a package.json: 'node', 'browser', or (default) 'neutral' for every realm. */
const platform: 'node' | 'browser' | 'neutral' = pkg.daebug?.platform ?? 'neutral'

const library = defineConfig({
  entry: sourceEntries(pkg.exports ?? {}),
  format: ['esm'],
  platform,
  target: platform === 'node' ? 'node20' : 'es2022',
  dts: true,
  sourcemap: true,
  // With classic scripts beside it, cleaning could race the other build's output.
  clean: !pkg.daebug?.scripts?.length,
  minify: false,
  splitting: true,
  treeshake: false,
})

/**
 * `daebug.scripts` in a package.json lists sources that are also built as self-contained classic
 * scripts (`dist/<name>.global.js`, IIFE), for pages that load them with a plain `<script>` tag.
 */
const scripts: string[] = pkg.daebug?.scripts ?? []

export default scripts.length
  ? [
      library,
      defineConfig({
        entry: Object.fromEntries(
          scripts.map((file) => [basename(file).replace(/\.ts$/, ''), file]),
        ),
        format: ['iife'],
        platform: 'browser',
        target: 'es2022',
        sourcemap: true,
        minify: false,
        clean: false,
        dts: false,
      }),
    ]
  : library
