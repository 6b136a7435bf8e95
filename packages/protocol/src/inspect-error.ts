/**
 * Errors as `util.inspect` prints them: the stack (with the class name fixed up when it differs
 * from `name`), frames shared with the `cause` folded, `[cause]` and `[errors]` listed as keys.
 * Firefox and Safari stacks lack the `Name: message` line and V8's `    at ` frames: the line is
 * added and their frames are indented by four spaces.
 */

import { errorStackOf, isErrorLike } from './inspect-brands.js'
import { hasProperty, isArrayValue, readData, readNative } from './inspect-reflect.js'
import { getPrefix, plainString } from './inspect-text.js'

/**
 * `Error.prototype.toString`, without calling the page's getters: host getters run (DOMExceptions
 * keep `name` and `message` as host getters on their prototype), getters written in JavaScript do
 * not.
 */
function errorHeader(error: object): string {
  const rawName = readNative(error, 'name')
  const rawMessage = readNative(error, 'message')
  const name = rawName === undefined ? 'Error' : plainString(rawName)
  const message = rawMessage === undefined ? '' : plainString(rawMessage)
  if (name === '') return message
  if (message === '') return name
  return `${name}: ${message}`
}

/** The stack, or `Name: message` when there is none. */
function stackStringOf(error: object): string {
  const stack = errorStackOf(error)
  return stack ? plainString(stack) : errorHeader(error)
}

const foreignFrame = /@.*:\d+:\d+$|^\[native code\]$|^\S*@$/

/** A Firefox/Safari stack with the header added and frames indented, or undefined for V8's. */
function normalizeForeignStack(stack: string, error: object): string | undefined {
  if (stack.includes('\n    at ') || stack.startsWith('    at ')) return undefined
  const lines = stack.split('\n').filter((line) => line.trim() !== '')
  if (lines.length === 0 || !lines.every((line) => foreignFrame.test(line))) return undefined
  return `${errorHeader(error)}\n${lines.map((line) => `    ${line}`).join('\n')}`
}

function identicalSequenceRange(a: string[], b: string[]): { len: number; offset: number } {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]!)
    if (pos !== -1) {
      const rest = b.length - pos
      if (rest > 3) {
        let len = 1
        const maxLen = Math.min(a.length - i, rest)
        while (maxLen > len && a[i + len] === b[pos + len]) len++
        if (len > 3) return { len, offset: i }
      }
    }
  }
  return { len: 0, offset: 0 }
}

function stackFrames(error: object, frameText: string): string[] {
  const frames = frameText.split('\n')
  const cause = readData(error, 'cause')
  if (typeof cause === 'object' && cause !== null && isErrorLike(cause)) {
    const causeStack = stackStringOf(cause)
    const causeStackStart = causeStack.indexOf('\n    at')
    if (causeStackStart !== -1) {
      const causeFrames = causeStack.slice(causeStackStart + 1).split('\n')
      const { len, offset } = identicalSequenceRange(frames, causeFrames)
      if (len > 0) {
        const skipped = len - 2
        frames.splice(
          offset + 1,
          skipped,
          `    ... ${skipped} lines matching cause stack trace ...`,
        )
      }
    }
  }
  return frames
}

function improveStack(
  stack: string,
  constructorName: string | null,
  name: string,
  tag: string,
): string {
  let len = name.length
  if (
    constructorName === null ||
    (name.endsWith('Error') &&
      stack.startsWith(name) &&
      (stack.length === len || stack[len] === ':' || stack[len] === '\n'))
  ) {
    let fallback = 'Error'
    if (constructorName === null) {
      const start =
        /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) ??
        /^([a-z_A-Z0-9-]*Error)$/.exec(stack)
      fallback = start?.[1] ?? ''
      len = fallback.length
      fallback ||= 'Error'
    }
    const prefix = getPrefix(constructorName, tag, fallback).slice(0, -1)
    if (name !== prefix) {
      if (prefix.includes(name)) {
        return len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`
      }
      return `${prefix} [${name}]${stack.slice(len)}`
    }
  }
  return stack
}

/**
 * The text an error starts with (its stack, or `[Name: message]` without frames). Adds `cause`
 * and `errors` to `keys`, and drops `name`, `message` and `stack` from them when the stack
 * already shows them.
 */
export function formatErrorBase(
  error: object,
  constructorName: string | null,
  tag: string,
  keys: PropertyKey[],
  indentation: number,
  showHidden: boolean,
  cleanStack?: (stack: string) => string,
): string {
  const rawName = readNative(error, 'name')
  const name = rawName != null ? plainString(rawName) : 'Error'
  let stack = stackStringOf(error)
  if (cleanStack) {
    try {
      stack = plainString(cleanStack(stack))
    } catch {}
  }
  const foreign = normalizeForeignStack(stack, error)
  if (foreign !== undefined) stack = foreign

  if (!showHidden && keys.length !== 0) {
    for (const key of ['name', 'message', 'stack']) {
      const index = keys.indexOf(key)
      if (index !== -1 && stack.includes(plainString(readData(error, key)))) keys.splice(index, 1)
    }
  }
  if (hasProperty(error, 'cause') && !keys.includes('cause')) keys.push('cause')
  if (isArrayValue(readData(error, 'errors')) && !keys.includes('errors')) keys.push('errors')

  stack = improveStack(stack, constructorName, name, tag)

  const message = readNative(error, 'message')
  let pos = (typeof message === 'string' && message && stack.indexOf(message)) || -1
  if (pos !== -1) pos += (message as string).length
  const stackStart = stack.indexOf(foreign === undefined ? '\n    at' : '\n    ', pos)
  if (stackStart === -1) {
    stack = `[${stack}]`
  } else {
    const frames = stackFrames(error, stack.slice(stackStart + 1))
    stack = `${stack.slice(0, stackStart)}\n${frames.join('\n')}`
  }
  if (indentation !== 0) stack = stack.replaceAll('\n', `\n${' '.repeat(indentation)}`)
  return stack
}
