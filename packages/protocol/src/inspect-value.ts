/**
 * The recursive part of the previewer: a port of `util.inspect`'s formatValue/formatRaw onto the
 * safe reads of inspect-reflect.ts, with the item and work limits of SPEC §3.2.
 */

import { formatDomNode } from './inspect-dom.js'
import { formatPrimitive, formatSlot, type InspectContext, outOfBudget } from './inspect-entries.js'
import { kObjectType, reduceToSingleString } from './inspect-layout.js'
import { layoutOf } from './inspect-object.js'
import {
  findDescriptor,
  functionName,
  isInstanceOf,
  ownDescriptor,
  prototypeOf,
  readData,
  thrownMessage,
  toStringTagOf,
} from './inspect-reflect.js'
import { getCtxStyle, internalName, shapeOf } from './inspect-shape.js'
import { formatKey, remainingText } from './inspect-text.js'

const { getOwnPropertyDescriptor } = Object
// Captured so that a page that patches Reflect cannot change what `getters: true` reads.
const { get: getProperty } = Reflect

function isUndetectable(value: unknown): boolean {
  return typeof value === 'undefined' && value !== undefined
}

function throwNote(thrown: unknown): string {
  const message = thrownMessage(thrown)
  return /\brevoked\b/.test(message) ? '<Revoked Proxy>' : `<Inspection threw (${message})>`
}

/** Formats any value at nesting level `recurseTimes`. Never throws. */
export function formatValue(
  ctx: InspectContext,
  value: unknown,
  recurseTimes: number,
  typedArray = false,
): string {
  if (typeof value !== 'object' && typeof value !== 'function' && !isUndetectable(value)) {
    const text = formatPrimitive(ctx, value)
    ctx.budget -= text.length
    return text
  }
  if (value === null) return 'null'
  const object = value as object
  ctx.budget -= 1
  if (ctx.seen.includes(object)) {
    ctx.circular ??= new Map()
    let index = ctx.circular.get(object)
    if (index === undefined) {
      index = ctx.circular.size + 1
      ctx.circular.set(object, index)
    }
    return `[Circular *${index}]`
  }
  const indentationLvl = ctx.indentationLvl
  const seenLength = ctx.seen.length
  try {
    if (typeof object !== 'function') {
      const dom = formatDomNode(object)
      if (dom !== undefined) {
        ctx.budget -= dom.length
        return dom
      }
    }
    return formatRaw(ctx, object, recurseTimes, typedArray)
  } catch (thrown) {
    ctx.indentationLvl = indentationLvl
    ctx.seen.length = seenLength
    return throwNote(thrown)
  }
}

/** The name of the nearest constructor whose prototype `value` inherits from; `null` for none. */
function getConstructorName(
  ctx: InspectContext,
  value: object,
  recurseTimes: number,
): string | null {
  let firstProto: object | null | undefined
  let current: object | null | undefined = value
  for (let level = 0; current && level < 1000; level++) {
    const ctor = ownDescriptor(current, 'constructor')?.value
    if (typeof ctor === 'function') {
      const name = functionName(ctor)
      if (name !== '' && isInstanceOf(value, ctor)) return name
    }
    current = prototypeOf(current)
    if (level === 0) firstProto = current
  }
  if (firstProto === null) return null
  if (!firstProto) return 'Object'
  const res = internalName(value)
  if (recurseTimes > ctx.depth) return `${res} <Complex prototype>`
  const protoName = getConstructorName(ctx, firstProto, recurseTimes + 1)
  if (protoName === null) {
    const probe = { ...ctx, depth: -1, seen: [], circular: undefined, indentationLvl: 0 }
    return `${res} <${formatValue(probe, firstProto, 0)}>`
  }
  return `${res} <${protoName}>`
}

