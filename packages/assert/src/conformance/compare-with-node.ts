/**
 * Runs conformance cases through node:assert (the oracle) and through an implementation, and
 * compares what they did: pass/fail, error class, code and operator must agree on every case;
 * the exact message is compared on every case node:assert failed, and reported as a ratio.
 */
import { type Outcome, runCase } from './run-case.js'

/** The two modules a case can bind `assert` to. */
export interface AssertModules {
  assert: unknown
  strict: unknown
}

/** A case to compare. */
export interface ConformanceInput {
  /** How a mismatch names the case, e.g. `gen#12` or `hand#40`. */
  label: string
  binding: 'assert' | 'strict'
  code: string
  /** The documented outcome where node:assert cannot judge (it has no partialDeepStrictEqual). */
  expect?: 'pass' | 'fail'
  note?: string
}

/** One case's two outcomes. */
export interface Comparison {
  input: ConformanceInput
  oracle: Outcome
  actual: Outcome
}

/** The result of comparing a list of cases. */
export interface ConformanceReport {
  total: number
  /** Cases whose pass/fail, error class, code or operator differ. */
  structural: Comparison[]
  /** Cases with an oracle message (node:assert failed them) to compare. */
  messagesCompared: number
  /** Cases whose message differs (structure agreeing or not). */
  messages: Comparison[]
  /** Unhandled rejections seen while the cases ran (a promise an implementation dropped). */
  strayRejections: number
}

