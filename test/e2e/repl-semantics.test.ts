import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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
  waitFor,
  waitForRealms,
} from './harness.js'

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'demo')

const repl = suite<{
  root: string
  server: ServerProcess
  browser: Browser
  page: Page
  realm: string
}>('REPL semantics in Chromium')

repl.before(async (context) => {
  const files: Record<string, string> = {}
  for (const name of ['index.html', 'app.js', 'counter.js', 'style.css'])
    files[name] = await readFile(join(DEMO, name), 'utf8')
  context.root = await makeRoot(files)
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

const REPLY = /#### (👍|🚫)[^\n]*\n```(\w+)\n([\s\S]*?)\n```/g

/** Appends one request and returns its reply: 👍 or 🚫, the fence's language and its text. */
async function ask(
  { root, realm }: { root: string; realm: string },
  code: string,
  lang = 'js',
): Promise<{ ok: boolean; lang: string; text: string }> {
  const count = (await readRootFile(root, logOf(realm))).match(REPLY)?.length ?? 0
  await appendToLog(root, realm, `\`\`\`${lang}\n${code}\n\`\`\`\n`)
  const replies = await waitFor(`the reply to ${JSON.stringify(code)}`, async () => {
    const all = [...(await readRootFile(root, logOf(realm))).matchAll(REPLY)]
    return all.length > count ? all : undefined
  })
  const [, mark, fence, text] = replies[count]!
  return { ok: mark === '👍', lang: fence!, text: text! }
}

repl('declarations persist into later requests and may be declared again', async (context) => {
  assert.equal(await ask(context, 'let x = 5'), { ok: true, lang: 'Text', text: 'undefined' })
  assert.equal(await ask(context, 'x * 2'), { ok: true, lang: 'JSON', text: '10' })
  await ask(context, 'const f = () => 1')
  assert.equal(await ask(context, 'f()'), { ok: true, lang: 'JSON', text: '1' })
  await ask(context, 'class A {}')
  assert.equal(await ask(context, 'new A()'), { ok: true, lang: 'Text', text: 'A {}' })
  await ask(context, 'let x = 6')
  assert.equal(await ask(context, 'x'), { ok: true, lang: 'JSON', text: '6' })
})

repl('the last expression is the result, with a semicolon, a comment or a function', async (c) => {
  assert.equal(await ask(c, '1 + 1;'), { ok: true, lang: 'JSON', text: '2' })
  assert.equal(await ask(c, '1 + 1 // c'), { ok: true, lang: 'JSON', text: '2' })
  assert.equal(await ask(c, 'function foo(){}; foo'), {
    ok: true,
    lang: 'Text',
    text: '[Function: foo]',
  })
  assert.equal(await ask(c, '{a: 1}'), { ok: true, lang: 'JSON', text: '{\n  "a": 1\n}' })
  assert.equal(await ask(c, 'let y = await Promise.resolve(2)\ny * 3'), {
    ok: true,
    lang: 'JSON',
    text: '6',
  })
  assert.equal(await ask(c, 'y'), { ok: true, lang: 'JSON', text: '2' })
})

repl('code runs exactly once and a rejected promise is a failure', async (c) => {
  await ask(c, 'let n = 0')
  const failed = await ask(c, '(n++, undefinedFn())')
  assert.is(failed.ok, false)
  assert.match(failed.text, /^ReferenceError: undefinedFn is not defined/)
  assert.equal(await ask(c, 'n'), { ok: true, lang: 'JSON', text: '1' })
  const rejected = await ask(c, "Promise.reject(new Error('x'))")
  assert.is(rejected.ok, false)
  assert.match(rejected.text, /^Error: x\n/)
})

repl('a syntax error names the line and column of the code, and nothing runs', async (c) => {
  await ask(c, 'let ran = 0')
  const failed = await ask(c, 'ran++\nlet = =')
  assert.equal(failed, {
    ok: false,
    lang: 'Error',
    text: 'SyntaxError: Unexpected token (line 2, column 7 of your code)',
  })
  assert.equal(await ask(c, 'ran'), { ok: true, lang: 'JSON', text: '0' })
})

repl("a stack points at the agent's own lines", async (c) => {
  const failed = await ask(c, 'let z = 1\nthrow new Error("here")')
  assert.match(failed.text, /^Error: here\n\s+at <anonymous>:2:7$/)
  const inAsync = await ask(c, 'await null\nfunction deep() { throw new Error("deep") }\ndeep()')
  assert.match(
    inAsync.text,
    /^Error: deep\n\s+at deep \(<anonymous>:2:25\)\n\s+at <anonymous>:3:1$/,
  )
})

repl('a ts fence with type annotations and an interface runs', async (c) => {
  const code = [
    'interface Point { x: number; y: number }',
    'const p: Point = { x: 1, y: 2 }',
    'function sum<T extends Point>(q: T): number { return q.x + q.y }',
    'sum(p) as number',
  ].join('\n')
  assert.equal(await ask(c, code, 'ts'), { ok: true, lang: 'JSON', text: '3' })
  assert.equal(await ask(c, 'const n2: number = 2; n2', 'typescript'), {
    ok: true,
    lang: 'JSON',
    text: '2',
  })
})

repl(
  "import() and import declarations load the demo's modules, relative to the page",
  async (c) => {
    const loaded = await ask(c, "const app = await import('./app.js')\napp.state.counter")
    assert.equal(loaded, { ok: true, lang: 'JSON', text: '{\n  "value": 0,\n  "step": 1\n}' })
    await c.page.click('#increment')
    assert.equal(await ask(c, "import { state } from './app.js'"), {
      ok: true,
      lang: 'Text',
      text: 'undefined',
    })
    assert.equal(await ask(c, 'state.counter.value'), { ok: true, lang: 'JSON', text: '1' })
    await ask(c, "import { createCounter, increment } from './counter.js'")
    assert.equal(await ask(c, 'increment(createCounter(5)).value'), {
      ok: true,
      lang: 'JSON',
      text: '5',
    })
  },
)

repl.run()
