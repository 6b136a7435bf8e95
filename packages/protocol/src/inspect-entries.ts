/**
 * The state of one preview, and the entries of collections: array items (holes counted, never
 * walked past the item limit), typed-array numbers, Set values, Map pairs, buffer bytes.
 */

import { mapEntriesOf, setValuesOf, typedArrayInfo } from './inspect-brands.js'
import { formatGetter } from './inspect-getter.js'
import type { LayoutState } from './inspect-layout.js'
import { ownDescriptor, ownEnumerableKeys, readData } from './inspect-reflect.js'
import { formatNumber, formatOtherPrimitive, formatString, remainingText } from './inspect-text.js'

/** The state of one preview. */
export interface InspectContext extends LayoutState {
  depth: number
  maxStringLength: number
  showHidden: boolean
  /** Whether entries are sorted by their text (`InspectOptions.sorted`). */
  sorted: boolean
  /** Whether getters are called (`InspectOptions.getters`). */
  getters: boolean
  /** See `InspectOptions.cleanStack`. */
  cleanStack?: (stack: string) => string
  /** Formats a nested value (inspect-value.ts's formatValue, passed in to avoid an import cycle). */
  format: (
    ctx: InspectContext,
    value: unknown,
    recurseTimes: number,
    typedArray?: boolean,
  ) => string
  /** The objects being formatted, outermost first (a repeat is a cycle). */
  seen: object[]
  circular: Map<object, number> | undefined
  /** Work left, about one unit per output character; at zero, objects print as `[Object]`. */
  budget: number
  /**
   * Characters of finished objects per indentation level (as in `util.inspect`). Objects at one
   * level never contain each other, so a total past `maxLength` means the preview will be cut
   * anyway, and the budget is spent.
   */
  levelTotals: number[]
  maxLength: number
  /** Whether something was left out because the budget ran out. */
  exhausted: boolean
}

/** Entries (and `key: value` properties) of one object, before they are joined. */
export type Formatter = (ctx: InspectContext, value: object, recurseTimes: number) => string[]

/** A primitive's text; strings are cut at `maxStringLength` and split at newlines when long. */
export function formatPrimitive(ctx: InspectContext, value: unknown): string {
  return typeof value === 'string'
    ? formatString(value, ctx.maxStringLength, ctx.breakLength, ctx.indentationLvl)
    : formatOtherPrimitive(value)
}

/** Whether the work budget is spent (and records that something was left out). */
export function outOfBudget(ctx: InspectContext): boolean {
  if (ctx.budget > 0) return false
  ctx.exhausted = true
  return true
}

const arrayIndex = /^(?:0|[1-9][0-9]*)$/

/** Whether `key` is an array index (`'0'` … `'4294967294'`). */
export function isIndexKey(key: PropertyKey): boolean {
  return typeof key === 'string' && arrayIndex.test(key) && Number(key) < 2 ** 32 - 1
}

/**
 * A property's value text: the value, or `[Getter]`, `[Setter]`, `[Getter/Setter]` (with the
 * getter's value when `ctx.getters`, the getter called on `receiver`).
 */
export function formatSlot(
  ctx: InspectContext,
  descriptor: PropertyDescriptor,
  recurseTimes: number,
  receiver: object,
): string {
  if (descriptor.value !== undefined) {
    ctx.indentationLvl += 2
    const text = ctx.format(ctx, descriptor.value, recurseTimes)
    ctx.indentationLvl -= 2
    return text
  }
  if (descriptor.get !== undefined) {
    const label = descriptor.set !== undefined ? 'Getter/Setter' : 'Getter'
    return ctx.getters
      ? formatGetter(ctx, label, descriptor.get, receiver, recurseTimes)
      : `[${label}]`
  }
  return descriptor.set !== undefined ? '[Setter]' : 'undefined'
}

/** Longest run of holes probed index by index before `Object.keys` says where the next item is. */
const maxHoleProbe = 4096

function nextElementIndex(value: object, from: number, length: number): number {
  for (const key of ownEnumerableKeys(value)) {
    if (!isIndexKey(key)) break
    const index = Number(key)
    if (index >= from) return Math.min(index, length)
  }
  return length
}

