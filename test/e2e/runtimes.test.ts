/**
 * The live REPL on every runtime the server supports (SPEC §11): the CLI runs on Node, Bun and
 * Deno (the latter two from the root's devDependencies), and a real page and its worker connect,
 * evaluate, fail, and report background output the same way on each.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  appendToLog,
  launchBrowser,
  makeRoot,
  type Runtime,
  removeRoot,
  startServer,
  waitForLog,
  waitForRealms,
} from './harness.js'

for (const runtime of ['node', 'bun', 'deno'] as const satisfies readonly Runtime[]) {
  test(`on ${runtime}: a page connects, evaluates, fails, logs in the background, and its worker evaluates`, async () => {
    const root = await makeRoot()
    const server = await startServer(root, [], undefined, runtime)
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage()
      await page.goto(server.url)
      const [realm] = (await waitForRealms(root, 1, 20_000)) as [string]
      await appendToLog(root, realm, '```js\n1 + 1\n```\n')
      await waitForLog(root, realm, /#### 👍\S+ to agent at [\d:]+ \(\d+ms\)\n```JSON\n2\n```/u)
      await appendToLog(root, realm, '```js\nnull.x\n```\n')
      await waitForLog(
        root,
        realm,
        /#### 🚫\S+ to agent at [\d:]+ \(\d+ms\)\n```Error\nTypeError: Cannot read properties of null \(reading 'x'\)/u,
      )
      await appendToLog(
        root,
        realm,
        "```js\nsetTimeout(() => console.log('later'), 300); 'soon'\n```\n",
      )
      await waitForLog(
        root,
        realm,
        /#### 📣\S+ background at [\d:]+\n##### \S*console\.log [\d:]+\n```JSON console\.log\n"later"\n```/u,
      )
      const [worker] = (await waitForRealms(root, 1, 20_000, 'worker')) as [string]
      await appendToLog(root, worker, '```js\n[typeof document, typeof self.postMessage]\n```\n')
      const log = await waitForLog(root, worker, /#### 👍/u)
      assert.match(log, /```JSON\n\[\n {2}"undefined",\n {2}"function"\n\]\n```/)
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n--- ${runtime} stderr ---\n${server.stderr.join('\n')}`,
      )
    } finally {
      await browser.close()
      await server.stop()
      await removeRoot(root)
    }
  })
}

test.run()
