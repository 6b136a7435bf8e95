import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { isDaebugError } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { nodeFs } from './adapters/node.js'
import { DEFAULT_TEST_PATTERNS, discoverTestFiles, testFileUrl } from './discovery.js'

let base = ''
let root = ''

function files(paths: Record<string, string>): void {
  for (const [path, text] of Object.entries(paths)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
}

test.before.each(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'daebug-discovery-')))
  root = join(base, 'project')
  mkdirSync(root)
})

test.after.each(() => {
  rmSync(base, { recursive: true, force: true })
})

const discover = (options: { files?: string[]; exclude?: string[] } = {}) =>
  discoverTestFiles({ fs: nodeFs, root, ...options })

async function refusal(files: string[]): Promise<string> {
  try {
    await discover({ files })
  } catch (error) {
    assert.ok(isDaebugError(error), String(error))
    assert.is(error.code, 'BAD_MESSAGE')
    return error.message
  }
  throw new Error(`expected ${JSON.stringify(files)} to be refused`)
}

test("Node's default patterns find every kind of test file, sorted", async () => {
  files({
    'src/math.test.js': '',
    'src/ui-test.mjs': '',
    'src/net_test.cjs': '',
    'src/test-dates.ts': '',
    'lib/test.mts': '',
    'test/helpers/setup.js': '',
    'test/unit/deep.ts': '',
    'src/math.js': '',
    'src/math.test.jsx': '',
    'src/notes.md': '',
    'tests/other.js': '',
  })
  assert.equal(await discover(), [
    'lib/test.mts',
    'src/math.test.js',
    'src/net_test.cjs',
    'src/test-dates.ts',
    'src/ui-test.mjs',
    'test/helpers/setup.js',
    'test/unit/deep.ts',
  ])
  assert.is(DEFAULT_TEST_PATTERNS.length, 6)
})

test('node_modules, .git, the root daebug/ folder and .gitignored paths are never searched', async () => {
  files({
    'a.test.js': '',
    'node_modules/pkg/b.test.js': '',
    'packages/x/node_modules/c.test.js': '',
    '.git/d.test.js': '',
    'daebug/e.test.js': '',
    'src/daebug/f.test.js': '',
    'dist/g.test.js': '',
    'coverage/h.test.js': '',
    'src/skip.test.js': '',
    'src/keep.test.js': '',
    '.gitignore': '# built\ndist/\n/coverage\nskip.test.js\n',
  })
  assert.equal(await discover(), ['a.test.js', 'src/daebug/f.test.js', 'src/keep.test.js'])
})

test('a symlink out of the root is not followed, one inside is, and a loop ends', async () => {
  files({ 'in.test.js': '', 'src/real/inner.test.js': '' })
  mkdirSync(join(base, 'outside'))
  writeFileSync(join(base, 'outside', 'secret.test.js'), '')
  symlinkSync(join(base, 'outside'), join(root, 'escape'))
  symlinkSync(join(base, 'outside', 'secret.test.js'), join(root, 'leak.test.js'))
  symlinkSync(join(root, 'src'), join(root, 'src', 'real', 'loop'))
  const found = await discover()
  assert.equal(found, ['in.test.js', 'src/real/inner.test.js'])
  assert.match(await refusal(['escape/secret.test.js']), "'escape/secret.test.js' is outside")
  assert.match(await refusal(['escape']), 'outside the root')
})

test('explicit paths, folders and globs select files; exclude leaves some out', async () => {
  files({
    'src/a.test.js': '',
    'src/b.test.js': '',
    'src/deep/c.test.js': '',
    'src/helper.js': '',
    'e2e/flow.spec.js': '',
  })
  assert.equal(await discover({ files: ['src/helper.js'] }), ['src/helper.js'])
  assert.equal(await discover({ files: ['./src/deep'] }), ['src/deep/c.test.js'])
  assert.equal(await discover({ files: ['src/*.test.js'] }), ['src/a.test.js', 'src/b.test.js'])
  assert.equal(await discover({ files: ['**/*.spec.js', `${root}/src/a.test.js`] }), [
    'e2e/flow.spec.js',
    'src/a.test.js',
  ])
  assert.equal(await discover({ files: ['src/**/*.test.js'], exclude: ['**/deep/**'] }), [
    'src/a.test.js',
    'src/b.test.js',
  ])
  assert.equal(await discover({ files: ['nothing/**/*.js'] }), [])
  assert.equal(await discover({ files: ['/src/a.test.js', '/src/deep/*.js'] }), [
    'src/a.test.js',
    'src/deep/c.test.js',
  ])
})

test('paths outside the root, missing paths and excluded folders are refused with the reason', async () => {
  files({ 'a.test.js': '', 'node_modules/m.test.js': '' })
  writeFileSync(join(base, 'up.test.js'), '')
  assert.match(await refusal(['../up.test.js']), "'../up.test.js' is outside the root")
  assert.match(await refusal(['src/../../up.test.js']), 'outside the root')
  // An absolute path outside the root is read as a URL path under it, where nothing is.
  assert.match(await refusal([join(base, 'up.test.js')]), 'No test file or folder at')
  assert.match(await refusal(['/../up.test.js']), 'outside the root')
  assert.match(await refusal(['../*.test.js']), 'outside the root')
  assert.match(await refusal(['missing.test.js']), "No test file or folder at 'missing.test.js'")
  assert.match(await refusal(['node_modules/m.test.js']), 'is in node_modules')
  assert.match(await refusal(['node_modules/**/*.js']), 'is in node_modules')
  assert.match(await refusal(['']), '"files" holds an empty path or glob')
  // Found by the fuzz suite: the file system refuses such a path with a TypeError (a 500 before).
  assert.match(await refusal(['a\0b.test.js']), '"files" holds "a\\u0000b.test.js", with a NUL')
  assert.match(await refusal(['src/*\0.js']), 'which no path can contain')
  try {
    await discover({ exclude: [' '] })
    assert.unreachable()
  } catch (error) {
    assert.match((error as Error).message, '"exclude" holds an empty path or glob')
  }
})

test('a file is served at its root-relative path, each segment URL-encoded', () => {
  assert.is(testFileUrl('src/a b/c#1.test.js'), '/src/a%20b/c%231.test.js')
})

test.run()
