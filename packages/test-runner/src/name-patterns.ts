/**
 * Test name patterns (`testNamePatterns`, `testSkipPatterns`, `--test-name-pattern`): strings
 * become regular expressions as Node makes them (`/re/flags` keeps its flags), RegExps stay.
 */

import { invalidArgType, invalidArgValue } from './argument-errors.js'

const REGEXP_TEXT = /^\/(.*)\/([a-z]*)$/

/** Node's `convertStringToRegExp`: `'/a.c/i'` → `/a.c/i`, `'abc'` → `/abc/`. */
export function patternFromString(text: string, name: string): RegExp {
  const match = REGEXP_TEXT.exec(text)
  const source = match?.[1] ?? text
  const flags = match?.[2] ?? ''
  try {
    return new RegExp(source, flags)
  } catch (error) {
    const message = (error as Error | undefined)?.message
    throw invalidArgValue(
      name,
      text,
      `is an invalid regular expression.${message ? ` ${message}` : ''}`,
    )
  }
}

/** The patterns of a run option: one pattern or a list; null when absent or empty. */
export function readPatterns(value: unknown, name: string): RegExp[] | null {
  if (value === undefined || value === null) return null
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0) return null
  return list.map((entry, index) => {
    if (entry instanceof RegExp) return entry
    if (typeof entry === 'string') return patternFromString(entry, `${name}[${index}]`)
    throw invalidArgType(`${name}[${index}]`, 'of type string or an instance of RegExp', entry)
  })
}
