/**
 * @module
 * The classic script the Daebug server injects into every page (`/__daebug/client.js`, built as
 * `dist/page-client.global.js`): it makes the page a realm. The server is the origin the script
 * was loaded from, so a page of another dev server still connects to Daebug.
 */
import { startPageClient } from './client.js'

try {
  if (typeof document !== 'undefined') {
    const script = document.currentScript
    const src = script && 'src' in script && typeof script.src === 'string' ? script.src : ''
    startPageClient({ server: new URL(src || location.href).origin })
  }
} catch {
  // The client must never break the page it is loaded into.
}
