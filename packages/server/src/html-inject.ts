/**
 * Puts Daebug's client (one classic `<script>`) and its import map into an HTML page (SPEC §3.4,
 * §5.4). A pure string function: the page is never parsed into a tree, so malformed HTML is
 * handled by falling back to a simpler insertion point, never by throwing.
 */

/** Options of {@link injectClient}. */
export interface InjectOptions {
  /** The client script's URL, e.g. `/__daebug/client.js`. */
  clientUrl: string
  /** Specifier → URL entries to make resolvable in the page; the page's own entries win. */
  importMap?: Record<string, string>
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g
const HEAD_TAG = /<head(?=[\s/>])[^>]*>/gi
const HTML_TAG = /<html(?=[\s/>])[^>]*>/gi
const LEADING_DOCTYPE = /^\uFEFF?(?:\s*<!doctype[^>]*>)?/i
const SCRIPT = /<script(?=[\s/>])([^>]*)>([\s\S]*?)<\/script\s*>/gi
const IMPORTMAP_TYPE =
  /(?:^|\s)type\s*=\s*(?:"\s*importmap\s*"|'\s*importmap\s*'|importmap(?=[\s/]|$))/i

/**
 * Inserts `<script src="clientUrl"></script>` and, when `importMap` is given, the import map.
 * The script goes right after `<head>`, else after `<html>`, else at the start (after a leading
 * doctype). A page that already has an import map gets the entries merged into it in place,
 * because browsers honour only the first one. A page that already loads the client is returned
 * unchanged.
 * @example
 * injectClient('<html><head><title>x</title>', { clientUrl: '/__daebug/client.js' })
 * // → '<html><head><script src="/__daebug/client.js"></script><title>x</title>'
 */
export function injectClient(html: string, options: InjectOptions): string {
  const comments = commentRanges(html)
  if (hasClientScript(html, options.clientUrl, comments)) return html
  let page = html
  let tags = `<script src="${escapeAttribute(options.clientUrl)}"></script>`
  if (options.importMap) {
    const existing = findOutside(SCRIPT, html, comments, (match) =>
      IMPORTMAP_TYPE.test(match[1] ?? ''),
    )
    if (!existing) {
      tags = `<script type="importmap">${importMapJson({ imports: options.importMap })}</script>${tags}`
    } else {
      const merged = mergeImportMap(existing[2] ?? '', options.importMap)
      if (merged !== undefined) {
        const start = existing.index + existing[0].indexOf('>') + 1
        const end = start + (existing[2] ?? '').length
        page = `${html.slice(0, start)}${merged}${html.slice(end)}`
      }
    }
  }
  const ranges = page === html ? comments : commentRanges(page)
  const anchor = findOutside(HEAD_TAG, page, ranges) ?? findOutside(HTML_TAG, page, ranges)
  const at = anchor
    ? anchor.index + anchor[0].length
    : (LEADING_DOCTYPE.exec(page)?.[0].length ?? 0)
  return `${page.slice(0, at)}${tags}${page.slice(at)}`
}

function hasClientScript(
  html: string,
  clientUrl: string,
  comments: Array<[number, number]>,
): boolean {
  const url = [clientUrl, escapeAttribute(clientUrl)].map(escapeRegExp).join('|')
  // A page made for another dev server loads the client by absolute URL (SPEC §3.4).
  const origin = clientUrl.startsWith('/') ? '(?:(?:https?:)?//[^/"\'\\s>]+)?' : ''
  const src = new RegExp(`\\ssrc\\s*=\\s*(["']?)${origin}(?:${url})\\1(?=[\\s/>]|$)`, 'i')
  return findOutside(SCRIPT, html, comments, (match) => src.test(match[1] ?? '')) !== undefined
}

function mergeImportMap(json: string, ours: Record<string, string>): string | undefined {
  let map: unknown
  try {
    map = JSON.parse(json)
  } catch {
    // The browser reports the page's broken map itself; a second map would be ignored anyway.
    return undefined
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return undefined
  const record = map as Record<string, unknown>
  const theirs = record.imports
  const imports =
    typeof theirs === 'object' && theirs !== null && !Array.isArray(theirs) ? theirs : {}
  return importMapJson({ ...record, imports: { ...ours, ...imports } })
}

/** JSON safe inside `<script>`: `<` is escaped, so `</script>` in a URL cannot end the element. */
function importMapJson(map: object): string {
  return JSON.stringify(map).replace(/</g, '\\u003c')
}

function commentRanges(html: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const match of html.matchAll(COMMENT))
    ranges.push([match.index, match.index + match[0].length])
  return ranges
}

function findOutside(
  pattern: RegExp,
  html: string,
  comments: Array<[number, number]>,
  accept: (match: RegExpExecArray) => boolean = () => true,
): RegExpExecArray | undefined {
  const regex = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  )
  for (let match = regex.exec(html); match; match = regex.exec(html)) {
    const index = match.index
    const inComment = comments.some(([start, end]) => index >= start && index < end)
    if (!inComment && accept(match)) return match
  }
  return undefined
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
