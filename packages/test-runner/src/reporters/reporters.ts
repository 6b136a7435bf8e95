/**
 * The reporters by name (SPEC §5.5): Node 20's `spec`, `tap`, `dot` and `junit`, and Daebug's
 * `json` and `markdown`; each as an async generator and as an incremental reporter.
 */
import type { TestEvent } from '@daebug/protocol'
import { createDotReporter, dot } from './dot.js'
import { createJsonReporter, json } from './json.js'
import { createJunitReporter, junit } from './junit.js'
import { createMarkdownReporter, markdown } from './markdown.js'
import type { IncrementalReporter, Reporter, ReporterOptions } from './reporter.js'
import { createSpecReporter, spec } from './spec.js'
import { createTapReporter, tap } from './tap.js'

/** The name of a built-in reporter. */
export type ReporterName = 'spec' | 'tap' | 'dot' | 'junit' | 'json' | 'markdown'

/** The built-in reporters in Node's async-generator shape, by name. */
export const reporters: Readonly<Record<ReporterName, Reporter>> = {
  spec,
  tap,
  dot,
  junit,
  json,
  markdown,
}

const incremental: Readonly<
  Record<ReporterName, (options?: ReporterOptions) => IncrementalReporter>
> = {
  spec: createSpecReporter,
  tap: createTapReporter,
  dot: createDotReporter,
  junit: createJunitReporter,
  json: createJsonReporter,
  markdown: createMarkdownReporter,
}

/** True for the name of a built-in reporter. */
export function isReporterName(name: unknown): name is ReporterName {
  return typeof name === 'string' && Object.hasOwn(incremental, name)
}

/**
 * Creates a built-in reporter fed one event at a time: `push(event)` returns the text the event
 * adds, `end()` the text that closes the report.
 * @example
 * const reporter = createReporter('spec')
 * for await (const event of run({ files })) output.write(reporter.push(event))
 * output.write(reporter.end())
 */
export function createReporter(
  name: ReporterName,
  options: ReporterOptions = {},
): IncrementalReporter {
  if (!isReporterName(name)) {
    throw new TypeError(
      `Unknown reporter '${String(name)}'; expected one of: ${Object.keys(incremental).join(', ')}`,
    )
  }
  return incremental[name](options)
}

/** A reporter that prints whole lines: `push` and `end` return nothing. */
export interface LineReporter {
  push(event: TestEvent): void
  end(): void
}

/**
 * Creates a built-in reporter that calls `print` once per complete line as soon as it is known
 * (the rest of a line waits for its end), e.g. with `console.log` in a page.
 * @example
 * const reporter = createLineReporter('spec', (line) => console.log(line))
 * for await (const event of run({ files })) reporter.push(event)
 * reporter.end()
 */
export function createLineReporter(
  name: ReporterName,
  print: (line: string) => void,
  options: ReporterOptions = {},
): LineReporter {
  const reporter = createReporter(name, options)
  let pending = ''
  const write = (text: string): void => {
    const lines = (pending + text).split('\n')
    pending = lines.pop()!
    for (const line of lines) print(line)
  }
  return {
    push: (event) => write(reporter.push(event)),
    end() {
      write(reporter.end())
      if (pending) print(pending)
      pending = ''
    },
  }
}
