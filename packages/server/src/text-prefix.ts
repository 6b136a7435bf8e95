/**
 * Measuring and encoding a text by what it shares with the text before it: a log's next text is
 * nearly always the last one edited near its end, and comparing strings costs far less than
 * encoding them.
 */

/** How far from the end the texts are compared first; each try goes 8× further. */
const FIRST_REACH = 4096

/**
 * A length of `before`'s beginning that `after` starts with too, found by comparing ever longer
 * beginnings from near the end (a compare costs far less than measuring); 0 when none is found.
 * Never splits a surrogate pair.
 */
export function sharedPrefix(before: string, after: string): number {
  for (let reach = FIRST_REACH; reach < before.length; reach *= 8) {
    let at = before.length - reach
    const code = before.charCodeAt(at - 1)
    if (code >= 0xd800 && code <= 0xdbff) at--
    if (at <= after.length && after.slice(0, at) === before.slice(0, at)) return at
  }
  return 0
}

/** The UTF-8 length of `text` from `from` on, as `TextEncoder` writes it (a lone surrogate is U+FFFD). */
export function utf8Length(text: string, from = 0): number {
  let bytes = text.length - from
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 2
      i++
    } else bytes += 2
  }
  return bytes
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
