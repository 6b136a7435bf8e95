/**
 * The page's import map, as the server needs it for the page's worker (SPEC §3.1: workers have no
 * import maps, so the server applies the page's mapping to the worker's REPL code).
 */
import type { ImportMap } from '@daebug/protocol'

/** The part of `document` read here. */
export interface ImportMapDocument {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>
}

function stringEntries(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const out: Record<string, string> = {}
  for (const [key, target] of Object.entries(value))
    if (typeof target === 'string')
      Object.defineProperty(out, key, { value: target, enumerable: true })
  return out
}

/**
 * Every `<script type="importmap">` of the page merged, the first map winning where two map the
 * same specifier (as browsers merge them). Undefined when there is none, or none parses. Never
 * throws.
 */
export function readImportMap(doc: ImportMapDocument | undefined): ImportMap | undefined {
  try {
    const scripts = doc?.querySelectorAll('script[type="importmap"]')
    if (!scripts?.length) return undefined
    const imports: Record<string, string> = {}
    const scopes: Record<string, Record<string, string>> = {}
    for (let index = scripts.length - 1; index >= 0; index--) {
      let map: { imports?: unknown; scopes?: unknown }
      try {
        map = JSON.parse(scripts[index]!.textContent ?? '')
      } catch {
        continue
      }
      Object.assign(imports, stringEntries(map?.imports))
      const scoped = typeof map?.scopes === 'object' && map.scopes ? map.scopes : {}
      for (const [scope, entries] of Object.entries(scoped)) {
        const value = { ...scopes[scope], ...stringEntries(entries) }
        Object.defineProperty(scopes, scope, { value, enumerable: true, configurable: true })
      }
    }
    const result: ImportMap = {}
    if (Object.keys(imports).length) result.imports = imports
    if (Object.keys(scopes).length) result.scopes = scopes
    return result.imports || result.scopes ? result : undefined
  } catch {
    return undefined
  }
}
