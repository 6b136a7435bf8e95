/**
 * Daebug's error codes (SPEC §4.3), their HTTP statuses, and the error class that carries them.
 */
import type { ErrorBody } from './messages.js'

/** The wire error codes, shared by HTTP, the relay, MCP and the CLI (SPEC §4.3). */
export type ErrorCode =
  | 'NO_REALM'
  | 'AMBIGUOUS_REALM'
  | 'RUN_IN_PROGRESS'
  | 'INVALID_ID'
  | 'UNKNOWN_COMMAND'
  | 'LOAD_ERROR'
  | 'BAD_MESSAGE'
  | 'TOO_LARGE'
  | 'TIMEOUT'
  | 'FORBIDDEN'
  | 'CANCELLED'

/** All error codes. */
export const ERROR_CODES: readonly ErrorCode[] = [
  'NO_REALM',
  'AMBIGUOUS_REALM',
  'RUN_IN_PROGRESS',
  'INVALID_ID',
  'UNKNOWN_COMMAND',
  'LOAD_ERROR',
  'BAD_MESSAGE',
  'TOO_LARGE',
  'TIMEOUT',
  'FORBIDDEN',
  'CANCELLED',
]

/**
 * The HTTP status of an error answer with each code (SPEC §4.3). Code that threw is not an error
 * answer: it is a 200 with `ok: false`.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  NO_REALM: 404,
  // Like NO_REALM, the answer depends on which realms are connected now, but here too many match:
  // a conflict with the current state, resolved by naming one realm exactly.
  AMBIGUOUS_REALM: 409,
  RUN_IN_PROGRESS: 409,
  INVALID_ID: 400,
  UNKNOWN_COMMAND: 400,
  // The request was well formed; a test file it named failed to import. Neither bad input nor a
  // fault of the server, so neither 400 nor 500.
  LOAD_ERROR: 422,
  BAD_MESSAGE: 400,
  TOO_LARGE: 413,
  TIMEOUT: 504,
  FORBIDDEN: 403,
  // Another request cancelled the job while this one waited for it: the state changed under the
  // caller, which is what 409 says; 499 would be clearer but is not a standard status.
  CANCELLED: 409,
}

/** The error body of a code and message: `{error: {code, message}}` (SPEC §4.1). */
export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } }
}

/** True when `value` is one of the wire error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

/**
 * An error with a stable wire `code`. The server turns it into an HTTP answer (`status`,
 * `toErrorBody()`) or a relay `error` message; wrap a lower-level error with `cause`.
 * @example
 * throw new DaebugError('NO_REALM', "No realm matches 'zen'. Connected: 7-zen-1201-03-webworker.")
 */
export class DaebugError extends Error {
  override name: string = 'DaebugError'
  /** The wire code (SPEC §4.3). */
  readonly code: ErrorCode

  /** Makes an error with a wire code; `cause` is the error it wraps, if any. */
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }

  /** The HTTP status for this error's code. */
  get status(): number {
    return HTTP_STATUS[this.code]
  }

  /** The HTTP error body: `{error: {code, message}}`. */
  toErrorBody(): ErrorBody {
    return errorBody(this.code, this.message)
  }

  /** `JSON.stringify(error)` gives the HTTP error body. */
  toJSON(): ErrorBody {
    return this.toErrorBody()
  }
}

/**
 * True for a `DaebugError`, also one made by another copy of this package (where `instanceof`
 * fails): an `Error` named `DaebugError` with a known code.
 */
export function isDaebugError(value: unknown): value is DaebugError {
  if (value instanceof DaebugError) return true
  return (
    value instanceof Error &&
    value.name === 'DaebugError' &&
    isErrorCode(Reflect.get(value, 'code'))
  )
}
