/**
 * What every reporter is: a synchronous formatter that turns one test event into text as it
 * arrives (so a page can print while a run streams), and the async-generator form that Node's
 * `--test-reporter` and `run().compose()` take.
 */
import type { TestEvent, TestEventType } from '@daebug/protocol'

/** Options shared by the reporters; each reads the ones it needs, and all have defaults. */
export interface ReporterOptions {
  /**
   * Prints every duration as this many milliseconds: each test's, and the run's total (the
   * `duration_ms` line of the summary and `test:summary`). For stable output in snapshots; by
   * default the real durations are printed.
   */
  durationMs?: number
  /**
   * The directory (or URL) that paths are shown relative to: spec's `test at file:line:column`
   * lines and markdown's stack frames. Default: `process.cwd()` where there is a process, else
   * the page's origin.
   */
  cwd?: string
  /**
   * junit: the `hostname` attribute of each `<testsuite>`. Default `localhost` (Node prints
   * `os.hostname()`, which a browser cannot know).
   */
  hostname?: string
  /** dot: marks per line (default 20, Node's width when stdout is not a terminal). */
  columns?: number
  /** markdown: list each passed test on its own line (SPEC §2.7's verbose report). */
  verbose?: boolean
}

/**
 * A reporter fed one event at a time. `push` returns the text that event adds (often `''`);
 * `end` returns the text that closes the report. Concatenated, they are the whole output.
 *
 * @example
 * const reporter = createReporter('tap')
 * for (const event of events) output.write(reporter.push(event))
 * output.write(reporter.end())
 */
export interface IncrementalReporter {
  push(event: TestEvent): string
  end(): string
  /** The event types it reads, when not all: other events need not be pushed. */
  readonly reads?: readonly TestEventType[]
  /**
   * False when its output never shows where a test was declared (`file`, `line`, `column`): a
   * run that reports only to such reporters need not record where its tests were declared.
   */
  readonly locations?: boolean
}

/**
 * A reporter in Node's custom-reporter shape: an async generator over the events that yields
 * text. Node calls it with the events only; a second argument sets {@link ReporterOptions}.
 */
export type Reporter = (
  events: AsyncIterable<TestEvent>,
  options?: ReporterOptions,
) => AsyncGenerator<string, void, undefined>

/**
 * Makes the async-generator form of a reporter from its incremental form.
 * @example
 * export const tap: Reporter = toReporter(createTapReporter)
 */
export function toReporter(create: (options?: ReporterOptions) => IncrementalReporter): Reporter {
  return async function* report(events, options) {
    const reporter = create(options)
    for await (const event of events) {
      const text = reporter.push(event)
      if (text) yield text
    }
    const text = reporter.end()
    if (text) yield text
  }
}

/** A copy of the event with its durations replaced by `durationMs`. */
function withDuration(event: TestEvent, durationMs: number): TestEvent {
  switch (event.type) {
    case 'test:pass':
    case 'test:fail':
    case 'test:complete': {
      const details = { ...event.data.details, duration_ms: durationMs }
      return { ...event, data: { ...event.data, details } } as TestEvent
    }
    case 'test:summary':
      return { ...event, data: { ...event.data, duration_ms: durationMs } }
    case 'test:diagnostic':
      // Node 20 reports the run's total as the diagnostic `duration_ms <n>` of the root.
      if (event.data.file === undefined && /^duration_ms \S+$/.test(event.data.message)) {
        return { ...event, data: { ...event.data, message: `duration_ms ${durationMs}` } }
      }
      return event
    default:
      return event
  }
}

/**
 * Applies the options every reporter shares (today `durationMs`) in front of a reporter.
 * Each `create…Reporter` ends with it.
 */
export function withSharedOptions(
  reporter: IncrementalReporter,
  options: ReporterOptions,
): IncrementalReporter {
  const { durationMs } = options
  if (durationMs === undefined) return reporter
  return {
    push: (event) => reporter.push(withDuration(event, durationMs)),
    end: () => reporter.end(),
    ...(reporter.reads ? { reads: reporter.reads } : {}),
    ...(reporter.locations === false ? { locations: false } : {}),
  }
}
