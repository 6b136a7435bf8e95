/**
 * How values are written into assertion messages: `inspect` from `@daebug/protocol` (bundled
 * into the build, so the package keeps no runtime dependency) with the options Node's assert
 * passes to `util.inspect`.
 */

import { inspect } from '@daebug/protocol'

/**
 * A value as Node 20's assert shows it in diffs and in `actual`/`expected` messages: one entry
 * per line, keys sorted, getters read, no depth or length limits, strings split after their
 * line breaks past 80 columns (`util.inspect`'s default `breakLength`, which assert keeps).
 */
export function inspectForDiff(value: unknown): string {
  return inspect(value, {
    compact: false,
    sorted: true,
    getters: true,
    depth: 1000,
    maxItems: Number.POSITIVE_INFINITY,
    maxStringLength: Number.POSITIVE_INFINITY,
    maxLength: Number.POSITIVE_INFINITY,
    breakLength: 80,
  })
}

/**
 * A value as `util.inspect` shows it with its default options (depth 2, 100 items, 80
 * columns): what assert uses for regular expressions, inputs and a validation function's
 * result. `depth: -1` shows objects as `[Object]`, `[Array]`, ….
 */
export function inspectDefault(value: unknown, depth = 2): string {
  return inspect(value, {
    depth,
    maxItems: 100,
    maxStringLength: 10_000,
    maxLength: Number.POSITIVE_INFINITY,
  })
}
