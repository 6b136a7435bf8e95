/**
 * `collect()`: the tests that files declare, without running any. Suites' functions run (they
 * declare the tests); tests' functions and hooks do not, so subtests made with `t.test()` are
 * not listed.
 */

import { daebugServerOf } from './daebug-realm.js'
import { collectIsolated, readIsolation } from './isolated-run.js'
import { fileForReport } from './location.js'
import { setFileRoot } from './registration-scope.js'
import { RootTest } from './root-test.js'
import { type RunOptions, readRunFilters } from './run.js'
import { RunState } from './run-state.js'
import { defaultEnvironment, testFileUrl } from './test-files.js'
import type { Test } from './test-node.js'
import { TestsStream } from './tests-stream.js'

/** A declared test or suite, as `collect()` lists it (in declaration order, parents first). */
export interface CollectedTest {
  name: string
  /** 0 for a file's top-level tests. */
  nesting: number
  type: 'test' | 'suite'
  /** The file that was loaded (a path for `file:` URLs, as in events). */
  testFile: string
  file?: string
  line?: number
  column?: number
  /** Skipped: `true` or the reason (filters by name or `only` count, as when running). */
  skip?: boolean | string
  /** To do: `true` or the reason. */
  todo?: boolean | string
  /** Declared with `only`. */
  only?: boolean
  /** Why the file could not be loaded, for the entry that stands for a file that failed. */
  error?: unknown
}

function list(test: Test, testFile: string, into: CollectedTest[]): void {
  const entry: CollectedTest = {
    name: test.name,
    nesting: test.nesting,
    type: test.reportedType ?? 'test',
    testFile,
    ...test.loc,
  }
  if (test.skipped) entry.skip = test.message ?? true
  if (test.isTodo) entry.todo = test.message ?? true
  if (test.declaredOnly) entry.only = true
  into.push(entry)
  for (const subtest of test.subtests) list(subtest, testFile, into)
}

/**
 * Lists the tests and suites the files declare, with their location and whether they are
 * skipped, to do or `only`, applying the run options' filters. Loading a file runs its
 * top-level code and its suites' functions, but no test or hook. In a Daebug realm the files are
 * loaded in a fresh child realm, as `run()` does (`isolation: 'none'` loads them here).
 */
export async function collect(options: RunOptions = {}): Promise<CollectedTest[]> {
  const isolation = readIsolation(options.isolation, !('document' in globalThis))
  if (isolation !== 'none' && options.env === undefined && daebugServerOf(import.meta.url)) {
    const {
      signal: _signal,
      setup: _setup,
      env: _env,
      isolation: _isolation,
      ...childOptions
    } = options
    const childUrl = new URL('./isolated-child.js', import.meta.url).href
    return (await collectIsolated(isolation, childUrl, childOptions)) as CollectedTest[]
  }
  const env = defaultEnvironment(options.env)
  const state = new RunState(new TestsStream({ keep: false }), readRunFilters(options))
  const files = options.files === undefined ? [] : await env.resolveFiles(options.files)
  const collected: CollectedTest[] = []
  try {
    for (const file of files) {
      const url = testFileUrl(file)
      const testFile = fileForReport(url)
      const root = new RootTest(state, testFile, true)
      setFileRoot(root)
      try {
        await env.importFile(url)
      } catch (error) {
        collected.push({ name: testFile, nesting: 0, type: 'test', testFile, error })
      }
      for (const test of root.subtests) list(test, testFile, collected)
    }
  } finally {
    setFileRoot(null)
  }
  return collected
}