const CASE_TIMEOUT_MS = 2000
const ANSI = /\u001b\[[0-9;]*m/g

/**
 * Runs every case on node:assert and on `implementation`, from the same call site, so values
 * that carry a stack (errors built by the case) are identical on both sides.
 */
export async function compareWithNode(
  inputs: readonly ConformanceInput[],
  oracle: AssertModules,
  implementation: AssertModules,
): Promise<ConformanceReport> {
  return withQuietNode(async (strays) => {
    const comparisons: Comparison[] = []
    for (const input of inputs) {
      const outcomes: Outcome[] = []
      for (const modules of [oracle, implementation])
        outcomes.push(await runWithTimeout(input.code, modules[input.binding]))
      const [fromNode, fromImplementation] = outcomes as [Outcome, Outcome]
      const expected = input.expect ? documentedOutcome(input.expect) : fromNode
      comparisons.push({ input, oracle: expected, actual: fromImplementation })
    }
    // Rejections are reported after the microtask queue drains: give the last ones a turn.
    await new Promise((resolve) => setTimeout(resolve, 0))
    return summarise(comparisons, strays.length)
  })
}

/** The outcome current Node documents for a partialDeepStrictEqual case (no message to compare). */
function documentedOutcome(expect: 'pass' | 'fail'): Outcome {
  if (expect === 'pass') return { result: 'pass' }
  return {
    result: 'fail',
    errorClass: 'AssertionError',
    code: 'ERR_ASSERTION',
    operator: 'partialDeepStrictEqual',
  }
}

function summarise(comparisons: Comparison[], strayRejections: number): ConformanceReport {
  const structural = comparisons.filter(({ oracle, actual }) => !sameStructure(oracle, actual))
  const withMessage = comparisons.filter(({ oracle }) => oracle.message !== undefined)
  const messages = withMessage.filter(
    ({ oracle, actual }) => plain(oracle.message) !== plain(actual.message),
  )
  return {
    total: comparisons.length,
    structural,
    messagesCompared: withMessage.length,
    messages,
    strayRejections,
  }
}

function sameStructure(oracle: Outcome, actual: Outcome): boolean {
  return (
    oracle.result === actual.result &&
    oracle.errorClass === actual.errorClass &&
    oracle.code === actual.code &&
    oracle.operator === actual.operator
  )
}

function plain(message: string | undefined): string | undefined {
  return message?.replace(ANSI, '')
}

/** The share of compared messages that agree, in [0, 1] (1 when none was compared). */
export function messageAgreement(report: ConformanceReport): number {
  if (report.messagesCompared === 0) return 1
  return (report.messagesCompared - report.messages.length) / report.messagesCompared
}

/** One line: how many cases, how many agree on structure and on messages. */
export function formatSummary(title: string, report: ConformanceReport): string {
  const agreeing = report.total - report.structural.length
  const messages = report.messagesCompared - report.messages.length
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`
  const strays = report.strayRejections
    ? `; ${report.strayRejections} unhandled rejection(s) while running`
    : ''
  return (
    `${title}: ${report.total} cases; pass/fail+class+code+operator agree on ${agreeing}/${report.total} ` +
    `(${percent(agreeing / Math.max(report.total, 1))}); exact messages agree on ${messages}/${report.messagesCompared} ` +
    `failing cases (${percent(messageAgreement(report))})${strays}`
  )
}

/** The first `limit` comparisons, two or three short lines each. */
export function formatMismatches(comparisons: readonly Comparison[], limit: number): string {
  const lines: string[] = []
  for (const { input, oracle, actual } of comparisons.slice(0, limit)) {
    lines.push(`${input.label} [${input.binding}] ${clip(input.code.replace(/\s+/g, ' '), 220)}`)
    if (!sameStructure(oracle, actual)) {
      lines.push(`  node: ${describe(oracle)}`)
      lines.push(`  impl: ${describe(actual)}`)
    } else {
      const [line, ours, theirs] = firstDifference(
        plain(oracle.message) ?? '',
        plain(actual.message) ?? '',
      )
      lines.push(`  node line ${line}: ${clip(JSON.stringify(ours), 160)}`)
      lines.push(`  impl line ${line}: ${clip(JSON.stringify(theirs), 160)}`)
    }
    if (input.note) lines.push(`  note: ${input.note}`)
  }
  if (comparisons.length > limit) lines.push(`… and ${comparisons.length - limit} more`)
  return lines.join('\n')
}

function describe(outcome: Outcome): string {
  if (outcome.result === 'pass') return 'pass'
  const parts = [
    outcome.errorClass,
    outcome.code,
    outcome.operator && `operator ${outcome.operator}`,
  ]
  const message =
    outcome.message === undefined ? '' : ` ${clip(JSON.stringify(plain(outcome.message)), 140)}`
  return `fail ${parts.filter(Boolean).join(' ')}${message}`
}

function firstDifference(a: string, b: string): [number, string, string] {
  const left = a.split('\n')
  const right = b.split('\n')
  for (let i = 0; i < Math.max(left.length, right.length); i++)
    if (left[i] !== right[i]) return [i + 1, left[i] ?? '<end>', right[i] ?? '<end>']
  return [0, a, b]
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}

async function runWithTimeout(code: string, assert: unknown): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          result: 'fail',
          errorClass: 'Timeout',
          message: `no result in ${CASE_TIMEOUT_MS} ms`,
        }),
      CASE_TIMEOUT_MS,
    )
  })
  try {
    return await Promise.race([runCase(code, assert), timeout])
  } finally {
    clearTimeout(timer)
  }
}

interface NodeProcess {
  stderr: { isTTY?: boolean }
  noDeprecation?: boolean
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
}

/**
 * Runs `body` with node:assert's messages fixed to what CI sees: stderr is not a TTY (node:assert
 * colours its diffs and measures its `^` marker against the terminal's width on a TTY); the
 * deprecation warning of `assert.fail(a, b)` is silenced; stray rejections are counted, not fatal.
 */
async function withQuietNode<T>(body: (strays: unknown[]) => Promise<T>): Promise<T> {
  const node = (globalThis as unknown as { process: NodeProcess }).process
  const stderr = node.stderr
  const ownTTY = Object.getOwnPropertyDescriptor(stderr, 'isTTY')
  const noDeprecation = node.noDeprecation
  const strays: unknown[] = []
  const onRejection = (reason: unknown) => strays.push(reason)
  Object.defineProperty(stderr, 'isTTY', { value: false, configurable: true, writable: true })
  node.noDeprecation = true
  node.on('unhandledRejection', onRejection)
  try {
    return await body(strays)
  } finally {
    node.off('unhandledRejection', onRejection)
    node.noDeprecation = noDeprecation
    if (ownTTY) Object.defineProperty(stderr, 'isTTY', ownTTY)
    else delete stderr.isTTY
  }
}
