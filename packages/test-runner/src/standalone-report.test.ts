import assert from 'node:assert/strict'
import { test } from 'uvu'
import type { CommandLineFlags } from './host.js'
import { reportStandalone } from './standalone-report.js'
import { TestsStream } from './tests-stream.js'

const flags = (reporters: string[], destinations: string[] = []): CommandLineFlags => ({
  only: false,
  namePatterns: [],
  skipPatterns: [],
  reporters,
  destinations,
})

test('a run reported only by dot need not record where its tests were declared', () => {
  assert.equal(reportStandalone(new TestsStream({ keep: false }), flags(['dot'])), false)
})

// Reporter modules are covered in standalone.test.ts: loading one here would need a real file.
test('spec, tap and junit beside dot show where tests were declared', () => {
  assert.equal(reportStandalone(new TestsStream({ keep: false }), flags([])), true)
  for (const reporter of ['spec', 'tap', 'junit']) {
    const stream = new TestsStream({ keep: false })
    assert.equal(
      reportStandalone(stream, flags(['dot', reporter], ['stdout', 'stdout'])),
      true,
      reporter,
    )
  }
})

test.run()
