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
 * Corpus files that still disagree with node --test because of bugs not fixed yet (issue 7 stays
 * open while this list is not empty). Their differences are printed with every run, but do not
 * fail the suite, so that any other disagreement still does; docs/test-runner-differences.md
 * lists them under "Open bugs".
 */
export const OPEN_BUGS: Array<{ file: string; realms: Realm[]; bug: string }> = [
  {
    file: 'uncaught-after-end.corpus.mjs',
    realms: EVERYWHERE,
    bug: 'an error thrown by a timer after its test ended fails the test running at that moment; node reports it on the test that scheduled it (async context) and fails the file',
  },
  {
    file: 'top-level-throw.corpus.mjs',
    realms: EVERYWHERE,
    bug: "a file that throws while loading fails with its real error; node --test's failure says `test failed` (the real error goes to its stderr)",
  },
  {
    file: 'event-loop-drained.corpus.mjs',
    realms: ['bun', 'deno'],
    bug: 'a test whose promise never settles: Bun hangs, Deno exits before the last tests are reported (no beforeExit-style hook under run())',
  },
]

/** The open bug of a file in a realm, if it has one. */
export function openBugIn(realm: Realm, file: string): string | undefined {
  return OPEN_BUGS.find((open) => open.file === file && open.realms.includes(realm))?.bug
}
