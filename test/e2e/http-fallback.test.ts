import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  appendToLog,
  launchBrowser,
  makeRoot,
  removeRoot,
  startServer,
  waitForLog,
  waitForRealms,
} from './harness.js'

const PAGE = `<!doctype html><html><head><title>HTTP realm</title>
<script src="/__daebug/client.js" data-daebug-transport="http"></script></head><body>http</body></html>`

test('over the plain-HTTP fallback a page is a realm, and a lost result POST never runs the job twice', async () => {
  const root = await makeRoot({ 'index.html': PAGE })
  const server = await startServer(root)
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    let dropped = 0
    // The first result POST is lost on the way: the client must send it again, not run the job again.
    await page.route('**/__daebug/realm/send*', (route) => {
      if (dropped === 0 && (route.request().postData() ?? '').includes('"type":"result"')) {
        dropped++
        return route.abort()
      }
      return route.continue()
    })
    await page.goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    await appendToLog(
      root,
      realm,
      '```js\n(globalThis.runs = (globalThis.runs ?? 0) + 1, document.title)\n```\n',
    )
    await waitForLog(root, realm, /#### 👍[^\n]+\n```JSON\n"HTTP realm"\n```/u)
    await appendToLog(root, realm, '```js\nglobalThis.runs\n```\n')
    await waitForLog(root, realm, /globalThis\.runs\n```\n#### 👍[^\n]+\n```JSON\n1\n```/u)
    assert.is(dropped, 1)
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
})

test.run()
