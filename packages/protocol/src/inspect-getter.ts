/**
 * Getters' values, shown only when the caller asks for them (`getters: true`, as Node's assert
 * does): `[Getter: 1]`, `[Getter/Setter: 'x']`, `[Getter] { a: 1 }`, or
 * `[Getter: <Inspection threw (message)>]`.
 */

import type { InspectContext } from './inspect-entries.js'

const { apply } = Reflect
const symbolToString = Symbol.prototype.toString

/** The message of what a getter threw, as `${error.message}` reads it. */
function messageOf(thrown: unknown): string {
  try {
    if (thrown === null || thrown === undefined) return 'undefined'
    return String((thrown as { message?: unknown }).message)
  } catch {
    return 'undefined'
  }
}

/**
 * The text of an accessor property whose getter is called on `receiver`. `label` is `Getter` or
 * `Getter/Setter`.
 */
export function formatGetter(
  ctx: InspectContext,
  label: string,
  getter: () => unknown,
  receiver: object,
  recurseTimes: number,
): string {
  let result: unknown
  try {
    result = apply(getter, receiver, [])
  } catch (thrown) {
    return `[${label}: <Inspection threw (${messageOf(thrown)})>]`
  }
  ctx.budget -= label.length + 4
  ctx.indentationLvl += 2
  if (typeof result === 'function') {
    // util.inspect formats a returned function as a primitive, which throws inside its
    // try block before it undoes the indentation: the message is the engine's, and every line
    // printed after this one stays indented by two more spaces. Node's assert shows exactly
    // this, so it is kept.
    try {
      apply(symbolToString, result, [])
    } catch (thrown) {
      return `[${label}: <Inspection threw (${messageOf(thrown)})>]`
    }
  }
  let text: string
  if (result === null) text = `[${label}: null]`
  else if (typeof result === 'object') {
    text = `[${label}] ${ctx.format(ctx, result, recurseTimes)}`
  } else text = `[${label}: ${ctx.format(ctx, result, recurseTimes)}]`
  ctx.indentationLvl -= 2
  return text
}
