/**
 * The differences from node --test that remain on purpose, each with its reason; the same list,
 * in prose, is docs/test-runner-differences.md. A difference listed here is reported in the totals
 * but does not fail the suite; anything else does.
 */
import type { IsDocumented, TestRecord } from './compare-runs.js'

/** Where the side under test runs. */
export type Realm = 'node' | 'bun' | 'deno' | 'chromium'

/** One accepted difference in one field of one corpus test. */
export interface DocumentedDifference {
  file: string
  /** The test's full name (names joined with ` > `). */
  test: string
  field: keyof TestRecord
  realms: Realm[]
  reason: string
}

const EVERYWHERE: Realm[] = ['node', 'bun', 'deno', 'chromium']

/** Every documented difference. */
export const DOCUMENTED_DIFFERENCES: DocumentedDifference[] = [
  {
    file: 'throws-assertions.corpus.mjs',
    test: 'ok',
    field: 'error',
    realms: EVERYWHERE,
    reason:
      "@daebug/assert's assert.ok(0) says `0 == true`: node:assert quotes the caller's source, which it reads with node:fs (packages/assert/DIFFERENCES.md)",
  },
  ...['top-level-throw.corpus.mjs', 'uncaught-after-end.corpus.mjs'].map((file) => ({
    file,
    test: file,
    field: 'error' as const,
    realms: EVERYWHERE,
    reason:
      "a file that fails outside its tests fails with the error itself; node --test's file failure says `test failed` (its process's exit code) and leaves the error on the process's stderr, which a realm does not have",
  })),
]

/** The predicate that tells the documented differences of one file in one realm. */
export function documentedIn(realm: Realm, file: string): IsDocumented {
  const listed = DOCUMENTED_DIFFERENCES.filter(
    (difference) => difference.file === file && difference.realms.includes(realm),
  )
  return (path, field) =>
    listed.some((difference) => difference.test === path && difference.field === field)
}

/**
 * Corpus files whose whole outcome differs in some realms, on purpose: every difference in them is
 * documented there.
 */
export const DOCUMENTED_FILES: Array<{ file: string; realms: Realm[]; reason: string }> = [
  {
    file: 'uncaught-after-end.corpus.mjs',
    realms: ['bun', 'deno', 'chromium'],
    reason:
      'no async context to follow (Node has async_hooks): an error thrown by a timer of a test that ended fails the test running at that moment',
  },
]

/** Why a file differs as a whole in a realm, if it does on purpose. */
export function documentedFileIn(realm: Realm, file: string): string | undefined {
  return DOCUMENTED_FILES.find((entry) => entry.file === file && entry.realms.includes(realm))
    ?.reason
}

/**
 * Corpus files that still disagree with node --test because of bugs not fixed yet (issue 7 stays
 * open while this list is not empty). Their differences are printed with every run, but do not
 * fail the suite, so that any other disagreement still does; docs/test-runner-differences.md
 * lists them under "Open bugs".
 */
export const OPEN_BUGS: Array<{ file: string; realms: Realm[]; bug: string }> = []

/** Corpus files not run in some realms, each with the reason. */
export const NOT_RUN: Array<{ file: string; realms: Realm[]; reason: string }> = [
  {
    file: 'event-loop-drained.corpus.mjs',
    realms: ['bun', 'deno'],
    reason:
      'a run awaited at the top level whose test never settles: neither runtime tells the process that its event loop drained while a top-level await is pending (Bun waits forever, Deno exits with "Top-level await promise never resolved"); give such tests a timeout',
  },
]

/** Whether a corpus file runs in a realm. */
export function runsIn(realm: Realm, file: string): boolean {
  return !NOT_RUN.some((entry) => entry.file === file && entry.realms.includes(realm))
}

/** The open bug of a file in a realm, if it has one. */
export function openBugIn(realm: Realm, file: string): string | undefined {
  return OPEN_BUGS.find((open) => open.file === file && open.realms.includes(realm))?.bug
}
