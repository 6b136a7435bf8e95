import { parseRegistry } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  appendToLog,
  logOf,
  readRootFile,
  waitFor,
  waitForLog,
  waitForRealms,
  withServer,
  withSession,
} from './harness.js'

/** The worker realm of a page realm, once it is connected. */
async function workerOf(root: string, page: string, ms = 10_000): Promise<string> {
  const workers = await waitForRealms(root, 1, ms, 'worker')
  const worker = workers.find((name) => name === `${page}-webworker`)
  assert.ok(worker, `${page}-webworker among ${workers.join(', ')}`)
  return worker
}

test('opening a page registers the page and its web worker, each with a log', () =>
  withSession(async ({ root, realm }) => {
    const worker = await workerOf(root, realm)
    const registry = parseRegistry(await readRootFile(root, 'daebug.md'))
    const entry = registry.realms.find((r) => r.name === worker)
    assert.equal([entry?.url, entry?.state], [`worker://${worker}`, 'live'])
    assert.ok((await readRootFile(root, logOf(worker))).startsWith(`# ${worker} Session\n`))
    assert.ok((await readRootFile(root, logOf(realm))).startsWith(`# ${realm} Session\n`))
  }))

test('an eval in the worker has no document and knows its own name', () =>
  withSession(async ({ root, realm }) => {
    const worker = await workerOf(root, realm)
    await appendToLog(root, worker, '```js\ntypeof document\n```\n')
    await waitForLog(root, worker, '```JSON\n"undefined"\n```')
    await appendToLog(root, worker, '```js\nself.name\n```\n')
    await waitForLog(root, worker, `\`\`\`JSON\n"${worker}"\n\`\`\``)
  }))

test("console.log in the worker outside any job is a background block in the worker's log", () =>
  withSession(async ({ root, realm }) => {
    const worker = await workerOf(root, realm)
    await appendToLog(
      root,
      worker,
      "```js\nsetTimeout(() => console.log('later, from the worker'), 50); 'scheduled'\n```\n",
    )
    await waitForLog(
      root,
      worker,
      /#### 📣\S+-webworker background at \d\d:\d\d:\d\d\n[\s\S]*later, from the worker/u,
    )
  }))