/** `key: value`, with the key quoted or bracketed as `util.inspect` does. */
function formatProperty(
  ctx: InspectContext,
  value: object,
  recurseTimes: number,
  key: PropertyKey,
  known?: PropertyDescriptor,
): string {
  let descriptor = known
  let text: string | undefined
  if (!descriptor) {
    try {
      descriptor = getOwnPropertyDescriptor(value, key)
    } catch (thrown) {
      // Reading an uninitialised `let` export of a module namespace throws a ReferenceError.
      const name = typeof thrown === 'object' && thrown !== null ? readData(thrown, 'name') : ''
      text = name === 'ReferenceError' ? '<uninitialized>' : throwNote(thrown)
    }
    if (!descriptor && text === undefined) {
      const inherited = findDescriptor(value, key)
      // An inherited `cause` or `errors` is read as a value when getters may run, as Node does.
      descriptor =
        ctx.getters && inherited?.get
          ? { value: getProperty(value, key), enumerable: true }
          : { ...(inherited ?? { value: undefined }), enumerable: true }
    }
  }
  text ??= formatSlot(ctx, descriptor!, recurseTimes, value)
  const name = formatKey(key, descriptor?.enumerable !== false)
  ctx.budget -= name.length
  return `${name}: ${text}`
}

/**
 * Sorts `output` from `start` on by UTF-16 code units, as `Array.prototype.sort` without a
 * comparator does (`sorted: true`): all entries of an object, Map or Set, only the non-index
 * keys of an array.
 */
function sortEntries(output: string[], start: number): void {
  if (output.length - start < 2) return
  const sorted = output.slice(start).sort()
  for (let i = 0; i < sorted.length; i++) output[start + i] = sorted[i]!
}

/** An object's text: picks its kind, then formats its entries and properties. */
function formatRaw(
  ctx: InspectContext,
  value: object,
  recurseTimes: number,
  typedArray: boolean,
): string {
  const constructorName = getConstructorName(ctx, value, recurseTimes)
  const rawTag = ctx.getters ? getProperty(value, Symbol.toStringTag) : toStringTagOf(value)
  let tag = typeof rawTag === 'string' ? rawTag : ''
  if (tag !== '') {
    const own = ownDescriptor(value, Symbol.toStringTag)
    if (own && (ctx.showHidden || own.enumerable)) tag = ''
  }
  const shape = shapeOf(value, constructorName, rawTag)
  const layout = layoutOf(ctx, value, shape, constructorName, tag, recurseTimes, typedArray)
  if (typeof layout === 'string') return layout

  if (recurseTimes > ctx.depth || outOfBudget(ctx)) {
    const name = getCtxStyle(value, constructorName, tag).slice(0, -1)
    return constructorName !== null ? `[${name}]` : name
  }
  const depth = recurseTimes + 1
  ctx.seen.push(value)
  ctx.currentDepth = depth
  const output = layout.formatter(ctx, value, depth)
  const { keys, known, extrasType } = layout
  const entryCount = output.length
  let remaining = ''
  for (let i = 0; i < keys.length; i++) {
    if (i >= Math.max(0, ctx.maxItems) || outOfBudget(ctx)) {
      remaining = remainingText(keys.length - i, 'property', 'properties')
      break
    }
    const key = keys[i]!
    const descriptor = known?.has(key) ? { value: known.get(key), enumerable: true } : undefined
    output.push(formatProperty(ctx, value, depth, key, descriptor))
  }
  if (ctx.sorted) sortEntries(output, extrasType === kObjectType ? 0 : entryCount)
  if (remaining !== '') output.push(remaining)
  let base = layout.base
  const reference = ctx.circular?.get(value)
  if (reference !== undefined) {
    base = base === '' ? `<ref *${reference}>` : `<ref *${reference}> ${base}`
  }
  ctx.seen.pop()
  const { braces, isNumberAt } = layout
  const result = reduceToSingleString(ctx, output, base, braces, extrasType, depth, isNumberAt)
  const total = (ctx.levelTotals[ctx.indentationLvl] ?? 0) + result.length
  ctx.levelTotals[ctx.indentationLvl] = total
  if (total > ctx.maxLength) ctx.budget = 0
  return result
}
