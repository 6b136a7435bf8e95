/**
 * What kind of object a value is, told by built-in brand checks rather than by its (forgeable)
 * prototype, and the text that stands in front of its braces: `[Function: f]`, `[class A]`,
 * `[Number: 3]`, `Foo [tag] `.
 */

import {
  arrayBufferByteLengthOf,
  arrayBufferKindOf,
  boxedPrimitiveOf,
  dateTimeOf,
  isDataView,
  isErrorLike,
  isPromiseLike,
  kindHintOf,
  mapSizeOf,
  regExpTextOf,
  setSizeOf,
  typedArrayInfo,
  weakCollectionKindOf,
} from './inspect-brands.js'
import { domListLengthOf } from './inspect-dom.js'
import {
  functionName,
  isArrayValue,
  isInstanceOf,
  prototypeOf,
  readData,
  readOwnData,
  sourceOf,
  toStringTagOf,
  typedArrayNameOf,
} from './inspect-reflect.js'
import { getPrefix } from './inspect-text.js'

/** The kind of an object, with what its kind lets the formatter read. */
export type Shape =
  | { type: 'array'; length: number }
  | { type: 'typedArray'; name: string; length: number }
  | { type: 'set'; size: number }
  | { type: 'map'; size: number }
  | { type: 'domList'; name: string; length: number }
  | { type: 'iterator'; name: string }
  | { type: 'function' }
  | { type: 'object' }
  | { type: 'arguments' }
  | { type: 'regexp'; text: string }
  | { type: 'date'; time: number }
  | { type: 'error' }
  | { type: 'arrayBuffer'; name: string; byteLength: number }
  | { type: 'dataView' }
  | { type: 'promise' }
  | { type: 'weak'; name: string }
  | { type: 'module' }
  | { type: 'boxed'; name: string; primitive: unknown }
  | { type: 'other' }

const boxedKinds = new Set(['Number', 'String', 'Boolean', 'Symbol', 'BigInt'])

/**
 * The shape of `value`. Brand checks run only for the kind that `Object.prototype.toString` or a
 * built-in `Symbol.toStringTag` suggests (a failing check throws, which is slow), or for all
 * kinds when a custom tag hides it or the value has no prototype.
 */
export function shapeOf(value: object, constructorName: string | null, rawTag: unknown): Shape {
  const hint = kindHintOf(value, rawTag)
  const may = (kind: string): boolean =>
    hint === undefined || hint === kind || constructorName === null

  if (isArrayValue(value)) {
    const length = readOwnData(value, 'length')
    return { type: 'array', length: typeof length === 'number' ? length : 0 }
  }
  const typedName = typedArrayNameOf(value)
  if (typedName !== undefined) {
    return { type: 'typedArray', name: typedName, length: typedArrayInfo(value).length }
  }
  const setSize = may('Set') ? setSizeOf(value) : undefined
  if (setSize !== undefined) return { type: 'set', size: setSize }
  const mapSize = may('Map') ? mapSizeOf(value) : undefined
  if (mapSize !== undefined) return { type: 'map', size: mapSize }
  const listLength = domListLengthOf(value, rawTag)
  if (listLength !== undefined) return { type: 'domList', name: String(rawTag), length: listLength }
  if (rawTag === 'Map Iterator' || rawTag === 'Set Iterator')
    return { type: 'iterator', name: rawTag }

  if (typeof value === 'function') return { type: 'function' }
  if (constructorName === 'Object') return { type: hint === 'Arguments' ? 'arguments' : 'object' }
  const regexp = may('RegExp') ? regExpTextOf(value) : undefined
  if (regexp !== undefined) return { type: 'regexp', text: regexp }
  const time = may('Date') ? dateTimeOf(value) : undefined
  if (time !== undefined) return { type: 'date', time }
  if (hint === 'Error' || (may('Error') && isErrorLike(value)) || isInstanceOf(value, Error)) {
    return { type: 'error' }
  }
  const bufferKind =
    may('ArrayBuffer') || may('SharedArrayBuffer') ? arrayBufferKindOf(value) : undefined
  if (bufferKind !== undefined) {
    return { type: 'arrayBuffer', name: bufferKind, byteLength: arrayBufferByteLengthOf(value) }
  }
  if (may('DataView') && isDataView(value)) return { type: 'dataView' }
  if (isPromiseLike(value)) return { type: 'promise' }
  const weakKind = may('WeakMap') || may('WeakSet') ? weakCollectionKindOf(value) : undefined
  if (weakKind !== undefined) return { type: 'weak', name: weakKind }
  if (constructorName === null && rawTag === 'Module') return { type: 'module' }
  const boxed = hint === undefined || boxedKinds.has(hint) ? boxedPrimitiveOf(value) : undefined
  if (boxed !== undefined) return { type: 'boxed', name: boxed.type, primitive: boxed.primitive }
  return { type: 'other' }
}

