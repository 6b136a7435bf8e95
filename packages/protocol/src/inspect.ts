/**
 * Previews of any JavaScript value, like Node's `util.inspect` (SPEC §3.2), console arguments like
 * Node's `console.log`, and the lossless-JSON test that decides between a `JSON` and a `Text`
 * reply. Pure: value → text; never throws; no DOM, Node or other host APIs (runs in browsers,
 * workers, Node, Bun and Deno).
 *
 * The text is what Node 20 prints for `util.inspect(value, { depth, maxArrayLength: maxItems,
 * maxStringLength, breakLength, compact, sorted, getters, customInspect: false })`. The port is
 * split by job: inspect-options.ts (options and defaults), inspect-value.ts (the recursion,
 * cycles, limits, sorting), inspect-shape.ts and inspect-brands.ts (what kind of object a value
 * is), inspect-object.ts (how each kind is written), inspect-entries.ts (collection entries),
 * inspect-getter.ts (getters, when called), inspect-error.ts (stacks), inspect-dom.ts (DOM
 * nodes), inspect-text.ts (primitives, keys), inspect-reflect.ts (reads that never run the
 * value's code) and inspect-layout.ts, which holds Node's line breaking (by default with
 * `breakLength: 80` and `compact: 3`):
 * - an object's entries go on one line (`{ a: 1, b: [ 1, 2 ] }`) when they fit in 80 columns
 *   (counting the indentation, the prefix and the entry count), none of them holds a line break,
 *   and the object's most recently entered descendant is fewer than 3 levels deeper; otherwise
 *   one entry per line, indented by two spaces per level (always, with `compact: false`);
 * - arrays and typed arrays with more than 6 entries are grouped into aligned columns (about as
 *   many columns as make a square block, at most 15 and at most 80 columns wide; numbers are
 *   right-aligned, other entries left-aligned) when the longest entry is short enough;
 * - strings longer than 16 characters that do not fit on the line are split after each `\n`
 *   into `'…\n' +` pieces.
 *
 * Known differences from `util.inspect`, because pure JavaScript cannot see what Node's
 * internals see, or because a preview must not run the page's code, or to bound the work:
 * - promises always print `Promise { <pending> }` (their state cannot be read synchronously);
 * - Map/Set iterators print `[Map Iterator] { <items unknown> }` (reading them would consume
 *   them); WeakMap/WeakSet entries are `<items unknown>` even when showing hidden properties;
 * - a Proxy is previewed through its traps (Node shows the target without calling any trap); a
 *   trap that throws yields `<Inspection threw (message)>` in place of what it hid;
 * - getters are not called unless `getters: true`: not a `Symbol.toStringTag` getter (`Foo {}`,
 *   Node: `Foo [tag] {}`); never an error's `stack`, `name` or `message` getter written in
 *   JavaScript (`[Error: message]`), nor a `[util.inspect.custom]` method (as with Node's
 *   `customInspect: false`: a Buffer prints as `Buffer(3) [Uint8Array] [ 1, 2, 3 ]`, a URL as
 *   `URL {}`); host getters run (typed-array lengths, Firefox's `stack`, DOM properties), so DOM
 *   nodes of a DOM written in JavaScript (jsdom) print as class instances, as Node prints them;
 * - objects list at most `maxItems` properties (`... 5 more properties`); Node lists all;
 * - arrays and typed arrays longer than 50,000 elements and than `maxItems` do not list their
 *   non-index properties;
 * - once the preview is sure to pass `maxLength` (or the work passes about twice `maxLength`),
 *   the objects still to do print as `[Object]`-style placeholders and the cut note says
 *   `more than N characters cut`;
 * - showing hidden properties (`%o`) omits the prototype properties Node adds;
 * - column alignment measures wide characters with a fixed table, not ICU;
 * - DOM nodes (which Node never sees) print as described in inspect-dom.ts; Firefox/Safari
 *   stacks get the `Name: message` line they lack.
 */

import { createContext, cutToLength, type InspectOptions, maxLengthOf } from './inspect-options.js'
import { isNativeFunction, readData, symbolText, thrownMessage } from './inspect-reflect.js'
import { formatNumber } from './inspect-text.js'
import { formatValue } from './inspect-value.js'

export { losslessJson } from './inspect-json.js'
export type { InspectOptions } from './inspect-options.js'

interface Preview {
  text: string
  exhausted: boolean
}

function preview(value: unknown, options: InspectOptions, showHidden = false): Preview {
  try {
    const ctx = createContext(options, showHidden)
    return { text: formatValue(ctx, value, 0), exhausted: ctx.exhausted }
  } catch (thrown) {
    return { text: `<Inspection threw (${thrownMessage(thrown)})>`, exhausted: false }
  }
}

/**
 * A readable preview of any value, like Node's `util.inspect` with SPEC §3.2's limits. Never
 * throws, calls no getter unless `getters: true`, and stops early on huge values.
 *
 * @example
 * inspect(new Map([['a', 1]])) // "Map(1) { 'a' => 1 }"
 * inspect([1, , 3]) // '[ 1, <1 empty item>, 3 ]'
 * // The options of Node's assert messages:
 * inspect({ b: [1], a: 2 }, { compact: false, sorted: true, getters: true }) // '{\n  a: 2,\n  b: [\n    1\n  ]\n}'
 */
