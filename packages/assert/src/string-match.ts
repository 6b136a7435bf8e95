/**
 * `match` and `doesNotMatch`: a string tested against a regular expression, with Node's
 * messages for a mismatch and for an input that is not a string.
 */

import { invalidArgType } from './argument-errors.js'
import { AssertionError } from './assertion-error.js'
import { inspectDefault } from './preview.js'
import { isRegExp } from './value-kinds.js'

const regExpExec = RegExp.prototype.exec

/** Runs the built-in `exec`, as Node does, whatever `regexp.exec` was replaced with. */
export function execRegExp(regexp: RegExp, input: string): RegExpExecArray | null {
  return regExpExec.call(regexp, input)
}

function innerMatch(
  input: unknown,
  regexp: unknown,
  message: unknown,
  fn: typeof match | typeof doesNotMatch,
): void {
  if (!isRegExp(regexp)) throw invalidArgType('regexp', 'RegExp', regexp)
  const shouldMatch = fn === match
  if (typeof input === 'string' && (execRegExp(regexp, input) !== null) === shouldMatch) return
  if (message instanceof Error) throw message
  const generated = !message
  let text = message
  if (!text) {
    if (typeof input !== 'string') {
      text = `The "string" argument must be of type string. Received type ${typeof input} (${inspectDefault(input)})`
    } else {
      const verb = shouldMatch ? 'did not match' : 'was expected to not match'
      text = `The input ${verb} the regular expression ${inspectDefault(regexp)}. Input:\n\n${inspectDefault(input)}\n`
    }
  }
  const error = new AssertionError({
    actual: input,
    expected: regexp,
    message: text as string,
    operator: fn.name,
    stackStartFn: fn,
  })
  error.generatedMessage = generated
  throw error
}

/** Tests that `string` is a string that `regexp` matches. */
export function match(string: unknown, regexp: RegExp, message?: string | Error): void {
  innerMatch(string, regexp, message, match)
}

/** Tests that `string` is a string that `regexp` does not match. */
export function doesNotMatch(string: unknown, regexp: RegExp, message?: string | Error): void {
  innerMatch(string, regexp, message, doesNotMatch)
}
