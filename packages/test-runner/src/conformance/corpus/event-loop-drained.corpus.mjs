// Conformance: a test whose promise never settles, with nothing left to keep the event loop alive.
// node-only: relies on the process noticing that its event loop drained, which a browser realm never does
import { test } from 'node:test'

test('passes first', () => {})
test('never settles and has no timeout', () => new Promise(() => {}))
test('never reached', () => {})
