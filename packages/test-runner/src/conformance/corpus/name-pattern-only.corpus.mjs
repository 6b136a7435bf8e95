// Conformance: --test-name-pattern together with --test-only.
// flags: --test-only
// flags: --test-name-pattern=keep
import { test } from 'node:test'

test.only('keep: only and matching', () => {})
test.only('drop: only but not matching', () => {})
test('keep: matching but not only', () => {})
test('drop: neither', () => {})
