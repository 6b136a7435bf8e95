/**
 * The fixture of `--browsers` (issue 14): 40 test files that each wait 200 ms, so that splitting
 * them across pages shows in the wall time. Their outcomes vary on purpose: file 07 has a test that
 * fails, file 13 one that is skipped, file 29 a todo, and file 33 a suite with a nested test. Shared
 * by the e2e test and bench/browsers.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** How many files, and how long each one's first test waits. */
export const SLEEPY_FILES = 40
export const SLEEPY_MS = 200

function source(n: number): string {
  const id = String(n).padStart(2, '0')
  const lines = [
    "import { describe, test } from 'node:test'",
    "import assert from 'node:assert/strict'",
    '',
    `test('file ${id} waits ${SLEEPY_MS} ms', async () => {`,
    `  await new Promise((done) => setTimeout(done, ${SLEEPY_MS}))`,
    '})',
    '',
    `test('file ${id} adds', () => {`,
    `  assert.equal(${n} + 1, ${n + 1})`,
    '})',
  ]
  if (n === 7)
    lines.push('', "test('file 07 fails on purpose', () => {", '  assert.equal(2 + 2, 5)', '})')
  if (n === 13) lines.push('', "test.skip('file 13 is skipped', () => {})")
  if (n === 29) lines.push('', "test.todo('file 29 is still to do')")
  if (n === 33) {
    lines.push('', "describe('file 33 suite', () => {", "  test('nested', () => {})", '})')
  }
  return `${lines.join('\n')}\n`
}

/** Writes the suite into `root/tests/`: `file-01.test.js` … `file-40.test.js`. */
export async function writeSleepySuite(root: string): Promise<void> {
  await mkdir(join(root, 'tests'), { recursive: true })
  for (let n = 1; n <= SLEEPY_FILES; n++) {
    const name = `file-${String(n).padStart(2, '0')}.test.js`
    await writeFile(join(root, 'tests', name), source(n))
  }
}
