/**
 * Single-file mode (`--js-file`, SPEC §11, seed 003): each shape of the file with its exact text,
 * through the real CLI and a real page.
 */
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { logOf, readRootFile, waitFor, waitForRealms, withServer } from './harness.js'

const T = '\\d\\d:\\d\\d:\\d\\d'

/** Runs `body` with one page connected and `debug.js` served. */
function withJsFile(
  body: (context: { root: string; realm: string; url: string; file: string }) => Promise<void>,
  args: string[] = [],
): Promise<void> {
  return withServer({}, ['--js-file', 'debug.js', '--no-worker', ...args], async (served) => {
    const page = await served.browser.newPage()
    await page.goto(served.server.url)
    const [realm] = (await waitForRealms(served.root)) as [string]
    const file = join(served.root, 'debug.js')
    await body({ root: served.root, realm, url: page.url(), file })
  })
}

/** Waits until the file matches `pattern` whole, and returns it. */
function waitForFile(file: string, pattern: RegExp, ms = 10_000): Promise<string> {
  return waitFor(
    `debug.js to match ${pattern}`,
    async () => {
      const text = await readFile(file, 'utf8').catch(() => '')
      return pattern.test(text) ? text : undefined
    },
    ms,
  ).catch(async (error) => {
    throw new Error(`${error.message}\n--- debug.js ---\n${await readFile(file, 'utf8')}`)
  })
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

test('the idle header lists the connected page, and idle heartbeats do not rewrite it', () =>
  withJsFile(async ({ realm, url, file }) => {
    await waitForFile(file, new RegExp(`^// ${realm} ${literal(url)} ${T} idle\\n$`))
    const before = (await stat(file)).mtimeMs
    await new Promise((resolve) => setTimeout(resolve, 3000))
    assert.is((await stat(file)).mtimeMs, before, 'no rewrite while nothing changes')
  }))

test('a request is acknowledged, then answered with `var result =` in 2-space JSON; both are in the realm log', () =>
  withJsFile(async ({ root, realm, url, file }) => {
    const code = 'await new Promise((r) => setTimeout(r, 1500))\n;({ a: 1, b: [1, 2] })'
    await writeFile(file, `// ${realm.slice(0, 6)}\n${code}\n`)
    await waitForFile(
      file,
      new RegExp(
        `^// ${realm} ${literal(url)} ${T} executing "${literal('await new Promise((r) => setTimeout(r, 1500)) ;({ ...')}" job=\\S+ started=${T}\\n$`,
      ),
    )
    await waitForFile(
      file,
      new RegExp(
        `^// ${realm} ${literal(url)} ${T} completed in 1,[5-9]\\d\\dms \\(result below\\)\\nvar result = \\{\\n  "a": 1,\\n  "b": \\[\\n    1,\\n    2\\n  \\]\\n\\}\\n$`,
      ),
    )
    const log = await readRootFile(root, logOf(realm))
    assert.match(log, `### 🗣️js-file to ${realm}`)
    assert.match(log, code)
  }))

test('an error is the failed line and the stack verbatim', () =>
  withJsFile(async ({ realm, url, file }) => {
    await writeFile(file, `// ${realm}\nnull.fft\n`)
    await waitForFile(
      file,
      new RegExp(
        `^// ${realm} ${literal(url)} ${T} failed after [\\d,]+ms \\(see below\\)\\nTypeError: Cannot read properties of null \\(reading 'fft'\\)\\n`,
      ),
    )
  }))

test('a fragment no realm matches gets page not found, and every realm stays idle', () =>
  withJsFile(async ({ realm, url, file }) => {
    await writeFile(file, '// no-such-page\n1 + 1\n')
    await waitForFile(
      file,
      new RegExp(
        `^// ${realm} ${literal(url)} ${T} idle\\n// page not found for "no-such-page"\\n$`,
      ),
    )
  }))

test('a job past the time-out says completed error (timeout), and the body is timeout', () =>
  withJsFile(
    async ({ realm, url, file }) => {
      await writeFile(file, `// ${realm}\nawait new Promise(() => {})\n`)
      await waitForFile(
        file,
        new RegExp(`^// ${realm} ${literal(url)} ${T} completed error \\(timeout\\)\\ntimeout\\n$`),
      )
    },
    ['--timeout', '1000'],
  ))

test('one job at a time: a request saved while one runs is kept and runs next', () =>
  withJsFile(async ({ root, realm, url, file }) => {
    await writeFile(file, `// ${realm}\nawait new Promise((r) => setTimeout(r, 1000)); 'first'\n`)
    const ack = await waitForFile(file, /executing "/)
    await writeFile(file, `${ack}// ${realm}\n'second'\n`)
    await waitForFile(
      file,
      new RegExp(
        `^// ${realm} ${literal(url)} ${T} completed in [\\d,]+ms \\(result below\\)\\nvar result = "second"\\n$`,
      ),
    )
    const log = await readRootFile(root, logOf(realm))
    assert.match(log, /```JSON\n"first"\n```/)
  }))

test.run()
