/**
 * @module
 * `@daebug/test-runner`: node:test for every realm. The API of SPEC §5 is built by the test-runner
 * issue; until it lands this entry exports nothing, so no import can half-work.
 */
export {}
