/// <reference types="node" />
/**
 * Test helpers that run the same assertion against node:assert (the reference) and against
 * this package, and describe what each did in one comparable record.
 */
import { inspect } from 'node:util'

/** What an assertion call did: returned, or threw an error of some kind with some fields. */
export interface Outcome {
  threw: boolean
  kind?: string
  name?: unknown
  code?: unknown
  message?: unknown
  generatedMessage?: unknown
  operator?: unknown
  actual?: string
  expected?: string
  keys?: string[]
}

/** A value for comparison: errors without their stacks, which differ by the frames. */
function summarize(value: unknown): string {
  if (value instanceof Error) return `${String(value)} ${inspect({ ...value }, { depth: 4 })}`
  return inspect(value, { depth: 4 })
}

function describe(thrown: unknown): Outcome {
  if (typeof thrown !== 'object' || thrown === null) {
    return { threw: true, kind: typeof thrown, message: inspect(thrown) }
  }
  const error = thrown as Record<string, unknown>
  const outcome: Outcome = {
    threw: true,
    kind: (error.constructor as { name?: string } | undefined)?.name,
    name: error.name,
    code: error.code,
    message: error.message,
    keys: Object.keys(error),
  }
  if (error.code === 'ERR_ASSERTION') {
    outcome.generatedMessage = error.generatedMessage
    outcome.operator = error.operator
    outcome.actual = summarize(error.actual)
    outcome.expected = summarize(error.expected)
  }
  return outcome
}

/** Runs `call` and describes what it did. */
export function outcomeOf(call: () => unknown): Outcome {
  try {
    call()
    return { threw: false }
  } catch (thrown) {
    return describe(thrown)
  }
}

/** Awaits `call` and describes what it did. */
export async function asyncOutcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call()
    return { threw: false }
  } catch (thrown) {
    return describe(thrown)
  }
}

/** A short, readable name for a test case's values. */
export function label(...values: unknown[]): string {
  return values.map((value) => inspect(value, { depth: 2, breakLength: Infinity })).join(' vs ')
}
