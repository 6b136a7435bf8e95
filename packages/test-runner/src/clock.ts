/**
 * The runner's clock, `performance.now()`, bound once. In Node 20 the global `performance` is a
 * lazy getter and `now` checks its receiver on every call (about 0.4 µs together), and a test
 * reads the clock at least twice.
 */
const { performance } = globalThis

/** Milliseconds since the realm's time origin, as `performance.now()`. */
export const now: () => number = performance.now.bind(performance)
