// Conformance: two --test-name-pattern flags: a test runs when either matches.
// flags: --test-name-pattern=red
// flags: --test-name-pattern=blue
import { test } from 'node:test'

test('red', () => {})
test('green', () => {})
test('blue', () => {})
test('dark red and blue', () => {})
