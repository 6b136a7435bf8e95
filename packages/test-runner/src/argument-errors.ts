/**
 * The errors node:test throws for bad arguments, with Node's codes and messages:
 * `ERR_INVALID_ARG_TYPE`, `ERR_INVALID_ARG_VALUE` and `ERR_OUT_OF_RANGE`.
 */

import { inspect } from '@daebug/protocol'

/** The codes of {@link ArgumentError}. */
export type ArgumentErrorCode =
  | 'ERR_INVALID_ARG_TYPE'
  | 'ERR_INVALID_ARG_VALUE'
  | 'ERR_OUT_OF_RANGE'

/** A bad argument to a node:test function; `code` says which rule it broke. */
export class ArgumentError extends TypeError {
  /** Node's error code. */
  readonly code: ArgumentErrorCode

  constructor(code: ArgumentErrorCode, message: string) {
    super(message)
    this.code = code
    if (code === 'ERR_OUT_OF_RANGE') this.name = 'RangeError'
  }

  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`
  }
}

/** How Node names a received value: `type number (5)`, `an instance of Map`, `function f`. */
function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'function') return `function ${value.name}`
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name
    return name ? `an instance of ${name}` : inspect(value, { depth: -1 })
  }
  const shown = typeof value === 'string' && value.length > 28 ? `${value.slice(0, 25)}...` : value
  return `type ${typeof value} (${inspect(shown)})`
}

/** `The "name" argument must be of type function. Received …`. */
export function invalidArgType(name: string, expected: string, actual: unknown): ArgumentError {
  const kind = name.includes('.') ? 'property' : 'argument'
  const message = `The "${name}" ${kind} must be ${expected}. Received ${describeReceived(actual)}`
  return new ArgumentError('ERR_INVALID_ARG_TYPE', message)
}

/** `The argument 'name' is invalid. Received …`. */
export function invalidArgValue(
  name: string,
  value: unknown,
  reason = 'is invalid',
): ArgumentError {
  const kind = name.includes('.') ? 'property' : 'argument'
  const message = `The ${kind} '${name}' ${reason}. Received ${inspect(value)}`
  return new ArgumentError('ERR_INVALID_ARG_VALUE', message)
}

/** `The value of "name" is out of range. It must be … Received …`. */
function outOfRange(name: string, range: string, value: unknown): ArgumentError {
  const message = `The value of "${name}" is out of range. It must be ${range}. Received ${inspect(value)}`
  return new ArgumentError('ERR_OUT_OF_RANGE', message)
}

/** Node's `validateFunction`. */
export function checkFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value)
}

/** Node's `validateObject` (null and arrays refused). */
export function checkObject(value: unknown, name: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgType(name, 'of type object', value)
  }
}

/** Node's `validateNumber(value, name, min, max)`. */
export function checkNumber(value: unknown, name: string, min: number, max: number): void {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value)
  if (value < min || value > max || Number.isNaN(value)) {
    throw outOfRange(name, `>= ${min} && <= ${max}`, value)
  }
}

/** Node's `validateInteger(value, name, min)`. */
export function checkInteger(value: unknown, name: string, min: number): void {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value)
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value)
  if (value < min || value > Number.MAX_SAFE_INTEGER) {
    throw outOfRange(name, `>= ${min} && <= ${Number.MAX_SAFE_INTEGER}`, value)
  }
}

/** Node's `validateUint32(value, name, positive)`. */
export function checkUint32(value: unknown, name: string, positive = false): void {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value)
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value)
  const min = positive ? 1 : 0
  if (value < min || value > 4_294_967_295) {
    throw outOfRange(name, `>= ${min} && <= 4294967295`, value)
  }
}

/** Node's `validateAbortSignal`: anything with an `aborted` property (signals of other realms too). */
export function checkAbortSignal(value: unknown, name: string): void {
  if (value === undefined) return
  if (typeof value !== 'object' || value === null || !('aborted' in value)) {
    throw invalidArgType(name, 'an instance of AbortSignal', value)
  }
}
