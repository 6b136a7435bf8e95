/**
 * The hooks each test holds for its subtests: its own `before`/`after`, and `beforeEach`/
 * `afterEach` copied from its parent when it is made (so a hook added later does not reach the
 * tests declared before it, as in node:test), its own `afterEach` hooks first.
 */

import type { TestLocation } from '@daebug/protocol'
import { checkNumber } from './argument-errors.js'
import { Hook, type HookOptions, type HookType } from './hooks.js'
import type { Test } from './test-node.js'

const TIMEOUT_MAX = 2_147_483_647

/** The hooks a test runs around its subtests; `beforeEach`/`afterEach` include inherited ones. */
export interface HookLists {
  before: Hook[]
  after: Hook[]
  beforeEach: Hook[]
  afterEach: Hook[]
  ownAfterEachCount: number
}

const NO_HOOK_LIST = Object.freeze([]) as unknown as Hook[]

/**
 * The hooks of a test that has none: most tests share it (frozen, so that a missed copy fails
 * loudly) instead of allocating lists of their own.
 */
export const NO_HOOKS: HookLists = Object.freeze({
  before: NO_HOOK_LIST,
  after: NO_HOOK_LIST,
  beforeEach: NO_HOOK_LIST,
  afterEach: NO_HOOK_LIST,
  ownAfterEachCount: 0,
})

/** The hooks a new subtest of `parent` starts with. */
export function inheritHooks(parent: Test): HookLists {
  const { beforeEach, afterEach } = parent.hooks
  if (beforeEach.length === 0 && afterEach.length === 0) return NO_HOOKS
  return {
    before: [],
    after: [],
    beforeEach: beforeEach.slice(),
    afterEach: afterEach.slice(),
    ownAfterEachCount: 0,
  }
}

/** Adds a hook to `test`; a `before` hook added to a test that has started runs at once. */
export function addHook(
  test: Test,
  type: HookType,
  fn: unknown,
  options: HookOptions,
  loc: TestLocation | undefined,
): Hook {
  let timeout = options.timeout ?? null
  if (timeout === Number.POSITIVE_INFINITY) timeout = null
  if (timeout !== null) checkNumber(timeout, 'options.timeout', 0, TIMEOUT_MAX)
  timeout ??= test.state.filters.defaultTimeout
  const owner = test.parent === null ? test.root : null
  const hook = new Hook(type, fn, options, loc, timeout, owner)
  if (type === 'before' && test.startTime !== null) {
    const pending = hook.run(test.makeContext())
    const check = (): void => {
      if (hook.error !== null) test.fail(hook.error)
    }
    if (pending === undefined) check()
    else pending.then(check)
  }
  if (test.hooks === NO_HOOKS) {
    test.hooks = { before: [], after: [], beforeEach: [], afterEach: [], ownAfterEachCount: 0 }
  }
  const { hooks } = test
  if (type === 'afterEach') {
    hooks.afterEach.splice(hooks.ownAfterEachCount, 0, hook)
    hooks.ownAfterEachCount++
  } else {
    hooks[type].push(hook)
  }
  return hook
}
