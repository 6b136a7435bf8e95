import type { Browser, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  appendToLog,
  launchBrowser,
  logOf,
  makeRoot,
  readRootFile,
  removeRoot,
  type ServerProcess,
  startServer,
  waitForLog,
  waitForRealms,
} from './harness.js'

const FOOTER = `${'-'.repeat(70)}\n> Append your JavaScript snippet below to execute against this page.\n\n`

const repl = suite<{
  root: string
  server: ServerProcess
  browser: Browser
  page: Page
  realm: string
}>('live REPL')

repl.before(async (context) => {
  context.root = await makeRoot({
    'index.html':
      '<!doctype html><html><head><title>REPL fixture</title></head><body><div id="app" class="x">hi</div></body></html>',
  })
  context.server = await startServer(context.root)
  context.browser = await launchBrowser()
  context.page = await context.browser.newPage()
  await context.page.goto(context.server.url)
  ;[context.realm] = (await waitForRealms(context.root)) as [string]
})

repl.after(async (context) => {
  await context.browser?.close()
  await context.server?.stop()
  await removeRoot(context.root)
})

repl(
  'a page opened at the server URL is listed in daebug.md and gets a log with header and footer',
  async ({ root, realm, server }) => {
    const registry = await readRootFile(root, 'daebug.md')
    assert.match(registry, `* [${realm}](${logOf(realm)}) (${server.url}) at `)
    const log = await readRootFile(root, logOf(realm))
    assert.ok(log.startsWith(`# ${realm} Session\n`))
    assert.ok(log.endsWith(FOOTER), 'the log ends with the footer')
  },
)

repl('a js fence gets a 👍 reply with the JSON value and a duration', async ({ root, realm }) => {
  await appendToLog(root, realm, '```js\n({ answer: 40 + 2 })\n```\n')
  const log = await waitForLog(
    root,
    realm,
    /#### 👍\S+ to agent at \d\d:\d\d:\d\d \(\d+ms\)\n```JSON\n\{\n {2}"answer": 42\n\}\n```/,
  )
  assert.ok(log.endsWith(FOOTER))
})

repl(
  'a thrown error gets a 🚫 reply whose Error fence starts with Name: message',
  async ({ root, realm }) => {
    await appendToLog(root, realm, '```js\nthrow new TypeError("nope")\n```\n')
    await waitForLog(
      root,
      realm,
      /#### 🚫\S+ to agent at \d\d:\d\d:\d\d \(\d+ms\)\n```Error\nTypeError: nope\n/,
    )
  },
)

repl('console.log inside the code is attached to its reply', async ({ root, realm }) => {
  await appendToLog(root, realm, '```js\n(console.log("inside", 7), "done")\n```\n')
  await waitForLog(
    root,
    realm,
    /```JSON\n"done"\n```\n##### ☑️console\.log \d\d:\d\d:\d\d\n```Text console\.log\ninside 7\n```/,
  )
})

repl(
  'an error thrown later from a setTimeout arrives as a background block with its time',
  async ({ root, realm }) => {
    await appendToLog(
      root,
      realm,
      '```js\nsetTimeout(() => { throw new Error("later") }, 50); 1\n```\n',
    )
    await waitForLog(
      root,
      realm,
      /#### 📣\S+ background at \d\d:\d\d:\d\d\n##### 🚫window\.onerror \d\d:\d\d:\d\d\n```Error window\.onerror\nError: later/,
    )
  },
)

repl(
  'a chunk with prose and three fences runs all three in order, each reply under its fence',
  async ({ root, realm }) => {
    await appendToLog(
      root,
      realm,
      [
        `### 🗣️tester to ${realm}`,
        'First:',
        '```js',
        '(globalThis.order = ["a"], 1)',
        '```',
        'Then the second:',
        '```js',
        '(order.push("b"), 2)',
        '```',
        '```js',
        '(order.push("c"), order.join(""))',
        '```',
        'Prose at the end.',
        '',
      ].join('\n'),
    )
    const log = await waitForLog(root, realm, /```JSON\n"abc"\n```/)
    assert.match(
      log,
      /First:\n```js\n\(globalThis\.order = \["a"\], 1\)\n```\n#### 👍\S+ to tester at [\d:]+ \(\d+ms\)\n```JSON\n1\n```\n\nThen the second:\n```js\n\(order\.push\("b"\), 2\)\n```\n#### 👍[^\n]+\n```JSON\n2\n```\n\n```js\n\(order\.push\("c"\), order\.join\(""\)\)\n```\n#### 👍[^\n]+\n```JSON\n"abc"\n```\n\nProse at the end\.\n/,
    )
  },
)

repl('an unclosed fence does nothing until it is closed', async ({ root, realm }) => {
  await appendToLog(root, realm, '```js\nglobalThis.drafted = (globalThis.drafted ?? 0) + 1\n')
  await new Promise((done) => setTimeout(done, 500))
  assert.not.match(await readRootFile(root, logOf(realm)), /drafted[\s\S]*#### [⏳👍]/u)
  await appendToLog(root, realm, '```\n')
  await waitForLog(root, realm, /globalThis\.drafted = [^\n]+\n```\n#### 👍[^\n]+\n```JSON\n1\n```/)
})

repl('a request appended while another runs waits, then runs', async ({ root, realm }) => {
  await appendToLog(
    root,
    realm,
    '```js\nawait new Promise((r) => setTimeout(r, 700)); "slow"\n```\n',
  )
  await waitForLog(root, realm, 'executing (0s)')
  await appendToLog(root, realm, '```js\n"fast"\n```\n')
  const queued = await waitForLog(
    root,
    realm,
    /"fast"\n```\n#### ⏳\S+ to agent at [\d:]+\nqueued \(1 ahead\)/,
  )
  assert.ok(queued)
  const log = await waitForLog(root, realm, /```JSON\n"fast"\n```/)
  assert.ok(log.indexOf('```JSON\n"slow"') < log.indexOf('```JSON\n"fast"'))
})

repl(
  'circular objects, BigInt, DOM elements and undefined each get a reply',
  async ({ root, realm }) => {
    const cases = [
      '(() => { const o = {}; o.self = o; return o })()',
      '12n ** 3n',
      'document.getElementById("app")',
      'undefined',
    ]
    for (const code of cases) await appendToLog(root, realm, `\`\`\`js\n${code}\n\`\`\`\n`)
    const log = await waitForLog(
      root,
      realm,
      /undefined\n```\n#### 👍[^\n]+\n```Text\nundefined\n```/,
    )
    assert.match(log, /return o \}\)\(\)\n```\n#### 👍[^\n]+\n```Text\n[^`]*Circular/)
    assert.match(log, /12n \*\* 3n\n```\n#### 👍[^\n]+\n```Text\n1728n\n```/)
    assert.match(
      log,
      /getElementById\("app"\)\n```\n#### 👍[^\n]+\n```Text\n<div id="app" class="x">/,
    )
  },
)

repl.run()
