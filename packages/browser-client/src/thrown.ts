/**
 * Reads thrown values (errors, rejection reasons, anything else) without ever throwing: their
 * getters, proxies and `toString`s are the page's code.
 */
import { type ErrorInfo, inspect, normalizeErrorStack } from '@daebug/protocol'
import { cutText, RESULT_TEXT_MAX } from './cut.js'
import { cleanStack } from './stack.js'

/** True for `Error` instances, including those of other realms (iframes) and `DOMException`s. */
export function isErrorLike(value: unknown): value is Error {
  if (typeof value !== 'object' || value === null) return false
  try {
    if (value instanceof Error) return true
    return Object.prototype.toString.call(value) === '[object Error]'
  } catch {
    return false
  }
}

function readString(read: () => unknown, fallback: string): string {
  try {
    const value = read()
    return typeof value === 'string' ? value : fallback
  } catch {
    return fallback
  }
}

/** A preview of any value that never throws. */
export function safeInspect(value: unknown): string {
  try {
    return inspect(value, { cleanStack })
  } catch {
    return '[value that cannot be previewed]'
  }
}

/** How a thrown value is reported: its {@link ErrorInfo} and the text of a failed reply. */
export interface ThrownDescription {
  error: ErrorInfo
  /** The stack, beginning with `Name: message` (SPEC §2.4). */
  text: string
}

/**
 * Describes a thrown value. An error gives its name, message and stack; anything else (`throw 'x'`,
 * `throw {code: 1}`) is previewed and named `Uncaught`, with the text `Uncaught 'x'` that DevTools
 * shows. Stacks are cleaned of the client's frames; long messages and stacks are cut to
 * {@link RESULT_TEXT_MAX}.
 */
export function describeThrown(thrown: unknown): ThrownDescription {
  if (!isErrorLike(thrown)) {
    const preview = cutText(safeInspect(thrown), RESULT_TEXT_MAX)
    const text = `Uncaught ${preview}`
    return { error: { name: 'Uncaught', message: preview, stack: text }, text }
  }
  const name = cutText(readString(() => thrown.name, '') || 'Error', 200)
  const message = cutText(
    readString(() => thrown.message, ''),
    RESULT_TEXT_MAX,
  )
  const stack = cutText(cleanStack(readString(() => thrown.stack, '')), RESULT_TEXT_MAX)
  const text = normalizeErrorStack(name, message, stack)
  return { error: { name, message, stack: stack || normalizeErrorStack(name, message) }, text }
}
