/**
 * DOM nodes, recognised by duck typing (this package has no DOM types and also runs where there
 * is no DOM): an element becomes its opening tag, `…` and the closing tag when it has content
 * (`<div id="app">…</div>`); other nodes get a short name (`#text 'hi'`, `#document`). Values
 * are read with {@link readNative}: host getters run, getters written in JavaScript never do.
 */

import { ownDescriptor, readNative } from './inspect-reflect.js'
import { quoteString } from './inspect-text.js'

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])

/** Longest opening tag shown; longer ones end in `…>`. */
const maxTagLength = 300
/** Longest text or comment content shown. */
const maxTextLength = 100

const domListTags = new Set([
  'NodeList',
  'HTMLCollection',
  'HTMLAllCollection',
  'HTMLFormControlsCollection',
  'HTMLOptionsCollection',
  'RadioNodeList',
])

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

function readString(value: object, key: string): string | undefined {
  const result = readNative(value, key)
  return typeof result === 'string' ? result : undefined
}

function tagNameOf(element: object): string {
  const localName = readString(element, 'localName')
  if (localName) return localName
  const tagName = readString(element, 'tagName') ?? 'element'
  return tagName === tagName.toUpperCase() ? tagName.toLowerCase() : tagName
}

/** The end of the opening tag in serialized HTML (a `>` outside quoted attribute values). */
function openingTagEnd(html: string): number {
  let quote = ''
  for (let i = 0; i < html.length; i++) {
    const char = html[i]
    if (quote) {
      if (char === quote) quote = ''
    } else if (char === '"' || char === "'") {
      quote = char
    } else if (char === '>') {
      return i + 1
    }
  }
  return -1
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')
}

/** `<tag a="b">` from the element's `attributes`, or undefined when it has none to read. */
function openingTagFromAttributes(element: object, name: string): string | undefined {
  const attributes = readNative(element, 'attributes')
  if (typeof attributes !== 'object' || attributes === null) return undefined
  const length = readNative(attributes, 'length')
  if (typeof length !== 'number') return undefined
  let tag = `<${name}`
  for (let i = 0; i < length && tag.length <= maxTagLength; i++) {
    const attribute = ownDescriptor(attributes, i)?.value
    if (typeof attribute !== 'object' || attribute === null) continue
    const attributeName = readString(attribute, 'name')
    const attributeValue = readString(attribute, 'value') ?? ''
    if (attributeName) tag += ` ${attributeName}="${escapeAttribute(attributeValue)}"`
  }
  return `${tag}>`
}

function hasChildren(element: object): boolean {
  const firstChild = readNative(element, 'firstChild')
  if (firstChild !== undefined) return firstChild !== null
  const childNodes = readNative(element, 'childNodes')
  if (typeof childNodes === 'object' && childNodes !== null) {
    const length = readNative(childNodes, 'length')
    if (typeof length === 'number') return length > 0
  }
  const innerHTML = readString(element, 'innerHTML')
  return innerHTML !== undefined && innerHTML !== ''
}

function formatElement(element: object): string {
  const name = tagNameOf(element)
  let opening = openingTagFromAttributes(element, name)
  let content: boolean
  if (opening !== undefined) {
    content = hasChildren(element)
  } else {
    const html = readString(element, 'outerHTML') ?? ''
    const end = openingTagEnd(html)
    opening = end > 0 ? html.slice(0, end) : `<${name}>`
    const closing = `</${name}>`
    const inner =
      end > 0 && html.toLowerCase().endsWith(closing.toLowerCase())
        ? html.slice(end, html.length - closing.length)
        : ''
    content = inner !== ''
  }
  if (opening.length > maxTagLength) opening = `${opening.slice(0, maxTagLength - 2)}…>`
  if (content) return `${opening}…</${name}>`
  return voidElements.has(name.toLowerCase()) ? opening : `${opening}</${name}>`
}

function textOf(node: object): string {
  return (
    readString(node, 'data') ??
    readString(node, 'nodeValue') ??
    readString(node, 'textContent') ??
    ''
  )
}

/**
 * The preview of a DOM node, or `undefined` when `value` does not look like one: a `nodeType`
 * from 1 to 12 and, for elements, a string `tagName` or `outerHTML`, for other nodes a string
 * `nodeName`.
 */
export function formatDomNode(value: object): string | undefined {
  const nodeType = readNative(value, 'nodeType')
  if (
    typeof nodeType !== 'number' ||
    !Number.isInteger(nodeType) ||
    nodeType < 1 ||
    nodeType > 12
  ) {
    return undefined
  }
  const nodeName = readString(value, 'nodeName')
  if (nodeType !== 1 && nodeName === undefined) return undefined
  switch (nodeType) {
    case 1:
      if (
        readString(value, 'tagName') === undefined &&
        readString(value, 'outerHTML') === undefined
      ) {
        return undefined
      }
      return formatElement(value)
    case 3:
      return `#text ${quoteString(shorten(textOf(value), maxTextLength))}`
    case 8:
      return `<!--${shorten(textOf(value), maxTextLength)}-->`
    case 9:
      return '#document'
    case 10:
      return `<!DOCTYPE ${readString(value, 'name') ?? 'html'}>`
    case 11:
      return '#document-fragment'
    default:
      return nodeName
  }
}

/** The length of a NodeList/HTMLCollection-like object, or `undefined` when it is not one. */
export function domListLengthOf(value: object, tag: unknown): number | undefined {
  if (typeof tag !== 'string' || !domListTags.has(tag)) return undefined
  const length = readNative(value, 'length')
  return typeof length === 'number' && Number.isInteger(length) && length >= 0 ? length : undefined
}
