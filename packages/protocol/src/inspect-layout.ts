/**
 * Line breaking, as `util.inspect` does it for a numeric `compact` (by default `breakLength: 80`
 * and `compact: 3`; the rules are listed at the top of inspect.ts) and for `compact: false`.
 */

import { displayWidth } from './inspect-text.js'

/** The layout state shared by one preview. */
export interface LayoutState {
  /** Spaces in front of the current entry's lines. */
  indentationLvl: number
  /** The nesting level of the object entered most recently. */
  currentDepth: number
  /** Columns a line may take (`Infinity` for no limit). */
  breakLength: number
  /** `InspectOptions.compact`, with `false` as 0: below 1, every entry goes on its own line. */
  compact: number
  maxItems: number
}

/** Entries are `key: value` pairs. */
export const kObjectType = 0
/** Entries are bare values (inside an array). */
export const kArrayType = 1
/** Entries are array values followed by `key: value` pairs. */
export const kArrayExtrasType = 2

function isBelowBreakLength(
  state: LayoutState,
  output: string[],
  start: number,
  base: string,
): boolean {
  let totalLength = output.length + start
  if (totalLength + output.length > state.breakLength) return false
  for (const entry of output) {
    totalLength += entry.length
    if (totalLength > state.breakLength) return false
  }
  return base === '' || !base.includes('\n')
}

/**
 * Aligns more than six short array entries in columns, as `util.inspect` does; numbers are
 * right-aligned, anything else left-aligned.
 */
function groupArrayElements(
  state: LayoutState,
  output: string[],
  isNumberAt: ((index: number) => boolean) | undefined,
): string[] {
  let totalLength = 0
  let maxLength = 0
  let outputLength = output.length
  if (state.maxItems < output.length) outputLength--
  const separatorSpace = 2
  const dataLen: number[] = []
  for (let i = 0; i < outputLength; i++) {
    const len = displayWidth(output[i]!)
    dataLen[i] = len
    totalLength += len + separatorSpace
    if (maxLength < len) maxLength = len
  }
  const actualMax = maxLength + separatorSpace
  if (
    actualMax * 3 + state.indentationLvl < state.breakLength &&
    (totalLength / actualMax > 5 || maxLength <= 6)
  ) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length)
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1)
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((state.breakLength - state.indentationLvl) / actualMax),
      state.compact * 4,
      15,
    )
    if (columns <= 1) return output
    const maxLineLength: number[] = []
    for (let i = 0; i < columns; i++) {
      let lineMaxLength = 0
      for (let j = i; j < output.length; j += columns) {
        if ((dataLen[j] ?? 0) > lineMaxLength) lineMaxLength = dataLen[j]!
      }
      maxLineLength.push(lineMaxLength + separatorSpace)
    }
    let padStart = true
    if (isNumberAt) {
      for (let i = 0; i < output.length; i++) {
        if (!isNumberAt(i)) {
          padStart = false
          break
        }
      }
    }
    const grouped: string[] = []
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength)
      let line = ''
      let j = i
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - i]! + output[j]!.length - dataLen[j]!
        line += padStart ? `${output[j]}, `.padStart(padding) : `${output[j]}, `.padEnd(padding)
      }
      if (padStart) {
        const padding = maxLineLength[j - i]! + output[j]!.length - dataLen[j]! - separatorSpace
        line += output[j]!.padStart(padding)
      } else {
        line += output[j]
      }
      grouped.push(line)
    }
    if (state.maxItems < output.length) grouped.push(output[outputLength]!)
    return grouped
  }
  return output
}

/**
 * Joins the entries of one object: on one line (`{ a: 1 }`) when that fits and `compact` is at
 * least 1, else one entry per line indented by two spaces, with long arrays grouped in columns.
 */
export function reduceToSingleString(
  state: LayoutState,
  output: string[],
  base: string,
  braces: readonly [string, string],
  extrasType: number,
  recurseTimes: number,
  isNumberAt?: (index: number) => boolean,
): string {
  let entries = output
  const count = output.length
  const compact = state.compact >= 1
  if (compact && extrasType === kArrayExtrasType && count > 6) {
    entries = groupArrayElements(state, output, isNumberAt)
  }
  if (compact && state.currentDepth - recurseTimes < state.compact && count === entries.length) {
    const start = entries.length + state.indentationLvl + braces[0].length + base.length + 10
    if (isBelowBreakLength(state, entries, start, base)) {
      const joined = entries.join(', ')
      if (!joined.includes('\n')) {
        return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`
      }
    }
  }
  const indentation = `\n${' '.repeat(state.indentationLvl)}`
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${entries.join(`,${indentation}  `)}${indentation}${braces[1]}`
}
