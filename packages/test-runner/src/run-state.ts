/**
 * What every test of one run shares: the event stream, the counts, the filters (`only`, name
 * patterns), the realm's default timeout, the abort signal, and which tests are running now.
 */

import {
  emptyCounts,
  type TestCounts,
  type TestEventOf,
  type TestEventType,
} from '@daebug/protocol'
import { now } from './clock.js'
import { startData } from './test-events.js'
import type { Test } from './test-node.js'
import type { TestsStream } from './tests-stream.js'

/** The filters and limits of a run, resolved from its options. */
export interface RunFilters {
  /** Run only tests marked `only` (Node's `--test-only`). */
  only: boolean
  /** Run only tests whose name, or an ancestor's, matches one of these. */
  namePatterns: RegExp[] | null
  /** Skip tests whose name, or an ancestor's, matches one of these. */
  skipPatterns: RegExp[] | null
  /** The timeout every test and suite inherits (Node's `--test-timeout`); null for none. */
  timeout: number | null
  /** The timeout of tests and hooks that have none: 30 s in browser realms, none elsewhere. */
  defaultTimeout: number | null
  /** How many top-level tests of a file run at once. */
  concurrency: number
  /** Cancels the run. */
  signal: AbortSignal | undefined
}

/** The shared state of one run. */
export class RunState {
  readonly stream: TestsStream
  readonly filters: RunFilters
  readonly counts: TestCounts = emptyCounts()
  /** False once a test failed (todo tests aside) or an error escaped the tests. */
  success = true
  /** A standalone run fails the process too (`process.exitCode = 1`). */
  setsExitCode = false
  /** Top-level tests created so far in earlier files: the next file numbers its tests after them. */
  topLevelCreated = 0
  /** Files begun so far: a file's own failure is numbered with its index, as node --test does. */
  filesBegun = 0
  readonly startTime: number = now()
  /**
   * Whether tests record where they were declared. A standalone run whose reporters never show
   * it turns this off: finding the caller's line is most of what declaring a test costs.
   */
  recordsLocations = true

  constructor(stream: TestsStream, filters: RunFilters) {
    this.stream = stream
    this.filters = filters
  }

  emit<K extends TestEventType>(type: K, data: TestEventOf<K>['data']): void {
    this.stream.emit(type, data)
  }

  /** Emits a test's `test:enqueue`, `test:dequeue` or `test:start`, if anyone listens. */
  emitStart(type: 'test:enqueue' | 'test:dequeue' | 'test:start', test: Test): void {
    if (this.stream.listens(type)) this.stream.emit(type, startData(test))
  }
}
