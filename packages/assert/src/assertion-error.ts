/**
 * `AssertionError`, with Node 20's contract: `name` `'AssertionError'`, `code` `'ERR_ASSERTION'`,
 * `actual`, `expected`, `operator`, `generatedMessage`, Node's message for each operator, and a
 * stack that starts at the function named by `stackStartFn`.
 */

import { invalidArgType } from './argument-errors.js'
import { formatDiff, readableOperator, shortenLines } from './error-diff.js'
import { inspectForDiff } from './preview.js'
import { isError } from './value-kinds.js'

/** What `new AssertionError(options)` accepts (Node's documented options). */
export interface AssertionErrorOptions {
  /** The message; when absent, one is generated from the values and the operator. */
  message?: string | undefined
  /** The `actual` property. */
  actual?: unknown
  /** The `expected` property. */
  expected?: unknown
  /** The `operator` property, which also picks the generated message. */
  operator?: string | undefined
  /** The stack starts at the caller of this function. */
  // biome-ignore lint/complexity/noBannedTypes: any function, as in Node's signature.
  stackStartFn?: Function | undefined
  /** Older name of `stackStartFn`. */
  // biome-ignore lint/complexity/noBannedTypes: any function, as in Node's signature.
  stackStartFunction?: Function | undefined
}

// biome-ignore lint/complexity/noBannedTypes: V8's API takes any function.
type CaptureStackTrace = (target: object, constructorOpt?: Function) => void
type CustomInspect = (value: unknown, options: object) => string

/** The key of Node's `util.inspect.custom` hook, shared by every realm through the registry. */
const inspectCustom = Symbol.for('nodejs.util.inspect.custom')

const operatorsWithDiff = new Set(['deepStrictEqual', 'strictEqual', 'partialDeepStrictEqual'])

/** Node hides the stacks of two compared errors by showing copies without them. */
function withoutStack(error: object): object {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(error)), error)
  Object.defineProperty(copy, 'message', { value: (error as Error).message })
  return copy
}

function hasStack(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && 'stack' in value && isError(value)
}

/** Node's generated message for `operator` when no message was given. */
function generatedMessage(actual: unknown, expected: unknown, operator: string | undefined) {
  if (hasStack(actual) && hasStack(expected)) {
    actual = withoutStack(actual)
    expected = withoutStack(expected)
  }
  if (operator !== undefined && operatorsWithDiff.has(operator)) {
    return formatDiff(actual, expected, operator)
  }
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    const isReference =
      operator === 'notStrictEqual' &&
      ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')
    const heading = readableOperator(isReference ? 'notStrictEqualObject' : operator)
    const lines = shortenLines(inspectForDiff(actual).split('\n'))
    if (lines.length === 1) {
      const line = lines[0]!
      return `${heading}${line.length > 5 ? '\n\n' : ' '}${line}`
    }
    return `${heading}\n\n${lines.join('\n')}\n`
  }
  let actualText = inspectForDiff(actual)
  let expectedText = inspectForDiff(expected)
  const heading = readableOperator(operator)
  if (operator === 'notDeepEqual' && actualText === expectedText) {
    const text = `${heading}\n\n${actualText}`
    return text.length > 1024 ? `${text.slice(0, 1021)}...` : text
  }
  if (actualText.length > 512) actualText = `${actualText.slice(0, 509)}...`
  if (expectedText.length > 512) expectedText = `${expectedText.slice(0, 509)}...`
  if (operator === 'deepEqual') {
    return `${heading}\n\n${actualText}\n\nshould loosely deep-equal\n\n${expectedText}`
  }
  const unequalHeading = readableOperator(`${operator}Unequal`)
  if (unequalHeading !== undefined) {
    return `${unequalHeading}\n\n${actualText}\n\nshould not loosely deep-equal\n\n${expectedText}`
  }
  return `${actualText} ${operator} ${expectedText}`
}

/**
 * Runs `build` with `Error.stackTraceLimit` at 0 where it can be set (V8), as Node builds its
 * messages: errors that getters make while values are inspected then show as `[Error: …]`.
 */
function withoutStackFrames<T>(build: () => T): T {
  const host = Error as { stackTraceLimit?: number }
  const descriptor = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')
  const writable =
    descriptor !== undefined &&
    ('writable' in descriptor ? descriptor.writable === true : descriptor.set !== undefined)
  if (!writable) return build()
  const limit = host.stackTraceLimit
  host.stackTraceLimit = 0
  try {
    return build()
  } finally {
    host.stackTraceLimit = limit
  }
}

/** Node's way to show a long string property of the error: 10 lines, or its end past 512. */
function shortenForInspect(text: string): string {
  const lines = text.split('\n', 11)
  if (lines.length > 10) return `${lines.slice(0, 10).join('\n')}\n...`
  // Node keeps the part after the first 512 characters here, not the first 512.
  if (text.length > 512) return `${text.slice(512)}...`
  return text
}

/**
 * The error every failed assertion throws.
 *
 * @example
 * const { message } = new AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' })
 * // 'Expected values to be strictly equal:\n\n1 !== 2\n'
 */
export class AssertionError extends Error {
  // `declare`: the properties are set in Node's order, after `super()`, not as class fields.
  declare generatedMessage: boolean
  declare code: 'ERR_ASSERTION'
  declare actual: unknown
  declare expected: unknown
  declare operator: string | undefined

  constructor(options: AssertionErrorOptions) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw invalidArgType('options', 'Object', options)
    }
    const { message, operator, stackStartFn, stackStartFunction } = options
    const { actual, expected } = options
    const text = withoutStackFrames(() => {
      if (message == null) return generatedMessage(actual, expected, operator)
      if (operator !== undefined && operatorsWithDiff.has(operator)) {
        return formatDiff(actual, expected, operator, message)
      }
      return String(message)
    })
    super(text)
    this.generatedMessage = !message
    Object.defineProperty(this, 'name', {
      value: 'AssertionError [ERR_ASSERTION]',
      enumerable: false,
      writable: true,
      configurable: true,
    })
    this.code = 'ERR_ASSERTION'
    this.actual = actual
    this.expected = expected
    this.operator = operator
    const host = Error as { captureStackTrace?: CaptureStackTrace }
    host.captureStackTrace?.(this, stackStartFn ?? stackStartFunction ?? new.target)
    // V8 writes the stack's first line from the name when the stack is first read: read it now,
    // while the name carries the code, as Node does.
    void this.stack
    this.name = 'AssertionError'
  }

  /** `AssertionError [ERR_ASSERTION]: message`. */
  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`
  }

  static {
    // Node's `util.inspect` calls this hook with its own `inspect` (other hosts never do): long
    // string values of `actual` and `expected` are shortened and the error shown at depth 0.
    // biome-ignore lint/complexity/noThisInStatic: naming the class here makes the bundler rename it.
    Object.defineProperty(this.prototype, inspectCustom, {
      value(this: AssertionError, _depth: number, options: object, inspect?: CustomInspect) {
        if (typeof inspect !== 'function') return this
        const { actual, expected } = this
        if (typeof actual === 'string') this.actual = shortenForInspect(actual)
        if (typeof expected === 'string') this.expected = shortenForInspect(expected)
        try {
          return inspect(this, { ...options, customInspect: false, depth: 0 })
        } finally {
          this.actual = actual
          this.expected = expected
        }
      },
      writable: true,
      configurable: true,
    })
  }
}
