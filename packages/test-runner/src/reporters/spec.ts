/**
 * The `spec` reporter: Node 20's default human-readable output, without colour. Suites and tests
 * with subtests open with `▶ name` when their first child reports; each test prints `✔`, `✖` or
 * `﹣` with its duration and its error; diagnostics print `ℹ message`; the failures are listed
 * again at the end under `✖ failing tests:` with their locations.
 */
import type { TestResultData, TestStartData } from '@daebug/protocol'
import { defaultCwd, relativePath } from './relative-path.js'
import { formatReportLine, indent, REPORT_SYMBOLS } from './report-line.js'
import {
  type IncrementalReporter,
  type Reporter,
  type ReporterOptions,
  toReporter,
  withSharedOptions,
} from './reporter.js'
import { fieldOf } from './test-error.js'

const sameTest = (a: TestStartData | undefined, b: TestStartData): boolean =>
  a !== undefined && a.nesting === b.nesting && a.name === b.name

/**
 * Creates a spec reporter fed one event at a time.
 * @example
 * const spec = createSpecReporter({ cwd: '/project' })
 * spec.push({ type: 'test:start', data: { name: 'adds', nesting: 0 } }) // ''
 * spec.push({ type: 'test:pass', data: { name: 'adds', nesting: 0, testNumber: 1, details: { duration_ms: 1.5 } } })
 * // '✔ adds (1.5ms)\n'
 */
export function createSpecReporter(options: ReporterOptions = {}): IncrementalReporter {
  const cwd = options.cwd ?? defaultCwd()
  // Newest first, as in Node: started tests not reported yet, and parents already announced.
  const started: TestStartData[] = []
  const announced: TestStartData[] = []
  const failed: TestResultData[] = []

  function report(type: 'test:pass' | 'test:fail', data: TestResultData): string {
    started.shift()
    let prefix = ''
    while (started.length) {
      const parent = started.pop()!
      announced.unshift(parent)
      prefix += `${indent(parent.nesting)}${REPORT_SYMBOLS.arrowRight}${parent.name}\n`
    }
    const hasChildren = sameTest(announced[0], data)
    if (hasChildren) announced.shift()
    return `${formatReportLine(type, data, prefix, indent(data.nesting), hasChildren)}\n`
  }

  return withSharedOptions(
    {
      reads: [
        'test:start',
        'test:pass',
        'test:fail',
        'test:diagnostic',
        'test:stdout',
        'test:stderr',
      ],
      push(event) {
        switch (event.type) {
          case 'test:fail':
            if (fieldOf(event.data.details?.error, 'failureType') !== 'subtestsFailed') {
              failed.push(event.data)
            }
            return report(event.type, event.data)
          case 'test:pass':
            return report(event.type, event.data)
          case 'test:start':
            started.unshift(event.data)
            return ''
          case 'test:stdout':
          case 'test:stderr':
            return event.data.message
          case 'test:diagnostic':
            return `${indent(event.data.nesting)}${REPORT_SYMBOLS.diagnostic}${event.data.message}\n`
          default:
            return ''
        }
      },
      end() {
        if (failed.length === 0) return ''
        const lines = [`\n${REPORT_SYMBOLS.fail}failing tests:\n`]
        for (const test of failed) {
          if (test.file) {
            lines.push(`test at ${relativePath(cwd, test.file)}:${test.line}:${test.column}`)
          }
          lines.push(formatReportLine('test:fail', test))
        }
        return lines.join('\n')
      },
    },
    options,
  )
}

/** The spec reporter as Node's `--test-reporter` takes it. */
export const spec: Reporter = toReporter(createSpecReporter)

export default spec
