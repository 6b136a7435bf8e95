/**
 * How each kind of object is written (SPEC §3.2, after `util.inspect`): the text in front
 * (`[Function: f]`, `Map(2)`, an error's stack), the braces, which keys are listed, and which
 * formatter writes its entries. Objects with nothing to list come back as finished text.
 */

import { dataViewInfo, dateISOStringOf, urlHrefOf } from './inspect-brands.js'
import {
  type Formatter,
  formatArray,
  formatArrayBuffer,
  formatDomList,
  formatMap,
  formatPrimitive,
  formatSet,
  formatTypedArray,
  type InspectContext,
  isIndexKey,
} from './inspect-entries.js'
import { formatErrorBase } from './inspect-error.js'
import { kArrayExtrasType, kObjectType } from './inspect-layout.js'
import { ownEnumerableKeys, ownNames, ownSymbols, readOwnData } from './inspect-reflect.js'
import { getBoxedBase, getCtxStyle, getFunctionBase, type Shape } from './inspect-shape.js'
import { formatNumber, getPrefix } from './inspect-text.js'

/**
 * Arrays and typed arrays longer than this (and than `maxItems`) do not list their non-index
 * properties: there is no way to read them without `Object.keys`, which takes ~85 ms on a
 * million elements, a cost out of proportion when only `maxItems` elements are shown.
 */
const maxLengthForExtraKeys = 50_000

function getKeys(ctx: InspectContext, value: object): PropertyKey[] {
  const keys: PropertyKey[] = ctx.showHidden ? ownNames(value) : ownEnumerableKeys(value)
  // Listing the keys is work even when few of them are printed (100,000 keys take ~15 ms).
  ctx.budget -= keys.length / 4
  const symbols = ownSymbols(value, ctx.showHidden)
  return symbols.length === 0 ? keys : [...keys, ...symbols]
}

/** Own keys that are not array indices (`'length'` included when showing hidden ones). */
function nonIndexKeys(
  ctx: InspectContext,
  value: object,
  length: number,
  isArray: boolean,
): PropertyKey[] {
  if (length > maxLengthForExtraKeys && length > ctx.maxItems) {
    const symbols = ownSymbols(value, ctx.showHidden)
    return ctx.showHidden && isArray ? ['length', ...symbols] : symbols
  }
  return getKeys(ctx, value).filter((key) => !isIndexKey(key))
}

/** How an object is written: what goes before, inside and around its entries. */
export interface Layout {
  keys: PropertyKey[]
  /** Values for keys that are built-in getters (`byteLength`), read through brand-checked built-ins. */
  known?: Map<PropertyKey, unknown>
  base: string
  braces: [string, string]
  formatter: Formatter
  extrasType: number
  isNumberAt?: (index: number) => boolean
}

function emptyFormatter(): string[] {
  return []
}

