/**
 * @module
 * `@daebug/assert`: node:assert for every realm. The assertion surface of SPEC §6 is built by the
 * assert issue; until it lands this entry exports nothing, so no import can half-work.
 */
export {}
