/**
 * The Content-Type of each file extension the static server knows. Text types carry
 * `charset=utf-8` so the browser never guesses the encoding.
 */

const JAVASCRIPT = 'text/javascript; charset=utf-8'

/** Extension (lower case, with the dot) → Content-Type. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': JAVASCRIPT,
  '.mjs': JAVASCRIPT,
  '.cjs': JAVASCRIPT,
  // Served as JavaScript until the server strips types (SPEC §5.4); a module script with any other
  // type is refused by the browser.
  '.ts': JAVASCRIPT,
  '.mts': JAVASCRIPT,
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
}

/** The Content-Type of anything not in {@link CONTENT_TYPES}. */
export const FALLBACK_CONTENT_TYPE: string = 'application/octet-stream'

/**
 * The Content-Type for a file name or path, by its extension (case-insensitive).
 * @example
 * contentTypeOf('/app/main.mjs') // → 'text/javascript; charset=utf-8'
 */
export function contentTypeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return FALLBACK_CONTENT_TYPE
  return CONTENT_TYPES[name.slice(dot).toLowerCase()] ?? FALLBACK_CONTENT_TYPE
}
