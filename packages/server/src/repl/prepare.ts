/**
 * From a request's fence to the script a realm runs: TypeScript is type-stripped (positions kept),
 * then the REPL rewrite applies (SPEC §3.1).
 */
import { loadAcorn, loadedAcorn } from '../acorn.js'
import {
  describeUnsupported,
  loadedStripTypes,
  loadStripTypes,
  type StripTypes,
  type Unsupported,
} from '../strip-types.js'
import { type RewriteOptions, type Rewritten, rewriteForRepl } from './rewrite.js'

/** The fence languages that are TypeScript. */
const TYPESCRIPT = new Set(['ts', 'typescript'])

function stripTypes(code: string, stripper: StripTypes, options: RewriteOptions): Rewritten {
  let unsupported: Unsupported | undefined
  const javascript = stripper(code, (node) => {
    unsupported ??= node
  })
  if (unsupported) {
    const { line, column, what } = describeUnsupported(code, unsupported)
    const text = `\`${what}\` is TypeScript that needs code generation (an enum, a namespace, a parameter property…), which REPL code does not get; write it as plain JavaScript (line ${line}, column ${column + 1} of your code)`
    return {
      ok: false,
      error: { name: 'SyntaxError', message: text, stack: `SyntaxError: ${text}` },
    }
  }
  return rewriteForRepl(javascript, options)
}

/**
 * Prepares a request's code for a realm: synchronously, except for the first request, which waits
 * for acorn to load, and the first TypeScript request, which waits for the stripper.
 * @example
 * prepareCode('let x: number = 1', 'ts', {}) // a promise the first time, then { ok: true, script }
 */
export function prepareCode(
  code: string,
  lang: string,
  options: RewriteOptions,
): Rewritten | Promise<Rewritten> {
  if (!loadedAcorn()) return loadAcorn().then(() => prepareCode(code, lang, options))
  if (!TYPESCRIPT.has(lang)) return rewriteForRepl(code, options)
  const strip = loadedStripTypes()
  if (strip) return stripTypes(code, strip, options)
  return loadStripTypes().then((loaded) => stripTypes(code, loaded, options))
}
