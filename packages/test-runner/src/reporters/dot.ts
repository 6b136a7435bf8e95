/**
 * The `dot` reporter: Node 20's one mark per test (`.` passed, `X` failed; suites and skipped
 * tests count too), a line break every `columns` marks, then the failures (suites whose subtests
 * failed included) as the spec reporter prints them.
 */
import type { TestResultData } from '@daebug/protocol'
import { formatReportLine } from './report-line.js'
import {
  type IncrementalReporter,
  type Reporter,
  type ReporterOptions,
  toReporter,
  withSharedOptions,
} from './reporter.js'

/**
 * Creates a dot reporter fed one event at a time.
 * @example
 * const dot = createDotReporter()
 * dot.push(passEvent) // '.'
 * dot.end() // '\n'
 */
export function createDotReporter(options: ReporterOptions = {}): IncrementalReporter {
  const columns = Math.max(1, Math.floor(options.columns ?? 20))
  const failed: TestResultData[] = []
  let count = 0
  return withSharedOptions(
    {
      reads: ['test:pass', 'test:fail'],
      locations: false,
      push(event) {
        if (event.type !== 'test:pass' && event.type !== 'test:fail') return ''
        let text = '.'
        if (event.type === 'test:fail') {
          text = 'X'
          failed.push(event.data)
        }
        if (++count === columns) {
          count = 0
          text += '\n'
        }
        return text
      },
      end() {
        if (failed.length === 0) return '\n'
        return `\n\nFailed tests:\n\n${failed.map((test) => formatReportLine('test:fail', test)).join('')}`
      },
    },
    options,
  )
}

/** The dot reporter as Node's `--test-reporter` takes it. */
export const dot: Reporter = toReporter(createDotReporter)

export default dot