/** Array items up to the item limit, runs of holes as `<3 empty items>`. */
export function formatArray(
  ctx: InspectContext,
  value: object,
  recurseTimes: number,
  length: number,
): string[] {
  const limit = Math.min(Math.max(0, ctx.maxItems), length)
  const output: string[] = []
  let index = 0
  while (index < length && output.length < limit && !outOfBudget(ctx)) {
    const descriptor = ownDescriptor(value, index)
    if (descriptor) {
      output.push(formatSlot(ctx, descriptor, recurseTimes, value))
      index++
      continue
    }
    let end = index + 1
    while (end < length && !ownDescriptor(value, end)) {
      end++
      if (end - index > maxHoleProbe) {
        end = nextElementIndex(value, end, length)
        break
      }
    }
    const holes = end - index
    output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`)
    index = end
  }
  if (index < length) output.push(remainingText(length - index))
  return output
}

/** Typed-array numbers up to the item limit (plus `[length]` … when showing hidden ones). */
export function formatTypedArray(
  ctx: InspectContext,
  value: object,
  recurseTimes: number,
  length: number,
): string[] {
  const limit = Math.min(Math.max(0, ctx.maxItems), length)
  const elements = value as Record<number, unknown>
  const output: string[] = []
  for (let i = 0; i < limit; i++) {
    const element = elements[i]
    const text = typeof element === 'bigint' ? `${element}n` : formatNumber(element as number)
    ctx.budget -= text.length
    output.push(text)
  }
  if (length > limit) output.push(remainingText(length - limit))
  if (ctx.showHidden) {
    const info = typedArrayInfo(value)
    const hidden: Array<[string, unknown]> = [
      ['BYTES_PER_ELEMENT', readData(value, 'BYTES_PER_ELEMENT')],
      ['length', info.length],
      ['byteLength', info.byteLength],
      ['byteOffset', info.byteOffset],
      ['buffer', info.buffer],
    ]
    ctx.indentationLvl += 2
    for (const [key, item] of hidden) {
      output.push(`[${key}]: ${ctx.format(ctx, item, recurseTimes, true)}`)
    }
    ctx.indentationLvl -= 2
  }
  return output
}

/** The nodes of a NodeList/HTMLCollection-like object. */
export function formatDomList(
  ctx: InspectContext,
  value: object,
  recurseTimes: number,
  length: number,
): string[] {
  const limit = Math.min(Math.max(0, ctx.maxItems), length)
  const output: string[] = []
  for (let i = 0; i < limit && !outOfBudget(ctx); i++) {
    ctx.indentationLvl += 2
    output.push(ctx.format(ctx, ownDescriptor(value, i)?.value, recurseTimes))
    ctx.indentationLvl -= 2
  }
  if (output.length < length) output.push(remainingText(length - output.length))
  return output
}

/** Set values, read with the built-in iterator. */
export function formatSet(
  ctx: InspectContext,
  value: object,
  recurseTimes: number,
  size: number,
): string[] {
  const output: string[] = []
  ctx.indentationLvl += 2
  for (const item of setValuesOf(value, Math.max(0, ctx.maxItems))) {
    if (outOfBudget(ctx)) break
    output.push(ctx.format(ctx, item, recurseTimes))
  }
  ctx.indentationLvl -= 2
  if (output.length < size) output.push(remainingText(size - output.length))
  return output
}

/** Map pairs as `key => value`, read with the built-in iterator. */
export function formatMap(
  ctx: InspectContext,
  value: object,
  recurseTimes: number,
  size: number,
): string[] {
  const output: string[] = []
  ctx.indentationLvl += 2
  for (const [key, item] of mapEntriesOf(value, Math.max(0, ctx.maxItems))) {
    if (outOfBudget(ctx)) break
    output.push(`${ctx.format(ctx, key, recurseTimes)} => ${ctx.format(ctx, item, recurseTimes)}`)
  }
  ctx.indentationLvl -= 2
  if (output.length < size) output.push(remainingText(size - output.length))
  return output
}

/** `[Uint8Contents]: <01 02>` of an ArrayBuffer or SharedArrayBuffer. */
export function formatArrayBuffer(
  ctx: InspectContext,
  value: object,
  byteLength: number,
): string[] {
  let bytes: Uint8Array
  try {
    const shown = Math.min(Math.max(0, ctx.maxItems), byteLength)
    bytes = new Uint8Array(value as ArrayBuffer, 0, shown)
  } catch {
    return ['(detached)']
  }
  let text = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ')
  const remaining = byteLength - bytes.length
  if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`
  ctx.budget -= text.length
  return [`[Uint8Contents]: <${text}>`]
}
