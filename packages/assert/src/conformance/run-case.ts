/**
 * Runs one conformance case: a piece of source with an `assert` binding. The same module runs in
 * Node and, transpiled as it is (it imports nothing), in a browser page and a module worker, so
 * every realm judges an outcome the same way.
 */

/** What running a case produced: a pass, or the error it failed with. */
export interface Outcome {
  result: 'pass' | 'fail'
  /** The thrown value's constructor name (`AssertionError`, `TypeError`, …), or its `typeof`. */
  errorClass?: string
  code?: string
  operator?: string
  message?: string
}

type CaseFunction = (assert: unknown) => unknown

/**
 * Compiles a case. A single expression is returned (so `assert.rejects(…)` is awaited);
 * anything else is a function body, which returns its promise itself when it has one.
 */
export function compileCase(source: string): CaseFunction {
  try {
    return new Function('assert', `return (${source}\n)`) as CaseFunction
  } catch {
    return new Function('assert', source) as CaseFunction
  }
}

/**
 * Runs `source` with `assert` bound to the given module and awaits what it returns.
 *
 * @example
 * await runCase('assert.strictEqual(1, 2)', strictAssert) // { result: 'fail', code: 'ERR_ASSERTION', … }
 */
export async function runCase(source: string, assert: unknown): Promise<Outcome> {
  try {
    const value = compileCase(source)(assert)
    if (isThenable(value)) await value
    return { result: 'pass' }
  } catch (error) {
    return describeFailure(error)
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

function describeFailure(error: unknown): Outcome {
  if ((typeof error !== 'object' && typeof error !== 'function') || error === null)
    return { result: 'fail', errorClass: typeof error, message: String(error) }
  const fields = error as { code?: unknown; operator?: unknown; message?: unknown }
  const outcome: Outcome = { result: 'fail', errorClass: constructorName(error) }
  if (fields.code !== undefined) outcome.code = String(fields.code)
  if (fields.operator !== undefined) outcome.operator = String(fields.operator)
  if (typeof fields.message === 'string') outcome.message = fields.message
  return outcome
}

function constructorName(value: object): string {
  try {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name
    return typeof name === 'string' ? name : 'Object'
  } catch {
    return 'Object'
  }
}
