/**
 * One test's line as Node's spec and dot reporters print it, without colour: its symbol, name,
 * duration, skip/todo reason, and its error inspected and indented below it.
 */
import type { TestResultData } from '@daebug/protocol'
import { fieldOf, inspectTestError, reviveTestError } from './test-error.js'

/** The symbols of Node's spec and dot reporters. */
export const REPORT_SYMBOLS: {
  readonly pass: string
  readonly fail: string
  readonly diagnostic: string
  readonly arrowRight: string
  readonly hyphenMinus: string
} = {
  pass: '\u2714 ',
  fail: '\u2716 ',
  diagnostic: '\u2139 ',
  arrowRight: '\u25B6 ',
  hyphenMinus: '\uFE63 ',
}

/** Two spaces per nesting level. */
export function indent(nesting: number): string {
  return '  '.repeat(Math.max(0, nesting))
}

/** True when a `skip` or `todo` field marks the test (Node leaves it out otherwise). */
export function isMarked(flag: unknown): flag is string | true {
  return flag !== undefined && flag !== false
}

/** The reason of a skip/todo, or `fallback` when it has none. */
export function reasonOr(flag: string | true, fallback: string): string {
  return typeof flag === 'string' && flag.length ? flag : fallback
}

/** A failure below its test line: the thrown value (the wrapper's `cause`) inspected, indented. */
function formatError(error: unknown, indentation: string): string {
  if (!error) return ''
  const revived = reviveTestError(error)
  const thrown =
    fieldOf(revived, 'code') === 'ERR_TEST_FAILURE' ? fieldOf(revived, 'cause') : revived
  const text = inspectTestError(thrown).split(/\r?\n/).join(`\n${indentation}  `)
  return `\n${indentation}  ${text}\n`
}

/**
 * `✔ name (1.5ms)`, `✖ name (2ms)` and its error, `﹣ name (0.1ms) # reason`. A test that had
 * subtests shows its error only when it failed for a reason of its own.
 */
export function formatReportLine(
  type: 'test:pass' | 'test:fail',
  data: TestResultData,
  prefix = '',
  indentation = '',
  hasChildren = false,
): string {
  const { skip, todo, details } = data
  const duration = details?.duration_ms ? ` (${details.duration_ms}ms)` : ''
  let title = `${data.name}${duration}`
  if (isMarked(skip)) title += ` # ${reasonOr(skip, 'SKIP')}`
  else if (isMarked(todo)) title += ` # ${reasonOr(todo, 'TODO')}`
  const error = formatError(details?.error, indentation)
  const failedForItself = error && fieldOf(details?.error, 'failureType') !== 'subtestsFailed'
  const shown = hasChildren ? (failedForItself ? `\n${error}` : '') : error
  const symbol = isMarked(skip)
    ? REPORT_SYMBOLS.hyphenMinus
    : type === 'test:fail'
      ? REPORT_SYMBOLS.fail
      : REPORT_SYMBOLS.pass
  return `${prefix}${indentation}${symbol}${title}${shown}`
}