/** The layout of an object of this shape, or its whole text when it has nothing to expand. */
export function layoutOf(
  ctx: InspectContext,
  value: object,
  shape: Shape,
  constructorName: string | null,
  tag: string,
  recurseTimes: number,
  typedArray: boolean,
): Layout | string {
  const list = (
    prefix: string,
    length: number,
    keys: PropertyKey[],
    formatter: Formatter,
    isNumberAt: (index: number) => boolean,
  ): Layout | string => {
    const braces: [string, string] = [`${prefix}[`, ']']
    const empty = length === 0 && keys.length === 0
    if (empty && !(ctx.showHidden && shape.type === 'typedArray')) return `${braces[0]}]`
    return { keys, base: '', braces, formatter, extrasType: kArrayExtrasType, isNumberAt }
  }
  const braced = (prefix: string, formatter: Formatter = emptyFormatter, base = '') => {
    const keys = getKeys(ctx, value)
    const layout: Layout = {
      keys,
      base,
      braces: [`${prefix}{`, '}'],
      formatter,
      extrasType: kObjectType,
    }
    return layout
  }
  switch (shape.type) {
    case 'array': {
      const { length } = shape
      const prefix =
        constructorName !== 'Array' || tag !== ''
          ? getPrefix(constructorName, tag, 'Array', `(${length})`)
          : ''
      const keys = nonIndexKeys(ctx, value, length, true)
      const formatter: Formatter = (c, v, r) => formatArray(c, v, r, length)
      return list(prefix, length, keys, formatter, (index) => {
        const item = readOwnData(value, index)
        return typeof item === 'number' || typeof item === 'bigint'
      })
    }
    case 'typedArray': {
      const { length, name } = shape
      const prefix = getPrefix(
        constructorName,
        tag,
        constructorName === null ? name : '',
        `(${length})`,
      )
      const keys = nonIndexKeys(ctx, value, length, false)
      const formatter: Formatter = (c, v, r) => formatTypedArray(c, v, r, length)
      return list(prefix, length, keys, formatter, (index) => index < length)
    }
    case 'domList': {
      const { length } = shape
      const prefix = getPrefix(constructorName, tag, shape.name, `(${length})`)
      const formatter: Formatter = (c, v, r) => formatDomList(c, v, r, length)
      return list(prefix, length, [], formatter, () => false)
    }
    case 'set':
    case 'map': {
      const { size } = shape
      const prefix = getPrefix(
        constructorName,
        tag,
        shape.type === 'set' ? 'Set' : 'Map',
        `(${size})`,
      )
      const layout = braced(prefix, (c, v, r) =>
        shape.type === 'set' ? formatSet(c, v, r, size) : formatMap(c, v, r, size),
      )
      return size === 0 && layout.keys.length === 0 ? `${prefix}{}` : layout
    }
    case 'iterator': {
      const layout = braced('', () => ['<items unknown>'])
      layout.braces[0] =
        tag === shape.name || tag === '' ? `[${shape.name}] {` : `[${tag}] [${shape.name}] {`
      return layout
    }
    case 'function': {
      const layout = braced('', emptyFormatter, getFunctionBase(value, constructorName, tag))
      return layout.keys.length === 0 ? layout.base : layout
    }
    case 'object':
    case 'arguments': {
      let prefix = ''
      if (shape.type === 'arguments') prefix = '[Arguments] '
      else if (tag !== '') prefix = getPrefix(constructorName, tag, 'Object')
      const layout = braced(prefix)
      return layout.keys.length === 0 ? `${prefix}{}` : layout
    }
    case 'regexp':
    case 'date': {
      const isDate = shape.type === 'date'
      let base = shape.type === 'regexp' ? shape.text : ''
      if (shape.type === 'date') {
        base = Number.isNaN(shape.time) ? 'Invalid Date' : dateISOStringOf(value)
      }
      const prefix = getPrefix(constructorName, tag, isDate ? 'Date' : 'RegExp')
      if (prefix !== (isDate ? 'Date ' : 'RegExp ')) base = `${prefix}${base}`
      const layout = braced('', emptyFormatter, base)
      const bare = layout.keys.length === 0 || (!isDate && recurseTimes > ctx.depth)
      return bare ? base : layout
    }
    case 'error': {
      const layout = braced('')
      const { keys } = layout
      layout.base = formatErrorBase(
        value,
        constructorName,
        tag,
        keys,
        ctx.indentationLvl,
        ctx.showHidden,
        ctx.cleanStack,
      )
      return keys.length === 0 ? layout.base : layout
    }
    case 'arrayBuffer': {
      const prefix = getPrefix(constructorName, tag, shape.name)
      const { byteLength } = shape
      const layout = braced(prefix, (c, v) => formatArrayBuffer(c, v, byteLength))
      if (typedArray) {
        if (layout.keys.length === 0) return `${prefix}{ byteLength: ${formatNumber(byteLength)} }`
        layout.formatter = emptyFormatter
      }
      layout.keys.unshift('byteLength')
      layout.known = new Map([['byteLength', byteLength]])
      return layout
    }
    case 'dataView': {
      const layout = braced(getPrefix(constructorName, tag, 'DataView'))
      const info = dataViewInfo(value)
      layout.keys.unshift('byteLength', 'byteOffset', 'buffer')
      layout.known = new Map(Object.entries(info))
      return layout
    }
    case 'promise':
      return braced(getPrefix(constructorName, tag, 'Promise'), () => ['<pending>'])
    case 'weak':
      return braced(getPrefix(constructorName, tag, shape.name), () => ['<items unknown>'])
    case 'module':
      return braced('[Module: null prototype] ')
    case 'boxed': {
      const layout = braced('')
      if (shape.name === 'String') layout.keys = layout.keys.filter((key) => !isIndexKey(key))
      const primitive = formatPrimitive(ctx, shape.primitive)
      layout.base = getBoxedBase(shape.name, primitive, constructorName, tag)
      return layout.keys.length === 0 ? layout.base : layout
    }
    default: {
      // Node prints a URL as its href (without customInspect); reading it calls a getter.
      const href = ctx.getters && recurseTimes <= ctx.depth ? urlHrefOf(value) : undefined
      const prefix = href === undefined ? getCtxStyle(value, constructorName, tag) : ''
      const layout = braced(prefix, emptyFormatter, href)
      if (layout.keys.length > 0) return layout
      return href ?? `${prefix}{}`
    }
  }
}
