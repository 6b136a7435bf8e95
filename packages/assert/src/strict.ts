/**
 * @module
 * `@daebug/assert/strict`: what `node:assert/strict` maps to. Filled with the assert issue.
 */
export {}
