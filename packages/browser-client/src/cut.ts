/**
 * Size limits for what a realm sends, so that every message fits the server's 8 MiB limit
 * (SPEC §7) however large the values, stacks and logs of the page are.
 */

/** Longest `text`, error message or stack of a result, in UTF-16 code units. */
export const RESULT_TEXT_MAX = 1_048_576

/** Longest `text` or `stack` of one captured event (SPEC §3.2: 64 KiB per preview). */
export const EVENT_TEXT_MAX = 65_536

/** Longest serialised message; the server refuses more than 8 MiB. */
export const MESSAGE_MAX: number = 7 * 1_048_576

/**
 * Returns the text, or its first `max` characters and a line saying how much was cut. Never splits
 * a surrogate pair.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}\n... (${text.length - end} more characters cut) ...`
}
