/**
 * The context a suite's function receives (`this` and its argument), as node:test's
 * `SuiteContext`: the suite's name, full name and abort signal.
 */

import type { Test } from './test-node.js'

/** What `describe('name', (s) => …)` gives its function. */
export class SuiteContext {
  #suite: Test

  constructor(suite: Test) {
    this.#suite = suite
  }

  /** The suite's name. */
  get name(): string {
    return this.#suite.name
  }

  /** The suite's name after its ancestors' names, joined with ` > `. */
  get fullName(): string {
    return this.#suite.fullName
  }

  /** Aborted when the suite ends or is cancelled. */
  get signal(): AbortSignal {
    return this.#suite.signal
  }
}
