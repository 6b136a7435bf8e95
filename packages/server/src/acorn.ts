/**
 * acorn, loaded when first needed (the first request, the first module served to a worker), so a
 * starting server does not parse its 230 KB before it listens. Shared by the REPL rewrite and the
 * module specifier rewrite.
 */
import type * as Acorn from 'acorn'

let loaded: typeof Acorn | undefined
let loading: Promise<typeof Acorn> | undefined

/** acorn once it has loaded, else undefined (see {@link loadAcorn}). */
export function loadedAcorn(): typeof Acorn | undefined {
  return loaded
}

/** Loads acorn once; later calls get the same module. */
export function loadAcorn(): Promise<typeof Acorn> {
  loading ??= import('acorn').then((module) => {
    loaded = module
    return module
  })
  return loading
}