export function inspect(value: unknown, options: InspectOptions = {}): string {
  try {
    const { text, exhausted } = preview(value, options)
    return cutToLength(text, maxLengthOf(options), exhausted)
  } catch {
    return '<Inspection threw>'
  }
}

type InspectArg = (value: unknown, overrides?: InspectOptions, showHidden?: boolean) => string

/** `%s`: built-in `toString`s are previewed (depth 0), user-defined ones are called, like Node. */
function formatStringSpecifier(arg: unknown, inspectArg: InspectArg): string {
  if (typeof arg === 'number') return formatNumber(arg)
  if (typeof arg === 'bigint') return `${arg}n`
  if (typeof arg === 'symbol') return symbolText(arg)
  if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) {
    try {
      return String(arg)
    } catch (thrown) {
      return `<Inspection threw (${thrownMessage(thrown)})>`
    }
  }
  return inspectArg(arg, { depth: 0 })
}

function hasBuiltInToString(value: object): boolean {
  const stringify = readData(value, 'toString')
  const toPrimitive = readData(value, Symbol.toPrimitive)
  if (typeof stringify !== 'function' && typeof toPrimitive !== 'function') return true
  if (typeof toPrimitive === 'function' && !isNativeFunction(toPrimitive)) return false
  return typeof stringify !== 'function' || isNativeFunction(stringify)
}

function formatNumberSpecifier(arg: unknown, parse: (value: unknown) => number): string {
  if (typeof arg === 'bigint' && parse !== parseFloatOf) return `${arg}n`
  if (typeof arg === 'symbol') return 'NaN'
  try {
    return formatNumber(parse(arg))
  } catch {
    return 'NaN'
  }
}

const numberOf = (value: unknown): number => Number(value)
// biome-ignore lint/correctness/useParseIntRadix: util.format's %i reads '0x10' as 16
const parseIntOf = (value: unknown): number => Number.parseInt(String(value))
const parseFloatOf = (value: unknown): number => Number.parseFloat(String(value))

function formatJsonSpecifier(arg: unknown): string {
  try {
    return String(JSON.stringify(arg))
  } catch (thrown) {
    const message = thrownMessage(thrown)
    return /circular/i.test(message) ? '[Circular]' : `<Inspection threw (${message})>`
  }
}

/**
 * Console arguments as Node's `console.log` prints them (`util.format`): a first string
 * argument may hold `%s %d %i %f %j %o %O %c %%`; remaining strings are printed as they are,
 * other values previewed with {@link inspect}, all joined by spaces. Never throws. Like Node,
 * the conversions a format string asks for run the value's own code: `%s` a user-defined
 * `toString`, `%d %i %f` `valueOf`, `%j` `toJSON` and getters (via `JSON.stringify`).
 *
 * @example
 * inspectArgs(['%s has %d items', 'cart', 3, { a: 1 }]) // 'cart has 3 items { a: 1 }'
 */
export function inspectArgs(args: unknown[], options: InspectOptions = {}): string {
  try {
    let exhausted = false
    const inspectArg: InspectArg = (value, overrides = {}, showHidden = false) => {
      const result = preview(value, { ...options, ...overrides }, showHidden)
      exhausted ||= result.exhausted
      return result.text
    }
    const first = args[0]
    let a = 0
    let str = ''
    let join = ''
    if (typeof first === 'string') {
      if (args.length === 1) return cutToLength(first, maxLengthOf(options), false)
      let lastPos = 0
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue
        const next = first[++i]
        if (a + 1 !== args.length) {
          let text: string
          switch (next) {
            case 's':
              text = formatStringSpecifier(args[++a], inspectArg)
              break
            case 'j':
              text = formatJsonSpecifier(args[++a])
              break
            case 'd':
              text = formatNumberSpecifier(args[++a], numberOf)
              break
            case 'i':
              text = formatNumberSpecifier(args[++a], parseIntOf)
              break
            case 'f':
              text = formatNumberSpecifier(args[++a], parseFloatOf)
              break
            case 'O':
              text = inspectArg(args[++a])
              break
            case 'o':
              text = inspectArg(args[++a], { depth: 4 }, true)
              break
            case 'c':
              a++
              text = ''
              break
            case '%':
              str += first.slice(lastPos, i)
              lastPos = i + 1
              continue
            default:
              continue
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1)
          str += text
          lastPos = i + 1
        } else if (next === '%') {
          str += first.slice(lastPos, i)
          lastPos = i + 1
        }
      }
      if (lastPos !== 0) {
        a++
        join = ' '
        if (lastPos < first.length) str += first.slice(lastPos)
      }
    }
    while (a < args.length) {
      const value = args[a]
      str += join + (typeof value === 'string' ? value : inspectArg(value))
      join = ' '
      a++
    }
    return cutToLength(str, maxLengthOf(options), exhausted)
  } catch {
    return '<Inspection threw>'
  }
}
