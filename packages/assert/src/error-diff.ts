/**
 * The `+ actual - expected` diff of Node 20's strict comparisons: both values inspected one
 * entry per line, compared line by line (not a minimal diff: Node pairs line i with line i),
 * runs of identical lines collapsed to `...`, at most about 50 printed lines, and short
 * primitives written as `1 !== 2`. Messages are never coloured (Node colours them only when
 * stderr is a colour terminal).
 */

import { inspectForDiff } from './preview.js'

const headings: Readonly<Record<string, string>> = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  partialDeepStrictEqual: 'Expected values to be partially and strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
}

/** The heading of an operator's message (`undefined` for `==`, `fail`, custom operators). */
export function readableOperator(operator: string | undefined): string | undefined {
  return operator !== undefined && Object.hasOwn(headings, operator)
    ? headings[operator]
    : undefined
}

/** Below this many characters for both sides, two primitives are shown as `a !== b`. */
const maxShortLength = 12
/** Node's width for the `^` marker under a one-line mismatch when stderr is not a terminal. */
const markerColumns = 80
const skippedNote = ' ... Lines skipped'

function isObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null
}

/** Keeps at most 47 lines of a long inspection, the last one `...`. */
export function shortenLines(lines: string[]): string[] {
  if (lines.length <= 50) return lines
  return [...lines.slice(0, 46), '...']
}

/**
 * The message of a failed `strictEqual`, `deepStrictEqual` or `partialDeepStrictEqual`:
 * `message` (or the operator's heading), then the diff.
 */
export function formatDiff(
  actual: unknown,
  expected: unknown,
  operator: string,
  message: unknown = '',
): string {
  const actualText = inspectForDiff(actual)
  const actualLines = actualText.split('\n')
  const expectedLines = inspectForDiff(expected).split('\n')
  let heading = operator
  if (
    operator === 'strictEqual' &&
    ((isObjectLike(actual) && isObjectLike(expected)) ||
      (typeof actual === 'function' && typeof expected === 'function'))
  ) {
    heading = 'strictEqualObject'
  }
  const title = `${message || readableOperator(heading)}`

  // Node reuses one counter: the mismatch column when it is 2 or less (no marker is drawn)
  // counts against the three identical trailing lines that are kept.
  let counter = 0
  let marker = ''
  const [onlyActual] = actualLines
  const [onlyExpected] = expectedLines
  if (
    actualLines.length === 1 &&
    expectedLines.length === 1 &&
    onlyActual !== undefined &&
    onlyExpected !== undefined &&
    onlyActual !== onlyExpected
  ) {
    const inputLength = onlyActual.length + onlyExpected.length
    if (inputLength <= maxShortLength) {
      if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
        return `${title}\n\n${onlyActual} !== ${onlyExpected}\n`
      }
    } else if (heading !== 'strictEqualObject' && inputLength < markerColumns) {
      while (onlyActual[counter] === onlyExpected[counter]) counter++
      if (counter > 2) {
        marker = `\n  ${' '.repeat(counter)}^`
        counter = 0
      }
    }
  }

  let end = ''
  let lastDropped = ''
  while (actualLines.length > 0 && expectedLines.length > 0) {
    const line = actualLines[actualLines.length - 1]!
    if (line !== expectedLines[expectedLines.length - 1]) break
    if (counter++ < 3) end = `\n  ${line}${end}`
    else lastDropped = line
    actualLines.pop()
    expectedLines.pop()
  }

  const maxLines = Math.max(actualLines.length, expectedLines.length)
  if (maxLines === 0) {
    const lines = shortenLines(actualText.split('\n'))
    return `${readableOperator('notIdentical')}\n\n${lines.join('\n')}\n`
  }
  let skipped = false
  if (counter >= 5) {
    end = `\n...${end}`
    skipped = true
  }
  if (lastDropped !== '') end = `\n  ${lastDropped}${end}`

  const body = diffLines(actualLines, expectedLines)
  const header = `${title}\n+ actual - expected`
  if (body.cut) return `${header}${skippedNote}\n${body.text}\n...${body.pending}\n...`
  const note = skipped || body.skipped ? skippedNote : ''
  return `${header}${note}\n${body.text}${body.pending}${end}${marker}`
}

interface DiffBody {
  /** The `+`/`-`/unchanged lines so far. */
  text: string
  /** `-` lines not yet written, so that a run of changes reads `+ + - -`, not `+ - + -`. */
  pending: string
  /** Whether identical lines were collapsed to `...`. */
  skipped: boolean
  /** Whether the diff was cut after about 50 printed lines. */
  cut: boolean
}

/** Pairs line i of each side; the longer side's extra lines are added or removed. */
function diffLines(actualLines: string[], expectedLines: string[]): DiffBody {
  const maxLines = Math.max(actualLines.length, expectedLines.length)
  const actualIsLonger = actualLines.length >= maxLines
  const lines = actualIsLonger ? actualLines : expectedLines
  const shared = actualIsLonger ? expectedLines.length : actualLines.length
  const sign = actualIsLonger ? '+' : '-'
  const body: DiffBody = { text: '', pending: '', skipped: false, cut: false }
  let printed = 0
  let identical = 0

  // Before a change, the identical lines not yet shown: up to three of them, or two after `...`.
  const flushIdentical = (source: string[], i: number) => {
    if (identical > 2) {
      if (identical > 3) {
        if (identical > 4) {
          if (identical === 5) {
            body.text += `\n  ${source[i - 3]}`
            printed++
          } else {
            body.text += '\n...'
            body.skipped = true
          }
        }
        body.text += `\n  ${source[i - 2]}`
        printed++
      }
      body.text += `\n  ${source[i - 1]}`
      printed++
    }
    identical = 0
  }

  for (let i = 0; i < maxLines; i++) {
    if (i >= shared) {
      flushIdentical(lines, i)
      if (actualIsLonger) body.text += `\n${sign} ${lines[i]}`
      else body.pending += `\n${sign} ${lines[i]}`
      printed++
    } else {
      const expectedLine = expectedLines[i]!
      let actualLine = actualLines[i]!
      // A line that differs only by a trailing comma (the last entry on one side) is the same.
      let diverging =
        actualLine !== expectedLine &&
        (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine)
      if (diverging && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
        diverging = false
        actualLine += ','
      }
      if (diverging) {
        flushIdentical(actualLines, i)
        body.text += `\n+ ${actualLine}`
        body.pending += `\n- ${expectedLine}`
        printed += 2
      } else {
        body.text += body.pending
        body.pending = ''
        identical++
        if (identical <= 2) {
          body.text += `\n  ${actualLine}`
          printed++
        }
      }
    }
    if (printed > 50 && i < maxLines - 2) {
      body.cut = true
      return body
    }
  }
  return body
}
