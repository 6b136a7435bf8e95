/**
 * The `tap` reporter: Node 20's TAP version 13, with `# Subtest:` lines, nested plans indented by
 * four spaces per level, and a YAML block per test (duration, type, location, and for a failure
 * the original error's message, code, name, expected/actual/operator and stack frames).
 */
import type { TestEvent, TestResultDetails } from '@daebug/protocol'
import { isMarked, reasonOr } from './report-line.js'
import {
  type IncrementalReporter,
  type Reporter,
  type ReporterOptions,
  toReporter,
  withSharedOptions,
} from './reporter.js'
import { fieldOf, inspectScalar, isError, reviveTestError } from './test-error.js'

const LINE_BREAK = /\n|\r\n/
const FRAME_START = /^ {4}at /
/** Failure types whose wrapper stands for an error of the test's own code, shown unwrapped. */
const UNWRAPPED_FAILURES = new Set([
  'testCodeFailure',
  'hookFailed',
  'uncaughtException',
  'unhandledRejection',
])

function indent(nesting: number): string {
  return '    '.repeat(Math.max(0, nesting))
}

/** Escapes what TAP gives a meaning: control characters, `\` and `#`. */
function tapEscape(input: string): string {
  return input
    .replaceAll('\b', '\\b')
    .replaceAll('\f', '\\f')
    .replaceAll('\t', '\\t')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\v', '\\v')
    .replaceAll('\\', '\\\\')
    .replaceAll('#', '\\#')
}

function reportTest(
  nesting: number,
  testNumber: number,
  status: 'ok' | 'not ok',
  name: string,
  skip: unknown,
  todo: unknown,
): string {
  let line = `${indent(nesting)}${status} ${testNumber}`
  if (name) line += ` ${tapEscape(`- ${name}`)}`
  if (isMarked(skip)) {
    const reason = reasonOr(skip, '')
    line += ` # SKIP${reason ? ` ${tapEscape(reason)}` : ''}`
  } else if (isMarked(todo)) {
    const reason = reasonOr(todo, '')
    line += ` # TODO${reason ? ` ${tapEscape(reason)}` : ''}`
  }
  return `${line}\n`
}

function isAssertionLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'expected' in value && 'actual' in value
}

function isDate(value: object): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]'
}

function errorYaml(indentation: string, error: Error, seen: Set<unknown>): string {
  const code = fieldOf(error, 'code')
  const failureType = fieldOf(error, 'failureType')
  const cause = fieldOf(error, 'cause')
  let message = fieldOf(error, 'message') ?? '<unknown error>'
  let name = fieldOf(error, 'name')
  let stack = fieldOf(error, 'stack')
  let shownCode = code
  let expected = fieldOf(error, 'expected')
  let actual = fieldOf(error, 'actual')
  let operator = fieldOf(error, 'operator')
  let assertion = isAssertionLike(error)
  if (code === 'ERR_TEST_FAILURE' && UNWRAPPED_FAILURES.has(failureType as string)) {
    stack = fieldOf(cause, 'stack') ?? stack
    shownCode = fieldOf(cause, 'code') ?? shownCode
    name = fieldOf(cause, 'name') ?? name
    message = fieldOf(cause, 'message') ?? message
    if (isAssertionLike(cause)) {
      expected = fieldOf(cause, 'expected')
      actual = fieldOf(cause, 'actual')
      operator = fieldOf(cause, 'operator') ?? operator
      assertion = true
    }
  }
  let result = jsToYaml(indentation, 'error', message, seen)
  if (shownCode) result += jsToYaml(indentation, 'code', shownCode, seen)
  if (name && name !== 'Error') result += jsToYaml(indentation, 'name', name, seen)
  if (assertion) {
    // Copies of `seen`: a circular reference is looked for within each value on its own.
    result += jsToYaml(indentation, 'expected', expected, new Set(seen))
    result += jsToYaml(indentation, 'actual', actual, new Set(seen))
    if (operator) result += jsToYaml(indentation, 'operator', operator, seen)
  }
  if (typeof stack === 'string') {
    const frames: string[] = []
    for (const frame of stack.split(LINE_BREAK)) {
      const processed = frame.replace(FRAME_START, '')
      if (processed.length > 0 && processed.length !== frame.length) frames.push(processed)
    }
    if (frames.length > 0) {
      const delimiter = `\n${indentation}    `
      result += `${indentation}  stack: |-${delimiter}${frames.join(delimiter)}\n`
    }
  }
  return result
}

