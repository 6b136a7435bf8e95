/**
 * Single-file mode (SPEC §11, `--js-file debug.js`): the older one-file protocol. The file starts
 * with a header of comment lines, one per realm; the agent writes `// <realm fragment>` and code
 * below it; the server acknowledges, then writes `var result = …` or the error's stack.
 */

/** What a realm's header line says. */
export type JsFileState =
  | { state: 'idle' }
  | { state: 'executing'; snippet: string; job: string; started: string }
  | { state: 'completed'; durationMs: number }
  | { state: 'failed'; durationMs: number }
  | { state: 'timeout' }

/** One realm in the header. `time` is its last state change, `HH:MM:SS`. */
export interface JsFileRealm {
  name: string
  url: string
  time: string
  status: JsFileState
}

/** The longest code snippet an acknowledgement shows. */
export const JS_FILE_SNIPPET = 50

/** Milliseconds with thousands separators, the same on every runtime: `1,220`. */
export function formatJsFileMs(ms: number): string {
  return String(Math.round(ms)).replace(/\B(?=(\d{3})+$)/g, ',')
}

/**
 * The code as an acknowledgement quotes it: line breaks (with their indentation) become one space,
 * and past 50 characters it is cut and ends in `...`.
 * @example jsFileSnippet('(async () => {\n  return 1\n})()') // '(async () => { return 1 })()'
 */
export function jsFileSnippet(code: string): string {
  const flat = code.trim().replace(/[ \t]*\r?\n\s*/g, ' ')
  const chars = [...flat]
  return chars.length > JS_FILE_SNIPPET ? `${chars.slice(0, JS_FILE_SNIPPET).join('')}...` : flat
}

function describe(status: JsFileState): string {
  switch (status.state) {
    case 'idle':
      return 'idle'
    case 'executing':
      return `executing "${status.snippet}" job=${status.job} started=${status.started}`
    case 'completed':
      return `completed in ${formatJsFileMs(status.durationMs)}ms (result below)`
    case 'failed':
      return `failed after ${formatJsFileMs(status.durationMs)}ms (see below)`
    case 'timeout':
      return 'completed error (timeout)'
  }
}

/** A header line: `// <name> <URL> <HH:MM:SS> <state>`. */
export function formatJsFileLine(realm: JsFileRealm): string {
  return `// ${realm.name} ${realm.url} ${realm.time} ${describe(realm.status)}`
}

/**
 * The header: the realm that is executing, or else the one that finished last (`pinned`), first;
 * then the others, most recent state change first (the caller passes them in that order).
 */
export function formatJsFileHeader(realms: readonly JsFileRealm[], pinned?: string): string {
  const first = realms.find((realm) => realm.name === pinned)
  const ordered = first ? [first, ...realms.filter((realm) => realm !== first)] : realms
  if (!ordered.length) return '// (no realms connected yet)'
  return ordered.map(formatJsFileLine).join('\n')
}

/** The whole file: header, then the body when there is one. */
export function formatJsFile(header: string, body?: string): string {
  return body === undefined || body.trim() === ''
    ? `${header}\n`
    : `${header}\n${body.replace(/\n+$/, '')}\n`
}

/** The body of a success: `var result = <JSON, 2-space indent>` (no semicolon). */
export function formatJsFileResult(json: string | undefined, text: string): string {
  if (json === undefined) return `var result = ${text}`
  return `var result = ${JSON.stringify(JSON.parse(json), null, 2)}`
}

/** The body that says no connected realm matched the request's first line. */
export function formatJsFilePageNotFound(fragment: string): string {
  return `// page not found for "${fragment}"`
}

const HEADER_LINE =
  /^\/\/ \S+ \S+ \d\d:\d\d:\d\d (?:idle|executing ".*" job=\S+ started=\d\d:\d\d:\d\d|completed in [\d,]+ms \(result below\)|failed after [\d,]+ms \(see below\)|completed error \(timeout\))$/
const NO_REALMS = '// (no realms connected yet)'
const PAGE_NOT_FOUND = /^\/\/ page not found for ".*"$/

/** What lies below the header lines: the agent's request, or the last result, verbatim. */
export function jsFileBody(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  let i = 0
  while (i < lines.length && (HEADER_LINE.test(lines[i]!) || lines[i] === NO_REALMS)) i++
  return lines.slice(i).join('\n')
}

/** A request read from the file: the realm fragment of its first line, and the code below it. */
export interface JsFileRequest {
  fragment: string
  code: string
}

/**
 * Reads the agent's request: below the header lines (the server's), the first non-empty line is a
 * `// <fragment>` comment and the rest is code. Returns undefined when the file holds no request
 * (only the header, a result, a stack, the page-not-found note, or a comment with no code).
 */
export function parseJsFileRequest(text: string): JsFileRequest | undefined {
  const lines = jsFileBody(text).split('\n')
  let i = 0
  while (i < lines.length && lines[i]!.trim() === '') i++
  const first = lines[i]
  if (first === undefined || PAGE_NOT_FOUND.test(first)) return undefined
  const comment = /^\s*\/\/\s*(.*?)\s*$/.exec(first)
  if (!comment) return undefined
  const code = lines
    .slice(i + 1)
    .join('\n')
    .trim()
  if (!code) return undefined
  return { fragment: comment[1]!, code }
}
