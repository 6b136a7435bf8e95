// Conformance: a file that imports the runner and defines no tests.
import { test } from 'node:test'

export const nothing = typeof test