/** V8's class name for an object without a named constructor. */
export function internalName(value: object): string {
  if (typeof value === 'function') return 'Function'
  return isArrayValue(value) ? 'Array' : 'Object'
}

/** `Foo `, `Foo [tag] ` or `[Object: null prototype] ` for an object of no special kind. */
export function getCtxStyle(value: object, constructorName: string | null, tag: string): string {
  let fallback = ''
  if (constructorName === null) {
    fallback = internalName(value)
    if (fallback === tag) fallback = 'Object'
  }
  return getPrefix(constructorName, tag, fallback)
}

const classBody = /^(\s+[^(]*?)\s*{/
const comments = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g

/** `[Function: f]`, `[AsyncGeneratorFunction (anonymous)]`, `[class A extends B]`, … */
export function getFunctionBase(
  value: object,
  constructorName: string | null,
  tag: string,
): string {
  const source = sourceOf(value)
  if (source.startsWith('class') && source.endsWith('}')) {
    const slice = source.slice(5, -1)
    const bracketIndex = slice.indexOf('{')
    if (
      bracketIndex !== -1 &&
      (!slice.slice(0, bracketIndex).includes('(') || classBody.test(slice.replace(comments, '')))
    ) {
      return getClassBase(value, constructorName, tag)
    }
  }
  const kind = toStringTagOf(value)
  let type = 'Function'
  if (typeof kind === 'string') {
    if (kind.includes('Generator')) type = `Generator${type}`
    if (kind.startsWith('Async')) type = `Async${type}`
  }
  let base = `[${type}`
  if (constructorName === null) base += ' (null prototype)'
  const name = functionName(value)
  base += name === '' ? ' (anonymous)' : `: ${name}`
  base += ']'
  if (constructorName !== type && constructorName !== null) base += ` ${constructorName}`
  if (tag !== '' && constructorName !== tag) base += ` [${tag}]`
  return base
}

function getClassBase(value: object, constructorName: string | null, tag: string): string {
  const name = readOwnData(value, 'name')
  let base = `class ${typeof name === 'string' && name !== '' ? name : '(anonymous)'}`
  if (constructorName !== 'Function' && constructorName !== null) base += ` [${constructorName}]`
  if (tag !== '' && constructorName !== tag) base += ` [${tag}]`
  if (constructorName !== null) {
    const parent = prototypeOf(value)
    const superName = parent ? readData(parent, 'name') : undefined
    if (typeof superName === 'string' && superName !== '') base += ` extends ${superName}`
  } else {
    base += ' extends [null prototype]'
  }
  return `[${base}]`
}

/** `[Number: 3]`, `[String (MyString): 'x']`, `[Symbol: Symbol(a)]`; `primitive` is already formatted. */
export function getBoxedBase(
  name: string,
  primitive: string,
  constructorName: string | null,
  tag: string,
): string {
  let base = `[${name}`
  if (name !== constructorName) {
    base += constructorName === null ? ' (null prototype)' : ` (${constructorName})`
  }
  base += `: ${primitive}]`
  if (tag !== '' && tag !== constructorName) base += ` [${tag}]`
  return base
}
