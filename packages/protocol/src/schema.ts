/**
 * A tiny schema toolkit for checking what arrives over the network. A schema checks an unknown
 * value and returns a fresh, plain copy of it (declared fields only, no getters invoked, no
 * prototype consulted) or one specific error: the path, what was expected, what was received.
 * Schemas may throw on hostile input (a Proxy); {@link toValidator} turns one into a function that
 * never throws.
 */
import type { JsonValue } from './messages.js'

/**
 * Why a value was refused, as a wire error code: `TOO_LARGE` when a size limit was exceeded (413
 * over HTTP), `UNKNOWN_COMMAND` when a message's `type` is not a known one, else `BAD_MESSAGE`.
 */
export type ValidationCode = 'BAD_MESSAGE' | 'TOO_LARGE' | 'UNKNOWN_COMMAND'

/** A refused value: a one-line, specific error message and its wire code. */
export interface ValidationFailure {
  ok: false
  error: string
  code: ValidationCode
}

/** The outcome of a check: the checked (copied) value, or why it was refused. */
export type Validation<T> = { ok: true; value: T } | ValidationFailure

/** Checks an unknown value; never throws. */
export type Validator<T> = (value: unknown) => Validation<T>

/** Checks a value found at `path` (`''` at the root; `run.files[2]` deeper). */
export interface Schema<T> {
  /** What the schema accepts, for error messages: `a string`, `one of 'a', 'b'`. */
  readonly expected: string
  /** Set by {@link optional}: a missing field is left out instead of refused. */
  readonly optional?: boolean
  check(value: unknown, path: string): Validation<T>
}

/** A schema for a field that may be missing. */
export interface OptionalSchema<T> extends Schema<T> {
  readonly optional: true
}

/** The schemas of an object type's fields: optional fields need an {@link optional} schema. */
export type Shape<T> = {
  [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K>
    ? OptionalSchema<Exclude<T[K], undefined>>
    : Schema<T[K]>
}

/** Builds a failure for the value at `path`. */
export function failure(
  path: string,
  message: string,
  code: ValidationCode = 'BAD_MESSAGE',
): ValidationFailure {
  return { ok: false, error: path ? `${path}: ${message}` : message, code }
}

/** The path of a field: `joinPath('run', 'scope')` is `run.scope`. */
export function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}

/** Formats a count with `,` between thousands, never locale-dependent: `1,048,576`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

const PREVIEW_LENGTH = 40

function quote(text: string): string {
  const cut = text.length > PREVIEW_LENGTH
  const escaped = JSON.stringify(text.slice(0, PREVIEW_LENGTH)).slice(1, -1).replace(/\\"/g, '"')
  return cut ? `'${escaped}…' (${formatCount(text.length)} characters)` : `'${escaped}'`
}

/**
 * A short description of a received value for error messages: `'text'` (cut at 40 characters),
 * `5`, `null`, `an array (3 items)`, `an object`. Never throws.
 */
export function describeValue(value: unknown): string {
  try {
    if (typeof value === 'string') return quote(value)
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
    if (typeof value === 'bigint') return `${value}n`
    if (typeof value === 'symbol') return value.toString()
    if (typeof value === 'function') return 'a function'
    if (value === null || typeof value !== 'object') return String(value)
    if (Array.isArray(value)) return `an array (${formatCount(value.length)} items)`
    return 'an object'
  } catch {
    return 'an unreadable value'
  }
}

