/**
 * The report a standalone test file prints to the console: a small version of node's `spec`
 * reporter (no colours), kept in this one file so the reporters package can replace it.
 */

import type { TestFailData, TestResultData, TestStartData } from '@daebug/protocol'
import { inspect } from '@daebug/protocol'
import { workingDirectory } from './host.js'
import type { TestsStream } from './tests-stream.js'

const indent = (nesting: number): string => '  '.repeat(nesting)

function relativePath(file: string): string {
  const cwd = workingDirectory()
  return cwd !== undefined && file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file
}

function formatError(error: unknown, pad: string): string {
  if (error === undefined || error === null) return ''
  const shown =
    (error as { code?: unknown }).code === 'ERR_TEST_FAILURE' ? (error as Error).cause : error
  const text = inspect(shown, { breakLength: Number.POSITIVE_INFINITY })
  return `\n${pad}  ${text.split(/\r?\n/).join(`\n${pad}  `)}\n`
}

function title(data: TestResultData): string {
  const duration = data.details.duration_ms ? ` (${data.details.duration_ms}ms)` : ''
  let text = `${data.name}${duration}`
  const { skip, todo } = data
  if (skip !== undefined)
    text += ` # ${typeof skip === 'string' && skip.length > 0 ? skip : 'SKIP'}`
  else if (todo !== undefined)
    text += ` # ${typeof todo === 'string' && todo.length > 0 ? todo : 'TODO'}`
  return text
}

function line(
  type: 'test:pass' | 'test:fail',
  data: TestResultData,
  hasChildren: boolean,
  pad = indent(data.nesting),
): string {
  const symbol = data.skip !== undefined ? '﹣ ' : type === 'test:pass' ? '✔ ' : '✖ '
  const error = formatError(data.details.error, pad)
  const shownError =
    hasChildren && (error === '' || data.details.error?.failureType === 'subtestsFailed')
      ? ''
      : hasChildren
        ? `\n${error}`
        : error
  return `${pad}${symbol}${title(data)}${shownError}`
}

/** Prints the stream's results to the console as they come, and the failures again at the end. */
export function reportToConsole(
  stream: TestsStream,
  print: (text: string) => void = console.log,
): void {
  const started: TestStartData[] = []
  const announced: TestStartData[] = []
  const failures: TestFailData[] = []
  const onResult = (type: 'test:pass' | 'test:fail', data: TestResultData): void => {
    started.shift()
    let prefix = ''
    while (started.length > 0) {
      const parent = started.pop()!
      announced.unshift(parent)
      prefix += `${indent(parent.nesting)}▶ ${parent.name}\n`
    }
    const first = announced[0]
    const hasChildren = first?.nesting === data.nesting && first.name === data.name
    if (hasChildren) announced.shift()
    print(`${prefix}${line(type, data, hasChildren)}`)
  }
  stream.on('test:start', (data) => started.unshift(data))
  stream.on('test:pass', (data) => onResult('test:pass', data))
  stream.on('test:fail', (data) => {
    if (data.details.error.failureType !== 'subtestsFailed') failures.push(data)
    onResult('test:fail', data)
  })
  stream.on('test:diagnostic', (data) => print(`${indent(data.nesting)}ℹ ${data.message}`))
  stream.on('test:summary', (data) => {
    if (data.file !== undefined || failures.length === 0) return
    const lines = ['\n✖ failing tests:\n']
    for (const failure of failures) {
      if (failure.file) {
        lines.push(`test at ${relativePath(failure.file)}:${failure.line}:${failure.column}`)
      }
      lines.push(line('test:fail', failure, false, ''))
    }
    print(lines.join('\n').replace(/\n$/, ''))
  })
}
