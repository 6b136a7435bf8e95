/**
 * From a request's fence to the script a realm runs: TypeScript is type-stripped (positions kept),
 * then the REPL rewrite applies (SPEC §3.1).
 */
import { type RewriteOptions, type Rewritten, rewriteForRepl } from './rewrite.js'

/** The fence languages that are TypeScript. */
const TYPESCRIPT = new Set(['ts', 'typescript'])

type Strip = (code: string, onError?: (node: { pos: number; end: number }) => void) => string

let strip: Strip | undefined
let loading: Promise<Strip> | undefined

/** Loads the stripper once, on the first TypeScript request (it brings in `typescript`). */
function loadStrip(): Promise<Strip> {
  loading ??= import('ts-blank-space').then((module) => {
    strip = module.default as Strip
    return strip
  })
  return loading
}

function lineAndColumn(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - (before.lastIndexOf('\n') + 1) }
}

function stripTypes(code: string, stripper: Strip, options: RewriteOptions): Rewritten {
  let unsupported: { pos: number; end: number } | undefined
  const javascript = stripper(code, (node) => {
    unsupported ??= node
  })
  if (unsupported) {
    const start = unsupported.pos + (/^\s*/.exec(code.slice(unsupported.pos))?.[0].length ?? 0)
    const { line, column } = lineAndColumn(code, start)
    const what = code.slice(start, unsupported.end).split('\n')[0]!.slice(0, 40)
    const text = `\`${what}\` is TypeScript that needs code generation (an enum, a namespace, a parameter property…), which REPL code does not get; write it as plain JavaScript (line ${line}, column ${column + 1} of your code)`
    return {
      ok: false,
      error: { name: 'SyntaxError', message: text, stack: `SyntaxError: ${text}` },
    }
  }
  return rewriteForRepl(javascript, options)
}

/**
 * Prepares a request's code for a realm: synchronously, except for the first TypeScript request,
 * which waits for the stripper to load.
 * @example
 * prepareCode('let x: number = 1', 'ts', {}) // a promise the first time, then { ok: true, script }
 */
export function prepareCode(
  code: string,
  lang: string,
  options: RewriteOptions,
): Rewritten | Promise<Rewritten> {
  if (!TYPESCRIPT.has(lang)) return rewriteForRepl(code, options)
  if (strip) return stripTypes(code, strip, options)
  return loadStrip().then((loaded) => stripTypes(code, loaded, options))
}
