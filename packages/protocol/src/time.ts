/**
 * Durations and clock times exactly as every Daebug surface prints them (SPEC §2, §2.9).
 */

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Formats a duration: whole milliseconds below 2000 ms (`5ms`, `1,234ms`), else seconds rounded
 * half up to one decimal (`2.5s`, `1,234.6s`). Never locale-dependent; negative or non-finite
 * input is treated as 0.
 * @example formatDuration(1999.6) // '2.0s'
 */
export function formatDuration(ms: number): string {
  const whole = Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0
  if (whole < 2000) return `${groupThousands(String(whole))}ms`
  const tenths = Math.floor((whole + 50) / 100)
  return `${groupThousands(String(Math.floor(tenths / 10)))}.${tenths % 10}s`
}

/**
 * Reads a duration written by {@link formatDuration} back into milliseconds (`'2.5s'` → 2500).
 * Returns `undefined` for anything else.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,3}(?:,\d{3})*)(?:(ms)|\.(\d)s)$/.exec(text)
  if (!match) return undefined
  const whole = Number(match[1]!.replaceAll(',', ''))
  return match[2] ? whole : whole * 1000 + Number(match[3]) * 100
}

const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * Formats the local wall-clock time of a date as `HH:MM:SS` (24-hour, zero-padded). The date is an
 * argument: protocol code never reads the clock itself.
 */
export function formatClock(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** True for a valid `HH:MM:SS` string (00:00:00 to 23:59:59). */
export function isClock(text: string): boolean {
  return /^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(text)
}
