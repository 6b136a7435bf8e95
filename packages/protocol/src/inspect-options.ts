/**
 * The options of a preview, their defaults (SPEC §3.2), the state one preview starts from, and
 * the final cut at `maxLength`.
 */

import type { InspectContext } from './inspect-entries.js'
import { formatValue } from './inspect-value.js'

/**
 * Limits and layout of a preview. The defaults are SPEC §3.2's limits with `util.inspect`'s
 * layout; each option maps onto one of `util.inspect`'s (named in brackets), so that
 * `{ depth: 1000, maxItems: Infinity, maxStringLength: Infinity, maxLength: Infinity,
 * compact: false, sorted: true, getters: true }` prints what Node's assert prints
 * (`util.inspect` with `customInspect: false` and the same options).
 */
export interface InspectOptions {
  /**
   * Nesting levels shown; deeper objects print as `[Object]`, `[Array]`, `[Foo]` (default 6;
   * `Infinity` for all). [`depth`]
   */
  depth?: number
  /**
   * Entries shown per array, typed array, Map, Set, buffer and object (default 100; `Infinity`
   * for all). [`maxArrayLength`, which does not limit object properties]
   */
  maxItems?: number
  /** Characters shown per string (default 10,000; `Infinity` for all). [`maxStringLength`] */
  maxStringLength?: number
  /**
   * Characters in the whole preview, the final cut note included (default 65,536; `Infinity`
   * for no cut, though the work stays bounded at about 2^27 characters).
   */
  maxLength?: number
  /**
   * Columns an object's entries may take on one line, and past which a string holding newlines
   * is split into `'…\n' +` lines (default 80; `Infinity` never breaks a line for length).
   * [`breakLength`]
   */
  breakLength?: number
  /**
   * A number n: objects whose entries fit in `breakLength` go on one line unless they hold
   * objects n or more levels deeper, and arrays of more than 6 short entries are aligned in at
   * most 4n columns (default 3). `false` (or a number below 1): every non-empty object puts one
   * entry per line, and arrays are never grouped. [`compact`]
   */
  compact?: number | false
  /**
   * Sorts the entries of each object, Map and Set (and the non-index keys of an array) by their
   * printed text, in UTF-16 code unit order (default false). [`sorted: true`]
   */
  sorted?: boolean
  /**
   * Calls getters: an own accessor prints as `[Getter: 1]`, `[Getter/Setter: 'x']`, `[Getter]
   * { a: 1 }` for an object, `[Getter: <Inspection threw (message)>]` when it throws; a
   * `Symbol.toStringTag` getter is read too (default false: getters are never called, and print
   * as `[Getter]`, `[Setter]`, `[Getter/Setter]`). [`getters: true`]
   */
  getters?: boolean
  /**
   * Rewrites an error's stack before it is shown (the page client drops its own frames with it).
   * A throw is ignored: the stack is shown as it is.
   */
  cleanStack?: (stack: string) => string
}

const defaults = {
  depth: 6,
  maxItems: 100,
  maxStringLength: 10_000,
  maxLength: 65_536,
  breakLength: 80,
  compact: 3,
}

function numberOption(value: unknown, fallback: number): number {
  return typeof value === 'number' && !Number.isNaN(value) ? value : fallback
}

/** The `maxLength` a preview is cut at. */
export function maxLengthOf(options: InspectOptions): number {
  return Math.max(0, numberOption(options.maxLength, defaults.maxLength))
}

/** The starting state of one preview with these options. */
export function createContext(options: InspectOptions, showHidden = false): InspectContext {
  const maxLength = maxLengthOf(options)
  return {
    depth: numberOption(options.depth, defaults.depth),
    maxItems: Math.max(0, numberOption(options.maxItems, defaults.maxItems)),
    maxStringLength: Math.max(0, numberOption(options.maxStringLength, defaults.maxStringLength)),
    breakLength: numberOption(options.breakLength, defaults.breakLength),
    compact: options.compact === false ? 0 : numberOption(options.compact, defaults.compact),
    sorted: options.sorted === true,
    getters: options.getters === true,
    showHidden,
    ...(options.cleanStack ? { cleanStack: options.cleanStack } : {}),
    format: formatValue,
    indentationLvl: 0,
    currentDepth: 0,
    seen: [],
    circular: undefined,
    budget: Math.max(2 * Math.min(maxLength, 2 ** 26), 10_000),
    levelTotals: [],
    maxLength,
    exhausted: false,
  }
}

function withSeparators(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Cuts `text` to `maxLength` characters, the last line saying how many were cut. */
export function cutToLength(text: string, maxLength: number, exhausted: boolean): string {
  if (text.length <= maxLength) return text
  let keep = maxLength
  let note = ''
  for (;;) {
    const count = withSeparators(text.length - keep)
    note = exhausted ? `… (more than ${count} characters cut)` : `… (${count} more characters cut)`
    let next = Math.max(0, maxLength - note.length - 1)
    const code = text.charCodeAt(next - 1)
    if (code >= 0xd800 && code <= 0xdbff) next--
    if (next >= keep) break
    keep = next
  }
  return keep === 0 ? note : `${text.slice(0, keep)}\n${note}`
}