/** Describes something thrown while reading a value, for error messages. Never throws. */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`
  } catch {
    return 'an unreadable error'
  }
  return describeValue(error)
}

function refused<T>(schema: Schema<T>, value: unknown, path: string): ValidationFailure {
  return failure(path, `expected ${schema.expected}, got ${describeValue(value)}`)
}

/**
 * Reads an own data property (found at `at`) without invoking getters or consulting the prototype.
 */
function readOwn(target: object, key: string, at: string): Validation<unknown> {
  let descriptor: PropertyDescriptor | undefined
  try {
    descriptor = Object.getOwnPropertyDescriptor(target, key)
  } catch (error) {
    return failure(at, `could not be read (${describeThrown(error)})`)
  }
  if (descriptor && !('value' in descriptor)) {
    return failure(at, 'expected a data property, got a getter')
  }
  return { ok: true, value: descriptor?.value }
}

/** Options of {@link string}: lengths in UTF-16 code units; `max` refuses with `TOO_LARGE`. */
export interface StringOptions {
  min?: number
  max?: number
  /** Refuse line breaks and other control characters (names, ids, URLs that land in headings). */
  singleLine?: boolean
}

// Tab is allowed; every other C0 control, DEL, and the Unicode line separators are not.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/

/** A string, optionally bounded in length and confined to one line. */
export function string(options: StringOptions = {}): Schema<string> {
  const { min = 0, max = Number.POSITIVE_INFINITY, singleLine = false } = options
  const expected = `a ${min > 0 ? 'non-empty ' : ''}${singleLine ? 'single-line ' : ''}string`
  const schema: Schema<string> = {
    expected,
    check(value, path) {
      if (typeof value !== 'string' || value.length < min) return refused(schema, value, path)
      if (value.length > max) {
        const size = `${formatCount(value.length)} characters`
        return failure(path, `too long: ${size}; the limit is ${formatCount(max)}`, 'TOO_LARGE')
      }
      if (singleLine && CONTROL.test(value)) {
        return failure(path, `expected ${expected} without control characters, got ${quote(value)}`)
      }
      return { ok: true, value }
    },
  }
  return schema
}

/** Options of {@link number}: inclusive bounds, and a unit for the error message. */
export interface NumberOptions {
  integer?: boolean
  min?: number
  max?: number
  unit?: string
}

function describeNumber({ integer, min, max, unit }: NumberOptions): string {
  const kind = integer ? 'integer' : 'number'
  let text = `a finite ${kind}`
  if (min === 0) text = `a non-negative ${kind}`
  else if (min === 1 && integer) text = 'a positive integer'
  else if (min !== undefined) text = `a ${kind} ≥ ${formatCount(min)}`
  const notes = [unit, max === undefined ? undefined : `at most ${formatCount(max)}`]
  const note = notes.filter(Boolean).join(', ')
  return note ? `${text} (${note})` : text
}

/** A finite number, optionally an integer within bounds. */
export function number(options: NumberOptions = {}): Schema<number> {
  const {
    integer = false,
    min = Number.NEGATIVE_INFINITY,
    max = Number.POSITIVE_INFINITY,
  } = options
  const schema: Schema<number> = {
    expected: describeNumber(options),
    check(value, path) {
      const fits =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (!integer || Number.isInteger(value)) &&
        value >= min &&
        value <= max
      return fits ? { ok: true, value } : refused(schema, value, path)
    },
  }
  return schema
}

/** An integer within bounds: `integer({min: 1, unit: 'milliseconds'})`. */
export function integer(options: Omit<NumberOptions, 'integer'> = {}): Schema<number> {
  return number({ ...options, integer: true })
}

/** `true` or `false`. */
export function boolean(): Schema<boolean> {
  const schema: Schema<boolean> = {
    expected: 'true or false',
    check: (value, path) =>
      typeof value === 'boolean' ? { ok: true, value } : refused(schema, value, path),
  }
  return schema
}

/** Exactly one string; `hint` is added to the error (why only this value). */
export function literal<T extends string>(expected: T, hint?: string): Schema<T> {
  const schema: Schema<T> = {
    expected: `'${expected}'`,
    check(value, path) {
      if (value === expected) return { ok: true, value: expected }
      const error = refused(schema, value, path)
      return hint ? { ...error, error: `${error.error}; ${hint}` } : error
    },
  }
  return schema
}

/** One of a list of strings: `expected one of 'all', 'file', got 'everything'`. */
export function oneOf<T extends string>(values: readonly T[]): Schema<T> {
  const schema: Schema<T> = {
    expected: `one of ${values.map((value) => `'${value}'`).join(', ')}`,
    check: (value, path) =>
      values.includes(value as T) ? { ok: true, value: value as T } : refused(schema, value, path),
  }
  return schema
}

/** Marks a field of an {@link object} as optional: missing (or `undefined`) is left out. */
export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  return {
    expected: schema.expected,
    optional: true,
    check: (value, path) => schema.check(value, path),
  }
}

/** Options of {@link array}: `max` refuses longer arrays with `TOO_LARGE`. */
export interface ArrayOptions {
  max: number
}

/** An array of items that each pass `item`, at most `max` of them. */
export function array<T>(item: Schema<T>, { max }: ArrayOptions): Schema<T[]> {
  const schema: Schema<T[]> = {
    expected: 'an array',
    check(value, path) {
      if (!Array.isArray(value)) return refused(schema, value, path)
      if (value.length > max) {
        const count = formatCount(value.length)
        return failure(
          path,
          `too many items: ${count}; the limit is ${formatCount(max)}`,
          'TOO_LARGE',
        )
      }
      const out: T[] = []
      for (let index = 0; index < value.length; index++) {
        const itemPath = `${path}[${index}]`
        const read = readOwn(value, String(index), itemPath)
        if (!read.ok) return read
        const checked = item.check(read.value, itemPath)
        if (!checked.ok) return checked
        out.push(checked.value)
      }
      return { ok: true, value: out }
    },
  }
  return schema
}

/**
 * A plain object used as a map: string keys (at most `max`), each value passing `item`. Keys are
 * defined as own properties, so a key like `__proto__` is only ever data.
 */
export function record<T>(item: Schema<T>, { max }: ArrayOptions): Schema<Record<string, T>> {
  const schema: Schema<Record<string, T>> = {
    expected: 'an object',
    check(value, path) {
      if (!isObject(value)) return refused(schema, value, path)
      const keys = Object.keys(value)
      if (keys.length > max) {
        const count = formatCount(keys.length)
        return failure(
          path,
          `too many keys: ${count}; the limit is ${formatCount(max)}`,
          'TOO_LARGE',
        )
      }
      const out: Record<string, T> = {}
      for (const key of keys) {
        const keyPath = joinPath(path, key)
        const read = readOwn(value, key, keyPath)
        if (!read.ok) return read
        const checked = item.check(read.value, keyPath)
        if (!checked.ok) return checked
        Object.defineProperty(out, key, {
          value: checked.value,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      return { ok: true, value: out }
    },
  }
  return schema
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * An object with the fields of `T`, checked in the order given. Unknown fields are left out of the
 * result, so a newer peer may add fields; `__proto__` and inherited properties are never read.
 */
export function object<T>(shape: Shape<T>): Schema<T> {
  const fields = Object.entries(shape) as [string, Schema<unknown>][]
  const schema: Schema<T> = {
    expected: 'an object',
    check(value, path) {
      if (!isObject(value)) return refused(schema, value, path)
      const out: Record<string, unknown> = {}
      for (const [key, field] of fields) {
        const fieldPath = joinPath(path, key)
        const read = readOwn(value, key, fieldPath)
        if (!read.ok) return read
        if (read.value === undefined) {
          if (field.optional) continue
          return failure(fieldPath, `missing; expected ${field.expected}`)
        }
        const checked = field.check(read.value, fieldPath)
        if (!checked.ok) return checked
        out[key] = checked.value
      }
      return { ok: true, value: out as T }
    },
  }
  return schema
}

/** Adds a check across fields: `check` returns a {@link failure}, or nothing when all is well. */
export function refine<T>(
  schema: Schema<T>,
  check: (value: T, path: string) => ValidationFailure | undefined,
): Schema<T> {
  return {
    expected: schema.expected,
    check(value, path) {
      const checked = schema.check(value, path)
      return checked.ok ? (check(checked.value, path) ?? checked) : checked
    },
  }
}

/** Options of {@link taggedUnion}. */
export interface UnionOptions {
  /** What the `type` names, for messages: `message type`, `test event type`. */
  noun: string
  /** The code of an unknown `type`: `UNKNOWN_COMMAND` for commands, else `BAD_MESSAGE`. */
  unknownCode?: ValidationCode
}

/**
 * A union discriminated on a string `type`: picks the member's schema by `type`. At the root,
 * member errors are prefixed with the type (`run.scope: …`).
 */
export function taggedUnion<T extends { type: string }>(
  members: { [K in T['type']]: Schema<Extract<T, { type: K }>> },
  { noun, unknownCode = 'BAD_MESSAGE' }: UnionOptions,
): Schema<T> {
  const types = Object.keys(members)
  const known = `one of: ${types.join(', ')}`
  const schema: Schema<T> = {
    expected: `an object with a 'type' (${known})`,
    check(value, path) {
      if (!isObject(value)) return refused(schema, value, path)
      const read = readOwn(value, 'type', joinPath(path, 'type'))
      if (!read.ok) return read
      const type = read.value
      if (type === undefined) return failure(path, `missing ${noun}; expected ${known}`)
      if (typeof type !== 'string') {
        return failure(path, `${noun} must be a string, ${known}; got ${describeValue(type)}`)
      }
      if (!Object.hasOwn(members, type)) {
        const error = `unknown ${noun} ${quote(type)}; expected ${known}`
        return failure(path, error, unknownCode)
      }
      const member = members[type as T['type']] as Schema<T>
      return member.check(value, path || type)
    },
  }
  return schema
}

/** Options of {@link json}. */
export interface JsonOptions {
  /** Deepest nesting accepted. */
  maxDepth: number
  /** Most values (objects, arrays, primitives) in the whole tree; more is `TOO_LARGE`. */
  maxNodes: number
}

/**
 * Any JSON value, deep-copied: finite numbers, strings, booleans, null, arrays and objects of
 * them; `undefined` object fields are left out as `JSON.stringify` does; cycles and other values
 * are refused. A `__proto__` key stays an own property of the copy.
 */
export function json({ maxDepth, maxNodes }: JsonOptions): Schema<JsonValue> {
  const schema: Schema<JsonValue> = {
    expected: 'a JSON value',
    check(value, path) {
      // Paths cost a string per value; they are only needed to say where a value failed, so a
      // failing value is walked a second time with them.
      const fast = copyJson(value, path, false)
      return fast.ok ? fast : copyJson(value, path, true)
    },
  }
  function copyJson(value: unknown, path: string, tracked: boolean): Validation<JsonValue> {
    let nodes = 0
    const ancestors = new Set<object>()
    const copy = (input: unknown, at: string, depth: number): Validation<JsonValue> => {
      if (++nodes > maxNodes) {
        return failure(at, `too large: more than ${formatCount(maxNodes)} values`, 'TOO_LARGE')
      }
      if (input === null || typeof input === 'string' || typeof input === 'boolean') {
        return { ok: true, value: input }
      }
      if (typeof input === 'number' && Number.isFinite(input)) return { ok: true, value: input }
      if (typeof input !== 'object') return refused(schema, input, at)
      if (ancestors.has(input)) {
        return failure(at, 'expected a JSON value, got a cyclic reference')
      }
      if (depth >= maxDepth) {
        return failure(at, `nested too deeply; the limit is ${formatCount(maxDepth)} levels`)
      }
      ancestors.add(input)
      const copied = Array.isArray(input)
        ? copyArray(input, at, depth)
        : copyObject(input, at, depth)
      ancestors.delete(input)
      return copied
    }
    const copyArray = (input: unknown[], at: string, depth: number): Validation<JsonValue> => {
      const out: JsonValue[] = []
      for (let index = 0; index < input.length; index++) {
        const itemPath = tracked ? `${at}[${index}]` : at
        const read = readOwn(input, String(index), itemPath)
        const checked = read.ok ? copy(read.value, itemPath, depth + 1) : read
        if (!checked.ok) return checked
        out.push(checked.value)
      }
      return { ok: true, value: out }
    }
    const copyObject = (input: object, at: string, depth: number): Validation<JsonValue> => {
      const out: { [key: string]: JsonValue } = {}
      for (const key of Object.keys(input)) {
        const keyPath = tracked ? joinPath(at, key) : at
        const read = readOwn(input, key, keyPath)
        if (read.ok && read.value === undefined) continue
        const checked = read.ok ? copy(read.value, keyPath, depth + 1) : read
        if (!checked.ok) return checked
        if (key === '__proto__') {
          Object.defineProperty(out, key, {
            value: checked.value,
            enumerable: true,
            writable: true,
            configurable: true,
          })
        } else out[key] = checked.value
      }
      return { ok: true, value: out }
    }
    return copy(value, path, 0)
  }
  return schema
}

/**
 * Any JSON object (not an array), deep-copied as {@link json} does. Its fields are not checked:
 * `T` is the caller's word for what they hold.
 */
export function jsonObject<T extends object>(options: JsonOptions): Schema<T> {
  const inner = json(options)
  const schema: Schema<T> = {
    expected: 'an object',
    check(value, path) {
      if (!isObject(value)) return refused(schema, value, path)
      return inner.check(value, path) as Validation<T>
    },
  }
  return schema
}

/**
 * Turns a schema into a {@link Validator} that never throws: whatever escapes (a Proxy trap, a
 * revoked Proxy, a stack overflow) becomes a failure naming what went wrong.
 * @example
 * const validateName = toValidator(string({ min: 1 }))
 * validateName(5).error // 'expected a non-empty string, got 5'
 */
export function toValidator<T>(schema: Schema<T>): Validator<T> {
  return (value) => {
    try {
      return schema.check(value, '')
    } catch (error) {
      return failure('', `could not be read (${describeThrown(error)})`)
    }
  }
}
