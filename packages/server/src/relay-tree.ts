/**
 * The relay's `tree` (SPEC §4.2): the tests a realm's files declare, listed without running them
 * (`collect()` of the runner, in the realm), as files › suites › tests with the ids test events
 * carry.
 */
import type { TestTreeFile, TestTreeNode } from '@daebug/protocol'

const RUNNER_URL = '/__daebug/modules/test-runner/index.js'

/** One entry of `collect()`, as the realm sends it back. */
export interface CollectedEntry {
  name: string
  nesting: number
  type: 'test' | 'suite'
  testFile: string
  line?: number
  error?: string
}

/** The code a realm runs to list the tests of `files` (URL paths): their entries, as JSON text. */
export function collectCode(files: readonly string[]): string {
  return `JSON.stringify((await (await import('${RUNNER_URL}')).collect({ files: ${JSON.stringify(files)} })).map(({ error, ...test }) => error === undefined ? test : { ...test, error: String(error) }))`
}

/** A loaded file's project-relative path (workers load them from under `/__daebug/w/`). */
export function projectPathOf(file: string): string {
  try {
    return decodeURIComponent(new URL(file, 'http://x/').pathname).replace(
      /^\/(?:__daebug\/w\/)?/,
      '',
    )
  } catch {
    return file
  }
}

/** Builds the tree from `collect()`'s entries (parents first, in declaration order). */
export function buildTree(entries: readonly CollectedEntry[]): TestTreeFile[] {
  type Frame = { children: TestTreeNode[]; names: string[] }
  const files = new Map<string, { node: TestTreeFile; frames: Frame[] }>()
  for (const entry of entries) {
    const path = projectPathOf(entry.testFile)
    let file = files.get(path)
    if (!file) {
      const node: TestTreeFile = { type: 'file', id: path, name: path, file: path, children: [] }
      file = { node, frames: [{ children: node.children, names: [] }] }
      files.set(path, file)
    }
    // A file that failed to load declared nothing: it is listed on its own.
    if (entry.error !== undefined) continue
    file.frames.length = Math.min(file.frames.length, entry.nesting + 1)
    const parent = file.frames[entry.nesting] ?? file.frames.at(-1)!
    const names = [...parent.names, entry.name]
    const base = {
      id: `${path}#${names.join(' › ')}`,
      name: entry.name,
      file: path,
      ...(entry.line ? { line: entry.line } : {}),
    }
    if (entry.type === 'suite') {
      const suite: TestTreeNode = { type: 'suite', ...base, children: [] }
      parent.children.push(suite)
      file.frames[entry.nesting + 1] = { children: suite.children, names }
    } else {
      parent.children.push({ type: 'test', ...base, status: 'idle' })
    }
  }
  return [...files.values()].map((file) => file.node)
}

/** How many tests a tree holds. */
export function countTests(tree: readonly TestTreeNode[]): number {
  let count = 0
  for (const node of tree) count += node.type === 'test' ? 1 : countTests(node.children)
  return count
}
