/**
 * A counter's state, kept apart from the page so tests can use it directly.
 */

/** @typedef {{ value: number, step: number }} Counter */

/**
 * @param {number} [step]
 * @returns {Counter}
 */
export function createCounter(step = 1) {
  return { value: 0, step }
}

/**
 * @param {Counter} counter
 * @returns {Counter}
 */
export function increment(counter) {
  return { ...counter, value: counter.value + counter.step }
}

/**
 * @param {Counter} counter
 * @returns {Counter}
 */
export function reset(counter) {
  // A bug on purpose, for the walkthrough: a fresh counter loses the step, which should survive
  // a reset (tests/counter.test.js, 'reset keeps the step', fails until this keeps it).
  return { ...counter, ...createCounter() }
}