/** Node's `jsToYaml`: a value as YAML under `name` (`null`: the object's entries only). */
function jsToYaml(
  indentation: string,
  name: string | null,
  value: unknown,
  seen: Set<unknown>,
): string {
  if (value === undefined) return ''
  const prefix = `${indentation}  ${name}:`
  if (value === null) return `${prefix} ~\n`
  if (typeof value !== 'object') {
    if (typeof value !== 'string') return `${prefix} ${inspectScalar(value)}\n`
    const lines = value.split(LINE_BREAK)
    if (lines.length === 1) return `${prefix} ${inspectScalar(value)}\n`
    return `${prefix} |-\n${lines.map((line) => `${indentation}    ${line}\n`).join('')}`
  }
  seen.add(value)
  const errorValue = isError(value)
  let propsIndent = indentation
  let result = ''
  if (name != null) {
    result += prefix
    if (isDate(value)) result += ` ${Date.prototype.toISOString.call(value)}`
    result += '\n'
    propsIndent += '  '
  }
  for (const [key, entry] of Object.entries(value)) {
    if (errorValue && (key === 'cause' || key === 'code')) continue
    if (seen.has(entry)) {
      result += `${propsIndent}  ${key}: <Circular>\n`
      continue
    }
    result += jsToYaml(propsIndent, key, entry, seen)
  }
  if (errorValue) result += errorYaml(indentation, value, seen)
  return result
}

function reportDetails(
  nesting: number,
  details: TestResultDetails | undefined,
  location: string | null,
): string {
  const indentation = indent(nesting)
  let text = `${indentation}  ---\n`
  text += jsToYaml(indentation, 'duration_ms', details?.duration_ms, new Set())
  text += jsToYaml(indentation, 'type', details?.type, new Set())
  if (location) text += jsToYaml(indentation, 'location', location, new Set())
  text += jsToYaml(indentation, null, reviveTestError(details?.error), new Set())
  return `${text}${indentation}  ...\n`
}

function reportEvent(event: TestEvent): string {
  switch (event.type) {
    case 'test:fail': {
      const { data } = event
      const location = data.file ? `${data.file}:${data.line}:${data.column}` : null
      return (
        reportTest(data.nesting, data.testNumber, 'not ok', data.name, data.skip, data.todo) +
        reportDetails(data.nesting, data.details, location)
      )
    }
    case 'test:pass': {
      const { data } = event
      return (
        reportTest(data.nesting, data.testNumber, 'ok', data.name, data.skip, data.todo) +
        reportDetails(data.nesting, data.details, null)
      )
    }
    case 'test:plan':
      return `${indent(event.data.nesting)}1..${event.data.count}\n`
    case 'test:start':
      return `${indent(event.data.nesting)}# Subtest: ${tapEscape(event.data.name)}\n`
    case 'test:stdout':
    case 'test:stderr':
      return event.data.message
        .split(LINE_BREAK)
        .filter((line) => line.length > 0)
        .map((line) => `# ${tapEscape(line)}\n`)
        .join('')
    case 'test:diagnostic':
      return `${indent(event.data.nesting)}# ${tapEscape(event.data.message)}\n`
    default:
      return ''
  }
}

/**
 * Creates a TAP reporter fed one event at a time; its first text opens with `TAP version 13`.
 * @example
 * const tap = createTapReporter()
 * tap.push({ type: 'test:plan', data: { nesting: 0, count: 1 } }) // 'TAP version 13\n1..1\n'
 */
export function createTapReporter(options: ReporterOptions = {}): IncrementalReporter {
  let header = 'TAP version 13\n'
  const opening = (): string => {
    const text = header
    header = ''
    return text
  }
  return withSharedOptions(
    {
      reads: [
        'test:start',
        'test:pass',
        'test:fail',
        'test:plan',
        'test:diagnostic',
        'test:stdout',
        'test:stderr',
      ],
      push: (event) => opening() + reportEvent(event),
      end: opening,
    },
    options,
  )
}

/** The TAP reporter as Node's `--test-reporter` takes it. */
export const tap: Reporter = toReporter(createTapReporter)

export default tap
