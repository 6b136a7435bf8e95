import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { countDiagnostics, emptyCounts, isCountDiagnostic } from './test-events.js'

test('a run ends with node’s count diagnostics, in node’s order, and they are told from notes', () => {
  const counts = { ...emptyCounts(), tests: 3, passed: 2, failed: 1, topLevel: 3 }
  const lines = countDiagnostics(counts, 12.5)
  assert.equal(lines, [
    'tests 3',
    'suites 0',
    'pass 2',
    'fail 1',
    'cancelled 0',
    'skipped 0',
    'todo 0',
    'duration_ms 12.5',
  ])
  assert.ok(lines.every(isCountDiagnostic))
  for (const note of ['no test files found', 'tests 3 of 4', 'pass', 'Warning: tests 3']) {
    assert.not.ok(isCountDiagnostic(note), note)
  }
})

test.run()
