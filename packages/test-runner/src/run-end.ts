/**
 * The events that close a file and a run: a file's own diagnostics and its `test:summary`, then
 * the run's `test:plan`, node's count diagnostics (`tests 12`, `pass 11`, …) and the run's
 * `test:summary` (the shape of current Node; Node 20 has no summary event).
 */

import { countDiagnostics } from '@daebug/protocol'
import { now } from './clock.js'
import type { RootTest } from './root-test.js'
import type { RunState } from './run-state.js'

/** Emits the diagnostics a file's root has collected so far. */
export function emitFileDiagnostics(root: RootTest): void {
  for (const message of root.diagnostics ?? []) {
    root.state.emit('test:diagnostic', { nesting: 0, message })
  }
  root.diagnostics = null
}

/** Emits a file's diagnostics and its summary (with its `file`). */
export function emitFileEnd(root: RootTest): void {
  const { state } = root
  emitFileDiagnostics(root)
  state.emit('test:summary', {
    success: root.success,
    counts: { ...root.counts },
    duration_ms: now() - root.startTimeOfFile,
    file: root.file,
  })
}

/** Emits the run's plan, diagnostics (`diagnostics` first, then the counts) and summary. */
export function emitRunEnd(state: RunState, diagnostics: readonly string[]): void {
  const duration = now() - state.startTime
  state.emit('test:plan', { nesting: 0, count: state.counts.topLevel })
  for (const message of [...diagnostics, ...countDiagnostics(state.counts, duration)]) {
    state.emit('test:diagnostic', { nesting: 0, message })
  }
  state.emit('test:summary', {
    success: state.success,
    counts: { ...state.counts },
    duration_ms: duration,
    file: undefined,
  })
}
