/**
 * Module specifiers in REPL code (SPEC §3.1): relative ones resolve against the realm's URL, bare
 * ones through an import map (the page's own map does that natively; workers have none, so the
 * server applies the page's mapping).
 */

import type { ImportMap } from '@daebug/protocol'

function isRelative(specifier: string): boolean {
  return /^(?:\/|\.\/|\.\.\/)/.test(specifier)
}

function asUrl(specifier: string, base: string | undefined): string | undefined {
  try {
    if (isRelative(specifier)) return base === undefined ? undefined : new URL(specifier, base).href
    return new URL(specifier).href
  } catch {
    return undefined
  }
}

/**
 * The best entry of one map level: an exact key, else the longest key ending in `/` that prefixes
 * it. URL-like keys (`./x`, `/x`, `https://…`) are compared as the URLs they stand for.
 */
function lookUp(
  key: string,
  imports: Record<string, string>,
  base: string | undefined,
): string | undefined {
  let best: { prefix: string; target: string } | undefined
  for (const [raw, target] of Object.entries(imports)) {
    const prefix = asUrl(raw, base) ?? raw
    if (prefix === key) return asUrl(target, base) ?? target
    if (
      prefix.endsWith('/') &&
      key.startsWith(prefix) &&
      prefix.length > (best?.prefix.length ?? 0)
    )
      best = { prefix, target }
  }
  if (best === undefined) return undefined
  const target = `${best.target}${key.slice(best.prefix.length)}`
  return asUrl(target, base) ?? target
}

/**
 * Resolves a specifier as a module import in a realm at `base` would: relative and absolute URLs
 * against `base`, bare specifiers through `importMap` (its scopes first). A bare specifier no
 * entry maps is returned unchanged, so the realm reports it as the browser does.
 * @example
 * resolveSpecifier('./app.js', 'http://127.0.0.1:8960/index.html') // 'http://127.0.0.1:8960/app.js'
 * resolveSpecifier('lit', 'http://h/', { imports: { lit: '/vendor/lit.js' } }) // 'http://h/vendor/lit.js'
 */
export function resolveSpecifier(
  specifier: string,
  base: string | undefined,
  importMap?: ImportMap,
): string {
  const url = asUrl(specifier, base)
  const key = url ?? specifier
  if (importMap) {
    const scopes = Object.keys(importMap.scopes ?? {})
      .map((scope) => ({ scope, url: asUrl(scope, base) ?? scope }))
      .filter(({ url: scope }) => base?.startsWith(scope))
      .sort((a, b) => b.url.length - a.url.length)
    for (const { scope } of scopes) {
      const found = lookUp(key, importMap.scopes![scope]!, base)
      if (found !== undefined) return found
    }
    const found = lookUp(key, importMap.imports ?? {}, base)
    if (found !== undefined) return found
  }
  return key
}
