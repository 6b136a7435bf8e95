/**
 * Primitive values and property names as `util.inspect` writes them: quoting and escaping of
 * strings, `-0`, `12n`, `Symbol(x)`, and the display width used to align grouped array columns.
 */

import { symbolText } from './inspect-reflect.js'

// Surrogate pairs are matched first and kept, so that only lone surrogates are escaped; this
// avoids lookbehind, which Safari before 16.4 cannot parse (a SyntaxError would break the client).
const escapedChars = /[\ud800-\udbff][\udc00-\udfff]|[\x00-\x1f\x27\x5c\x7f-\x9f\ud800-\udfff]/g
const escapedCharsNoQuote = /[\ud800-\udbff][\udc00-\udfff]|[\x00-\x1f\x5c\x7f-\x9f\ud800-\udfff]/g
const namedEscapes: Record<string, string> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  "'": "\\'",
  '\\': '\\\\',
}

function escapeChar(char: string): string {
  if (char.length === 2) return char
  const named = namedEscapes[char]
  if (named) return named
  const code = char.charCodeAt(0)
  if (code >= 0xd800) return `\\u${code.toString(16)}`
  return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
}

/** Escapes control characters, lone surrogates, backslashes and (optionally) single quotes. */
function escapeText(text: string, quote = true): string {
  return text.replace(quote ? escapedChars : escapedCharsNoQuote, escapeChar)
}

/**
 * A string literal as `util.inspect` quotes it: single quotes, or double quotes when the text
 * holds a single quote, or backticks when it holds both (and no `${`).
 */
export function quoteString(text: string): string {
  if (text.includes("'")) {
    if (!text.includes('"')) return `"${escapeText(text, false)}"`
    if (!text.includes('`') && !text.includes('${')) return `\`${escapeText(text, false)}\``
  }
  return `'${escapeText(text)}'`
}

/** A number as `util.inspect` writes it (`-0` keeps its sign). */
export function formatNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : `${value}`
}

/** `... 3 more items` as `util.inspect` writes it. */
export function remainingText(
  remaining: number,
  singular = 'item',
  plural = `${singular}s`,
): string {
  return `... ${remaining} more ${remaining > 1 ? plural : singular}`
}

/** The text cut after each `\n`, the newlines kept (`'a\nb'` → `['a\n', 'b']`). */
function splitAfterNewlines(text: string): string[] {
  const lines = text.split('\n')
  const last = lines.pop()!
  const pieces = lines.map((line) => `${line}\n`)
  if (last !== '' || pieces.length === 0) pieces.push(last)
  return pieces
}

/** Where the previewed-string is broken into `'…\n' +` lines (util.inspect's kMinLineLength). */
const minLineLength = 16

/**
 * A string value with `maxStringLength` applied; strings longer than the remaining line are split
 * after each newline into `'line\n' +` pieces, like `util.inspect`.
 */
export function formatString(
  value: string,
  maxStringLength: number,
  breakLength: number,
  indentation: number,
): string {
  let text = value
  let trailer = ''
  if (text.length > maxStringLength) {
    const remaining = text.length - maxStringLength
    text = text.slice(0, Math.max(0, maxStringLength))
    trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`
  }
  if (text.length > minLineLength && text.length > breakLength - indentation - 4) {
    return (
      splitAfterNewlines(text)
        .map((line) => quoteString(line))
        .join(` +\n${' '.repeat(indentation + 2)}`) + trailer
    )
  }
  return quoteString(text) + trailer
}

/** Any primitive except strings (`undefined`, `-0`, `12n`, `Symbol(x)`, `true`). */
export function formatOtherPrimitive(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return formatNumber(value)
    case 'bigint':
      return `${value}n`
    case 'symbol':
      return symbolText(value)
    default:
      return String(value)
  }
}

const identifierKey = /^[a-zA-Z_][a-zA-Z_0-9]*$/

/** A property name as written before `: value`. */
export function formatKey(key: PropertyKey, enumerable: boolean): string {
  if (typeof key === 'symbol') return `[${escapeText(symbolText(key))}]`
  const name = String(key)
  if (name === '__proto__') return "['__proto__']"
  if (!enumerable) return `[${escapeText(name)}]`
  if (identifierKey.test(name)) return name
  return quoteString(name)
}

function isZeroWidth(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xfe20 && code <= 0xfe2f) ||
    (code >= 0xe0100 && code <= 0xe01ef)
  )
}

function isFullWidth(code: number): boolean {
  return (
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) ||
      (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1b000 && code <= 0x1b001) ||
      (code >= 0x1f200 && code <= 0x1f251) ||
      (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x20000 && code <= 0x3fffd))
  )
}

/** Columns the text takes in a terminal (East Asian wide characters count 2, combining marks 0). */
export function displayWidth(text: string): number {
  let width = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 127) {
      width += code >= 32 ? 1 : 0
      continue
    }
    for (const char of text.slice(i).normalize('NFC')) {
      const point = char.codePointAt(0)!
      if (isFullWidth(point)) width += 2
      else if (!isZeroWidth(point)) width += 1
    }
    break
  }
  return width
}

/**
 * The `Foo `, `Foo [tag] ` or `[Object: null prototype] ` in front of an object's braces; `size`
 * goes after the name (`Map(2) `).
 */
export function getPrefix(
  constructorName: string | null,
  tag: string,
  fallback: string,
  size = '',
): string {
  if (constructorName === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `
    return `[${fallback}${size}: null prototype] `
  }
  if (tag !== '' && constructorName !== tag) return `${constructorName}${size} [${tag}] `
  return `${constructorName}${size} `
}

/** Any value as a string without running its code (objects become `[object]`). */
export function plainString(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'symbol') return symbolText(value)
  if ((typeof value === 'object' && value !== null) || typeof value === 'function')
    return '[object]'
  return String(value)
}
