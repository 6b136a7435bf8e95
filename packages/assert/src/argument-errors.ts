/**
 * The errors Node throws for bad arguments (`internal/errors`): a `TypeError` or `RangeError`
 * with an enumerable `code`, Node's exact message, and `Name [CODE]: message` as its string
 * form and stack header.
 */

import { inspectDefault } from './preview.js'

/** The Node error codes assert throws for bad arguments. */
export type ArgumentErrorCode =
  | 'ERR_INVALID_ARG_TYPE'
  | 'ERR_INVALID_ARG_VALUE'
  | 'ERR_AMBIGUOUS_ARGUMENT'
  | 'ERR_MISSING_ARGS'
  | 'ERR_INVALID_RETURN_VALUE'

/** An error as Node's `internal/errors` makes it. */
export type CodedError = Error & { code: ArgumentErrorCode }

function codedError(
  Base: TypeErrorConstructor | RangeErrorConstructor,
  code: ArgumentErrorCode,
  message: string,
): CodedError {
  const error = new Base(message) as CodedError
  Object.defineProperty(error, 'code', {
    value: code,
    enumerable: true,
    writable: true,
    configurable: true,
  })
  Object.defineProperty(error, 'toString', {
    value(this: Error & { code: string }) {
      return `${this.name} [${this.code}]: ${this.message}`
    },
    enumerable: false,
    writable: true,
    configurable: true,
  })
  const stack = error.stack
  const header = `${error.name}: `
  if (typeof stack === 'string' && stack.startsWith(header)) {
    error.stack = `${error.name} [${code}]: ${stack.slice(header.length)}`
  }
  return error
}

/** `'A'`, `'A or B'`, `'A, B, or C'`, `'A, B, C, or D'`. */
function formatList(items: string[], conjunction = 'and'): string {
  if (items.length < 3) return items.join(` ${conjunction} `)
  return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items[items.length - 1]}`
}

/**
 * How Node names a received value in a type error: `type number (5)`, `an instance of Map`,
 * `function foo`, `null`, strings cut to 25 characters.
 */
export function describeReceived(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  switch (typeof value) {
    case 'bigint':
      return `type bigint (${value}n)`
    case 'number':
      return `type number (${Object.is(value, -0) ? '-0' : String(value)})`
    case 'boolean':
      return `type boolean (${value})`
    case 'symbol':
      return `type symbol (${String(value)})`
    case 'function':
      return `function ${value.name}`
    case 'object': {
      const maker = (value as { constructor?: { name?: unknown } }).constructor
      if (maker && 'name' in maker) return `an instance of ${maker.name}`
      return inspectDefault(value, -1)
    }
    case 'string': {
      const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value
      return shown.includes("'")
        ? `type string (${JSON.stringify(shown)})`
        : `type string ('${shown}')`
    }
    default:
      return `type ${typeof value} (${String(value)})`
  }
}

const lowerCaseTypes = new Set([
  'string',
  'function',
  'number',
  'object',
  'Function',
  'Object',
  'boolean',
  'bigint',
  'symbol',
])

/**
 * `ERR_INVALID_ARG_TYPE`: `The "fn" argument must be of type function. Received …`.
 * `expected` lists type names (`'Function'`, `'RegExp'`, …) as Node's call sites pass them.
 */
export function invalidArgType(
  name: string,
  expected: string | string[],
  actual: unknown,
): CodedError {
  const types: string[] = []
  const instances: string[] = []
  const other: string[] = []
  for (const entry of Array.isArray(expected) ? expected : [expected]) {
    if (lowerCaseTypes.has(entry)) types.push(entry.toLowerCase())
    else if (/^[A-Z][a-zA-Z0-9]*$/.test(entry)) instances.push(entry)
    else other.push(entry)
  }
  if (instances.length > 0 && types.includes('object')) {
    types.splice(types.indexOf('object'), 1)
    instances.push('Object')
  }
  const kind = name.includes('.') ? 'property' : 'argument'
  let message = name.endsWith(' argument')
    ? `The ${name} must be `
    : `The "${name}" ${kind} must be `
  const parts: string[] = []
  if (types.length > 0) {
    parts.push(`${types.length > 1 ? 'one of type' : 'of type'} ${formatList(types, 'or')}`)
  }
  if (instances.length > 0) parts.push(`an instance of ${formatList(instances, 'or')}`)
  if (other.length > 0) {
    const first = other[0]!
    if (other.length > 1) parts.push(`one of ${formatList(other, 'or')}`)
    else parts.push(first.toLowerCase() !== first ? `an ${first}` : first)
  }
  message += `${parts.join(' or ')}. Received ${describeReceived(actual)}`
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE', message)
}

/** `ERR_INVALID_ARG_VALUE`: `The argument 'error' may not be an empty object. Received {}`. */
export function invalidArgValue(name: string, value: unknown, reason = 'is invalid'): CodedError {
  let shown = inspectDefault(value)
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`
  const kind = name.includes('.') ? 'property' : 'argument'
  return codedError(
    TypeError,
    'ERR_INVALID_ARG_VALUE',
    `The ${kind} '${name}' ${reason}. Received ${shown}`,
  )
}

/** `ERR_AMBIGUOUS_ARGUMENT`: `The "error/message" argument is ambiguous. …`. */
export function ambiguousArgument(name: string, reason: string): CodedError {
  return codedError(
    TypeError,
    'ERR_AMBIGUOUS_ARGUMENT',
    `The "${name}" argument is ambiguous. ${reason}`,
  )
}

/** `ERR_MISSING_ARGS`: `The "actual" and "expected" arguments must be specified`. */
export function missingArgs(...names: string[]): CodedError {
  const list = formatList(names.map((name) => `"${name}"`))
  const plural = names.length > 1 ? 's' : ''
  return codedError(
    TypeError,
    'ERR_MISSING_ARGS',
    `The ${list} argument${plural} must be specified`,
  )
}

/**
 * `ERR_INVALID_RETURN_VALUE`: `Expected instance of Promise to be returned from the "promiseFn"
 * function but got …`.
 */
export function invalidReturnValue(input: string, name: string, value: unknown): CodedError {
  const message = `Expected ${input} to be returned from the "${name}" function but got ${describeReceived(value)}.`
  return codedError(TypeError, 'ERR_INVALID_RETURN_VALUE', message)
}