test('a loop in the worker leaves the page answering; the worker restarts and the loop is not re-run', () =>
  withSession(async ({ root, realm }) => {
    const worker = await workerOf(root, realm)
    await appendToLog(root, worker, '```js\nwhile (true) {}\n```\n')
    await waitForLog(root, worker, /#### ⏳\S+ to agent at [\d:]+\nexecuting/u)
    await appendToLog(root, realm, '```js\n40 + 2\n```\n')
    await waitForLog(root, realm, '```JSON\n42\n```')
    // The reply and the system note are two appends; a reader may see the first alone.
    await waitForLog(
      root,
      worker,
      /#### 🚫\S+ to agent at [\d:]+\n```Text\nworker unresponsive for \d+ s; restarted\n```[\s\S]*#### 🛠️System at [\d:]+\n```Text\nworker unresponsive for \d+ s; restarted/u,
      12_000,
    )
    await appendToLog(root, worker, '```js\nself.name\n```\n')
    const after = await waitForLog(root, worker, `\`\`\`JSON\n"${worker}"\n\`\`\``, 15_000)
    assert.is(after.match(/while \(true\) \{\}/g)?.length, 1, 'the loop is asked for once')
    assert.is(
      after.match(/worker unresponsive/g)?.length,
      2,
      'one reply and one note, no second run',
    )
  }))

test('a page whose CSP forbids workers is a page realm, and its log says why it has no worker', async () => {
  await withServer(
    {
      'index.html':
        '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="worker-src \'none\'"><title>CSP</title></head><body>csp</body></html>',
    },
    [],
    async ({ root, server, browser }) => {
      const page = await browser.newPage()
      await page.goto(server.url)
      const [realm] = (await waitForRealms(root)) as [string]
      await waitForLog(
        root,
        realm,
        "No web worker realm: the page's Content-Security-Policy blocks it (worker-src).",
      )
      await appendToLog(root, realm, '```js\ndocument.body.textContent\n```\n')
      await waitForLog(root, realm, '```JSON\n"csp"\n```')
    },
  )
})

test('a worker that crashes 11 times in a row is marked failed and not restarted again', async () => {
  await withServer({}, [], async ({ root, server, browser }) => {
    const page = await browser.newPage()
    let loads = 0
    // Every start of the worker fails: its script cannot be loaded.
    await page.route('**/__daebug/worker.js', (route) => {
      loads++
      return route.fulfill({ status: 500, contentType: 'text/plain', body: 'down' })
    })
    await page.clock.install()
    await page.goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    const worker = `${realm}-webworker`
    await waitFor('the first crash', () => loads >= 1)
    // Back-off: 1 + 2 + 4 + … + 60 s before the tenth restart; the page's clock runs it in moments.
    for (let i = 0; i < 12 && loads < 11; i++) {
      await page.clock.runFor(61_000)
      await new Promise((done) => setTimeout(done, 300))
    }
    await waitFor('the failed worker in daebug.md', async () =>
      parseRegistry(await readRootFile(root, 'daebug.md')).realms.find(
        (r) => r.name === worker && r.state === 'failed',
      ),
    )
    await waitForLog(root, worker, /not restarted until the page reloads/)
    await page.clock.runFor(30 * 60_000)
    await new Promise((done) => setTimeout(done, 500))
    assert.is(loads, 11, 'the first start and 10 restarts, no more')
  })
})

test("the worker's imports resolve against its page and through the page's import map", async () => {
  await withServer(
    {
      'index.html':
        '<!doctype html><html><head><script type="importmap">{"imports":{"counter":"/lib/counter.js"}}</script></head><body>map</body></html>',
      'lib/counter.js': 'export const createCounter = (step) => ({ value: 0, step })\n',
    },
    [],
    async ({ root, server, browser }) => {
      const page = await browser.newPage()
      await page.goto(server.url)
      const [realm] = (await waitForRealms(root)) as [string]
      const worker = await workerOf(root, realm)
      await appendToLog(root, worker, "```js\nimport { createCounter } from 'counter'\n```\n")
      await appendToLog(root, worker, '```js\ncreateCounter(3).step\n```\n')
      await waitForLog(root, worker, '```JSON\n3\n```')
      await appendToLog(
        root,
        worker,
        "```js\n(await import('./lib/counter.js')).createCounter(4).step\n```\n",
      )
      await waitForLog(root, worker, '```JSON\n4\n```')
      await appendToLog(
        root,
        realm,
        "```js\n(await import('counter')).createCounter(5).step\n```\n",
      )
      await waitForLog(root, realm, '```JSON\n5\n```')
    },
  )
})

for (const [how, files, args] of [
  ['daebug --no-worker', {}, ['--no-worker']],
  [
    'data-daebug-worker="off" on the page\'s own client script',
    {
      'index.html':
        '<!doctype html><html><head><script src="/__daebug/client.js" data-daebug-worker="off"></script></head><body>off</body></html>',
    },
    [],
  ],
] as const) {
  test(`${how} gives a page no worker`, async () => {
    await withServer(files, [...args], async ({ root, server, browser }) => {
      const page = await browser.newPage()
      await page.goto(server.url)
      const [realm] = (await waitForRealms(root)) as [string]
      await appendToLog(root, realm, '```js\n1 + 1\n```\n')
      await waitForLog(root, realm, '```JSON\n2\n```')
      await new Promise((done) => setTimeout(done, 1000))
      const names = parseRegistry(await readRootFile(root, 'daebug.md')).realms.map((r) => r.name)
      assert.equal(names, [realm])
    })
  })
}

test.run()
