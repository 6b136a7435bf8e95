/**
 * The data of the events a test emits, with node's field names and in node's field order:
 * `{ nesting, name, line, column, file }` for `test:enqueue`/`test:dequeue`/`test:start`, and
 * `{ name, nesting, testNumber, details, line, column, file, skip | todo }` for results.
 */

import type {
  TestErrorInfo,
  TestResultData,
  TestResultDetails,
  TestStartData,
} from '@daebug/protocol'
import type { Test } from './test-node.js'

/**
 * The data of `test:enqueue`, `test:dequeue` and `test:start`: the same for the three, so a test
 * makes it once and the three events share it.
 */
export function startData(test: Test): TestStartData {
  if (test.startData !== null) return test.startData
  const { loc } = test
  test.startData =
    loc === undefined
      ? { nesting: test.nesting, name: test.name }
      : {
          nesting: test.nesting,
          name: test.name,
          line: loc.line,
          column: loc.column,
          file: loc.file,
        }
  return test.startData
}

/** `details` of a result: duration, `type: 'suite'` for suites, and the error of a failure. */
export function resultDetails(test: Test): TestResultDetails {
  const details: TestResultDetails = { duration_ms: test.endTime! - test.startTime! }
  if (test.reportedType !== undefined) details.type = test.reportedType
  if (!test.passed) details.error = test.error as TestErrorInfo
  return details
}

/** The data of `test:pass`, `test:fail` and `test:complete`. */
export function resultData(test: Test, details: TestResultDetails): TestResultData {
  const data: TestResultData = {
    name: test.name,
    nesting: test.nesting,
    testNumber: test.reportedNumber,
    details,
  }
  const { loc } = test
  if (loc !== undefined) {
    data.line = loc.line
    data.column = loc.column
    data.file = loc.file
  }
  if (test.skipped) data.skip = test.message ?? true
  else if (test.isTodo) data.todo = test.message ?? true
  return data
}
