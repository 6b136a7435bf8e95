// Conformance: the file throws at the top level after registering a test.
import { test } from 'node:test'

test('registered before the throw', () => {})

throw new Error('the file failed to load')
