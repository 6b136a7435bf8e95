/**
 * Type-stripping of TypeScript with `ts-blank-space`: types become spaces, so every line and
 * column stays where it was. Shared by REPL code (SPEC §3.1) and served `.ts` files (SPEC §5.4).
 */

/** Where a construct that needs code generation (an enum, a namespace…) was found. */
export interface Unsupported {
  pos: number
  end: number
}

/** Strips the types of `code`; `onError` hears of constructs that cannot be stripped. */
export type StripTypes = (code: string, onError?: (node: Unsupported) => void) => string

let loaded: StripTypes | undefined
let loading: Promise<StripTypes> | undefined

/** The stripper once it has loaded, else undefined (see {@link loadStripTypes}). */
export function loadedStripTypes(): StripTypes | undefined {
  return loaded
}

/** Loads the stripper once (it brings in `typescript`, so only when first needed). */
export function loadStripTypes(): Promise<StripTypes> {
  loading ??= import('ts-blank-space').then((module) => {
    loaded = module.default as StripTypes
    return loaded
  })
  return loading
}

/** The 1-based line and 0-based column of an offset. */
export function lineAndColumn(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - (before.lastIndexOf('\n') + 1) }
}

/** The first unsupported construct: its start (after leading blanks) and its first 40 characters. */
export function describeUnsupported(
  code: string,
  node: Unsupported,
): { line: number; column: number; what: string } {
  const start = node.pos + (/^\s*/.exec(code.slice(node.pos))?.[0].length ?? 0)
  const what = code.slice(start, node.end).split('\n')[0]!.slice(0, 40)
  return { ...lineAndColumn(code, start), what }
}
