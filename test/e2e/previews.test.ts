/**
 * The preview table of SPEC §2.4 and §3.2, end to end: each row's code is appended to a real
 * Chromium page's log as an agent would, and the reply fence the server writes must be exactly the
 * row's text. Lossless JSON comes back in a `JSON` fence; everything else in a `Text` fence with
 * the text Node 20's `util.inspect` prints for the same value (each test also asks a fresh `node`,
 * so the table cannot drift from Node), or for DOM values, the shortened outerHTML SPEC describes.
 * Failures (`throw`, a rejected promise) come back as a 🚫 reply with an `Error` fence.
 *
 * Every request is a single expression, so that the rows hold whatever evaluator runs them.
 */
import { execFileSync } from 'node:child_process'
import { runInThisContext } from 'node:vm'
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

/** `util.inspect`'s options that match SPEC §3.2's limits (depth 6, 100 items, 10,000 chars). */
const NODE_OPTIONS = { depth: 6, maxArrayLength: 100, maxStringLength: 10_000 }

interface Row {
  /** The test's name, a sentence. */
  name: string
  /** One JavaScript expression. */
  code: string
  /** 👍 for a success, 🚫 for a failure. */
  ok: boolean
  tag: 'JSON' | 'Text' | 'Error'
  /** The exact text inside the reply fence, or a pattern for a stack the page itself made. */
  text: string | RegExp
  /**
   * What Node's `util.inspect` prints for the same code evaluated in Node: `true` when that is
   * `text` itself, a string when `text` is cut from it, absent for DOM values and real stacks.
   */
  node?: true | string
}

/** Lossless JSON: the text is 2-space JSON that parses back to the value. */
const json = (name: string, code: string, text: string): Row => ({
  name,
  code,
  ok: true,
  tag: 'JSON',
  text,
})

/** A `Text` preview, exactly what `util.inspect` prints unless `node` says otherwise. */
const preview = (name: string, code: string, text: string | RegExp, node?: string): Row => ({
  name,
  code,
  ok: true,
  tag: 'Text',
  text,
  node: typeof text === 'string' && node === undefined ? true : node,
})

/** A DOM value (Node has no DOM): the text SPEC §3.2 gives. */
const dom = (name: string, code: string, text: string): Row => ({
  name,
  code,
  ok: true,
  tag: 'Text',
  text,
})

/** A failure: a 🚫 reply whose `Error` fence holds `text`. */
const failure = (name: string, code: string, text: string | RegExp): Row => ({
  name,
  code,
  ok: false,
  tag: 'Error',
  text,
})

const upTo = (count: number): number[] => Array.from({ length: count }, (_, i) => i)

/** Ten strings of 10,000 digits each, as util.inspect prints them: 100,062 characters. */
const TEN_LONG_STRINGS = `[\n${upTo(10)
  .map((i) => `  '${String(i).repeat(10_000)}'`)
  .join(',\n')}\n]`

const rows: Row[] = [
  // Lossless JSON (SPEC §2.4): 2-space JSON, strings quoted.
  json('a number comes back as JSON', '40 + 2', '42'),
  json('a fraction keeps every digit in JSON', '0.1 + 0.2', '0.30000000000000004'),
  json(
    'a string comes back as a quoted JSON string with its escapes',
    String.raw`"line\nbreak \"quoted\" é"`,
    String.raw`"line\nbreak \"quoted\" é"`,
  ),
  json('true comes back as JSON', '1 < 2', 'true'),
  json('null comes back as JSON', 'null', 'null'),
  json(
    'a plain object of arrays, strings, booleans and null comes back as 2-space JSON',
    '({ a: [1, "two", true, null], b: { c: {}, d: [] } })',
    '{\n  "a": [\n    1,\n    "two",\n    true,\n    null\n  ],\n  "b": {\n    "c": {},\n    "d": []\n  }\n}',
  ),
  json(
    'JSON nested deeper than the preview depth is not cut',
    '({ l1: { l2: { l3: { l4: { l5: { l6: { l7: { l8: 1 } } } } } } } })',
    [
      '{',
      '  "l1": {',
      '    "l2": {',
      '      "l3": {',
      '        "l4": {',
      '          "l5": {',
      '            "l6": {',
      '              "l7": {',
      '                "l8": 1',
      '              }',
      '            }',
      '          }',
      '        }',
      '      }',
      '    }',
      '  }',
      '}',
    ].join('\n'),
  ),
  json(
    'a JSON array longer than 100 items is not cut',
    'Array.from({ length: 150 }, (_, i) => i)',
    `[\n${upTo(150)
      .map((i) => `  ${i}`)
      .join(',\n')}\n]`,
  ),
  json(
    'a promise that is the result is awaited',
    'Promise.resolve({ done: true })',
    '{\n  "done": true\n}',
  ),

  // Primitives JSON cannot hold.
  preview('undefined is a Text preview', 'undefined', 'undefined'),
  preview('negative zero previews as -0', '-0', '-0'),
  preview('NaN previews as NaN', '0 / 0', 'NaN'),
  preview('Infinity previews as Infinity', '1 / 0', 'Infinity'),
  preview('a BigInt previews with its n', '12n', '12n'),
  preview('a symbol previews as Symbol(description)', 'Symbol("x")', 'Symbol(x)'),
  preview(
    'an array holding -0 is a Text preview, since JSON would make it 0',
    '[1, -0]',
    '[ 1, -0 ]',
  ),
  preview(
    'an object with an undefined property is a Text preview, since JSON would drop it',
    '({ a: 1, b: undefined })',
    '{ a: 1, b: undefined }',
  ),
  preview(
    'symbols as keys and values preview in brackets',
    '({ [Symbol("k")]: Symbol("v") })',
    '{ [Symbol(k)]: Symbol(v) }',
  ),

  // Functions and classes.
  preview(
    'a named function previews as [Function: name]',
    '(function named() {})',
    '[Function: named]',
  ),
  preview(
    'an async function previews as [AsyncFunction: name]',
    '(async function load() {})',
    '[AsyncFunction: load]',
  ),
  preview('a class previews as [class Foo]', '(class Foo {})', '[class Foo]'),
  preview(
    'a subclass previews with what it extends',
    '(class Bar extends Array {})',
    '[class Bar extends Array]',
  ),

  // Built-in objects.
  preview('a Date previews as its ISO time', 'new Date(0)', '1970-01-01T00:00:00.000Z'),
  preview('a RegExp previews as its literal', '/a+b/gi', '/a+b/gi'),
  preview(
    'a Map previews with its size and entries',
    'new Map([["a", 1], ["b", 2]])',
    "Map(2) { 'a' => 1, 'b' => 2 }",
  ),
  preview('a Set previews with its size and values', 'new Set([1, "two"])', "Set(2) { 1, 'two' }"),
  preview('a WeakMap previews without its items', 'new WeakMap()', 'WeakMap { <items unknown> }'),
  preview(
    'a Uint8Array previews with its length and items',
    'new Uint8Array([1, 2, 3])',
    'Uint8Array(3) [ 1, 2, 3 ]',
  ),
  preview('a Float64Array keeps -0', 'new Float64Array([0.5, -0])', 'Float64Array(2) [ 0.5, -0 ]'),
  preview(
    'a BigInt64Array previews its items as BigInts',
    'new BigInt64Array([1n, -2n])',
    'BigInt64Array(2) [ 1n, -2n ]',
  ),
  preview('an array with a hole previews the hole', '[1, , 3]', '[ 1, <1 empty item>, 3 ]'),
  preview(
    'an array with a named property lists it after the items',
    'Object.assign([1, 2], { foo: "bar" })',
    "[ 1, 2, foo: 'bar' ]",
  ),
  preview(
    'an ArrayBuffer previews its bytes in hex',
    'new Uint8Array([1, 2]).buffer',
    'ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 }',
  ),
  preview('a boxed string previews as [String: …]', 'new String("x")', "[String: 'x']"),
  preview(
    'a long string with line breaks in a value is split after each break',
    String.raw`({ text: "a line of text that is long\n".repeat(4), u: undefined })`,
    `{\n  text: ${"'a line of text that is long\\n' +\n    ".repeat(3)}'a line of text that is long\\n',\n  u: undefined\n}`,
  ),
  preview(
    'a promise nested in the result previews as Promise { <pending> }',
    '({ p: new Promise(() => {}) })',
    '{ p: Promise { <pending> } }',
  ),
  preview(
    'a promise that is the result is awaited and its value previewed',
    'Promise.resolve(new Set([1]))',
    'Set(1) { 1 }',
  ),

  // Class instances, cycles, getters.
  preview(
    'a class instance previews as Foo { … }',
    '(() => { class Foo { constructor() { this.a = 1; this.b = [2] } }; return new Foo() })()',
    'Foo { a: 1, b: [ 2 ] }',
  ),
  preview(
    'a cycle previews as [Circular *1] with its <ref *1>',
    '(() => { const o = { name: "root" }; o.self = o; return o })()',
    "<ref *1> { name: 'root', self: [Circular *1] }",
  ),
  preview(
    'a Map that holds itself previews as [Circular *1]',
    '(() => { const m = new Map(); m.set("self", m); return m })()',
    "<ref *1> Map(1) { 'self' => [Circular *1] }",
  ),
  preview(
    'getters and setters preview as [Getter], [Setter] and [Getter/Setter]',
    '({ get a() { return 1 }, set b(v) {}, get c() { return 1 }, set c(v) {} })',
    '{ a: [Getter], b: [Setter], c: [Getter/Setter] }',
  ),
  preview(
    'a getter that would throw is not invoked',
    '({ get boom() { throw new Error("invoked") } })',
    '{ boom: [Getter] }',
  ),

  // Errors returned as values: the stack, then cause and errors as util.inspect lists them.
  preview(
    'an error previews as its stack',
    String.raw`Object.assign(new TypeError("bad input"), { stack: "TypeError: bad input\n    at check (app.js:3:9)\n    at main (app.js:7:1)" })`,
    'TypeError: bad input\n    at check (app.js:3:9)\n    at main (app.js:7:1)',
  ),
  {
    name: "an error made by the agent's code previews with the agent's frames only",
    code: 'new RangeError("out of range")',
    ok: true,
    tag: 'Text',
    text: 'RangeError: out of range\n    at <anonymous>:1:1',
  },
  preview(
    'an error subclass previews with its class name',
    String.raw`(() => { class ValidationError extends Error {}; return Object.assign(new ValidationError("v"), { stack: "Error: v\n    at f (x.js:6:6)" }) })()`,
    'ValidationError: v\n    at f (x.js:6:6)',
  ),
  preview(
    'an error with a cause lists the cause under [cause]',
    String.raw`Object.assign(new Error("outer", { cause: Object.assign(new Error("inner"), { stack: "Error: inner\n    at b (x.js:2:2)" }) }), { stack: "Error: outer\n    at a (x.js:1:1)" })`,
    'Error: outer\n    at a (x.js:1:1) {\n  [cause]: Error: inner\n      at b (x.js:2:2)\n}',
  ),
  preview(
    'frames an error shares with its cause are folded',
    String.raw`Object.assign(new Error("outer", { cause: Object.assign(new Error("inner"), { stack: "Error: inner\n    at b (x.js:2:2)\n    at s1 (x.js:11:1)\n    at s2 (x.js:12:1)\n    at s3 (x.js:13:1)\n    at s4 (x.js:14:1)" }) }), { stack: "Error: outer\n    at a (x.js:1:1)\n    at s1 (x.js:11:1)\n    at s2 (x.js:12:1)\n    at s3 (x.js:13:1)\n    at s4 (x.js:14:1)" })`,
    'Error: outer\n    at a (x.js:1:1)\n    at s1 (x.js:11:1)\n    ... 2 lines matching cause stack trace ...\n    at s4 (x.js:14:1) {\n  [cause]: Error: inner\n      at b (x.js:2:2)\n      at s1 (x.js:11:1)\n      at s2 (x.js:12:1)\n      at s3 (x.js:13:1)\n      at s4 (x.js:14:1)\n}',
  ),
  preview(
    'a cause that is not an error is previewed as a value',
    String.raw`Object.assign(new Error("failed", { cause: { code: "E_IO" } }), { stack: "Error: failed\n    at c (x.js:3:3)" })`,
    "Error: failed\n    at c (x.js:3:3) {\n  [cause]: { code: 'E_IO' }\n}",
  ),
  preview(
    'an AggregateError lists its errors under [errors]',
    String.raw`Object.assign(new AggregateError([Object.assign(new Error("a"), { stack: "Error: a\n    at d (x.js:4:4)" }), 1], "many"), { stack: "AggregateError: many\n    at c (x.js:3:3)" })`,
    'AggregateError: many\n    at c (x.js:3:3) {\n  [errors]: [\n    Error: a\n        at d (x.js:4:4),\n    1\n  ]\n}',
  ),
  preview(
    "an error's own properties follow its stack",
    String.raw`Object.assign(new Error("p"), { stack: "Error: p\n    at e (x.js:5:5)", code: "E_X" })`,
    "Error: p\n    at e (x.js:5:5) {\n  code: 'E_X'\n}",
  ),
  preview(
    'an error nested in an object is indented with its stack',
    String.raw`({ e: Object.assign(new RangeError("r"), { stack: "RangeError: r\n    at g (x.js:7:7)" }) })`,
    '{\n  e: RangeError: r\n      at g (x.js:7:7)\n}',
  ),
  preview(
    "a DOMException previews with the name and message of its prototype's getters",
    // Chromium's DOMException has no stack of its own; deleting Node's gives Node the same shape.
    '(() => { const e = new DOMException("stopped", "AbortError"); delete e.stack; return e })()',
    '[DOMException [AbortError]: stopped]',
  ),
  preview(
    'a DOMException the page throws previews as DOMException [Name]: message and its stack',
    '(() => { try { document.querySelector("<") } catch (e) { return e } })()',
    /^DOMException \[SyntaxError\]: Failed to execute 'querySelector' on 'Document': '<' is not a valid selector\.(\n {4}at [^\n]+)+$/,
  ),

  // DOM values (SPEC §3.2: a shortened outerHTML).
  dom(
    'an element with content previews as its opening tag, … and its closing tag',
    'document.getElementById("app")',
    '<div id="app" class="x">…</div>',
  ),
  dom(
    'an empty element previews with its attributes escaped',
    `Object.assign(document.createElement("section"), { id: "empty", title: 'say "hi" & go' })`,
    '<section id="empty" title="say &quot;hi&quot; &amp; go"></section>',
  ),
  dom('a void element previews without a closing tag', 'document.createElement("br")', '<br>'),
  dom(
    'an opening tag longer than 300 characters is shortened',
    'Object.assign(document.createElement("p"), { title: "t".repeat(400) })',
    `<p title="${'t'.repeat(288)}…></p>`,
  ),
  dom(
    'an element nested in an object previews in place',
    '({ app: document.getElementById("app"), count: 1 })',
    '{ app: <div id="app" class="x">…</div>, count: 1 }',
  ),
  dom(
    'a NodeList previews its elements like an array',
    'document.querySelectorAll("li")',
    'NodeList(3) [ <li>…</li>, <li>…</li>, <li>…</li> ]',
  ),
  dom(
    'an HTMLCollection previews its elements like an array',
    'document.getElementById("list").children',
    'HTMLCollection(3) [ <li>…</li>, <li>…</li>, <li>…</li> ]',
  ),
  dom(
    'a text node previews as #text and its text',
    'document.createTextNode("hello")',
    "#text 'hello'",
  ),
  dom('a comment previews as a comment', 'document.createComment(" note ")', '<!-- note -->'),
  dom('the document previews as #document', 'document', '#document'),

  // Limits (SPEC §3.2): depth 6, 100 items, 10,000 characters, 64 KiB; every cut says how much.
  preview(
    'objects deeper than 6 levels preview as [Object]',
    '({ u: undefined, l1: { l2: { l3: { l4: { l5: { l6: { l7: { l8: 1 } } } } } } } })',
    '{\n  u: undefined,\n  l1: {\n    l2: {\n      l3: {\n        l4: { l5: { l6: { l7: [Object] } } }\n      }\n    }\n  }\n}',
  ),
  preview(
    'arrays deeper than 6 levels preview as [Array]',
    '[undefined, [[[[[[[1]]]]]]]]',
    '[\n  undefined,\n  [\n    [\n      [\n        [ [ [ [Array] ] ] ]\n      ]\n    ]\n  ]\n]',
  ),
  preview(
    'an array too long for 64 KiB of JSON becomes a Text preview of its first 100 items',
    'Array.from({ length: 20000 }, (_, i) => i)',
    `[\n${[
      '   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11',
      '  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23',
      '  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35',
      '  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47',
      '  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59',
      '  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71',
      '  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83',
      '  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95',
      '  96, 97, 98, 99',
    ].join(',\n')},\n  ... 19900 more items\n]`,
  ),
  preview(
    'a Set of 150 values previews its first 100 and counts the rest',
    'new Set(Array.from({ length: 150 }, (_, i) => i))',
    `Set(150) {\n${upTo(100)
      .map((i) => `  ${i},`)
      .join('\n')}\n  ... 50 more items\n}`,
  ),
  preview(
    'a Map of 150 entries previews its first 100 and counts the rest',
    'new Map(Array.from({ length: 150 }, (_, i) => [i, i]))',
    `Map(150) {\n${upTo(100)
      .map((i) => `  ${i} => ${i},`)
      .join('\n')}\n  ... 50 more items\n}`,
  ),
  preview(
    'a typed array of 150 items previews its first 100 and counts the rest',
    'new Uint8Array(150)',
    `Uint8Array(150) [\n${[...upTo(8).map(() => Array(12).fill('0').join(', ')), '0, 0, 0, 0']
      .map((line) => `  ${line}`)
      .join(',\n')},\n  ... 50 more items\n]`,
  ),
  preview(
    'a string too long for 64 KiB of JSON is cut at 10,000 characters',
    '"y".repeat(70000)',
    `'${'y'.repeat(10_000)}'... 60000 more characters`,
  ),
  preview(
    'a string in a value is cut at 10,000 characters',
    '({ s: "z".repeat(10001), u: undefined })',
    `{\n  s: '${'z'.repeat(10_000)}'... 1 more character,\n  u: undefined\n}`,
  ),
  preview(
    'a preview longer than 64 KiB is cut to 65,536 characters, the last line saying how many were cut',
    'Array.from({ length: 10 }, (_, i) => String(i).repeat(10000))',
    `${TEN_LONG_STRINGS.slice(0, 65_505)}\n… (34,557 more characters cut)`,
    TEN_LONG_STRINGS,
  ),

  // Failures (SPEC §2.4): a 🚫 reply with an Error fence.
  failure(
    'a thrown error gives its stack, beginning with Name: message',
    '(() => { throw new TypeError("nope") })()',
    'TypeError: nope\n    at <anonymous>:1:16\n    at <anonymous>:1:40',
  ),
  failure(
    'a thrown error whose stack lacks Name: message gets it added',
    '(() => { throw Object.assign(new Error("ff"), { stack: "f@https://x.test/app.js:1:1" }) })()',
    'Error: ff\nf@https://x.test/app.js:1:1',
  ),
  failure(
    "a thrown string is previewed after 'Uncaught'",
    '(() => { throw "x" })()',
    "Uncaught 'x'",
  ),
  failure(
    "a thrown object is previewed after 'Uncaught'",
    '(() => { throw { code: 1 } })()',
    'Uncaught { code: 1 }',
  ),
  failure('a rejected promise is a failure', 'Promise.reject(42)', 'Uncaught 42'),
]

/** A reply as the server writes it under its request fence. */
interface Reply {
  mark: string
  tag: string
  text: string
}

const REPLY =
  /^#### (👍|🚫)\S+ to agent at \d\d:\d\d:\d\d \([^)\n]+\)\n(`{3,})(\w+)\n([\s\S]*?)\n\2\n/u

/** Appends `code` as a request fence and waits for the reply written under it. */
async function ask(root: string, realm: string, code: string): Promise<Reply> {
  const request = `\`\`\`js\n${code}\n\`\`\`\n`
  await appendToLog(root, realm, request)
  try {
    return await waitFor(`the reply to ${code.slice(0, 80)}`, async () => {
      const log = await readRootFile(root, logOf(realm))
      const at = log.lastIndexOf(request)
      const match = at === -1 ? null : REPLY.exec(log.slice(at + request.length))
      return match ? { mark: match[1]!, tag: match[3]!, text: match[4]! } : undefined
    })
  } catch (error) {
    const log = await readRootFile(root, logOf(realm))
    throw new Error(`${(error as Error).message}\n--- the log ends with ---\n${log.slice(-1500)}`)
  }
}

/** The row's value, evaluated in this process (JSON rows only: plain data). */
function inNode(code: string): unknown {
  return runInThisContext(code)
}

/**
 * What `util.inspect` prints for each code, evaluated in a fresh `node` (this process has async
 * hooks enabled, which add symbols to the promises it makes).
 */
function inspectInFreshNode(codes: string[]): string[] {
  const script = `
    import { readFileSync } from 'node:fs'
    import { inspect } from 'node:util'
    import { runInThisContext } from 'node:vm'
    const texts = []
    for (const code of JSON.parse(readFileSync(0, 'utf8'))) {
      texts.push(inspect(await runInThisContext(code), ${JSON.stringify(NODE_OPTIONS)}))
    }
    process.stdout.write(JSON.stringify(texts))`
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(codes),
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(output.toString('utf8'))
}

const previews = suite<{
  root: string
  server: ServerProcess
  browser: Browser
  page: Page
  realm: string
  /** `util.inspect`'s text for each row's code, by the row's code. */
  printedByNode: Map<string, string>
}>('value previews')

previews.before(async (context) => {
  const inspected = rows.filter((row) => row.node !== undefined).map((row) => row.code)
  const printed = inspectInFreshNode(inspected)
  context.printedByNode = new Map(inspected.map((code, i) => [code, printed[i]!]))
  context.root = await makeRoot({
    'index.html':
      '<!doctype html><html><head><title>Preview fixture</title></head><body><div id="app" class="x"><span>hi</span></div><ul id="list"><li>a</li><li>b</li><li>c</li></ul></body></html>',
  })
  context.server = await startServer(context.root)
  context.browser = await launchBrowser()
  context.page = await context.browser.newPage()
  await context.page.goto(context.server.url)
  ;[context.realm] = (await waitForRealms(context.root)) as [string]
})

previews.after(async (context) => {
  await context.browser?.close()
  await context.server?.stop()
  if (context.root) await removeRoot(context.root)
})

for (const row of rows) {
  previews(row.name, async ({ root, realm, printedByNode }) => {
    if (row.tag === 'JSON') {
      const value = await inNode(row.code)
      assert.is(JSON.stringify(value, null, 2), row.text, 'the row holds the JSON of the value')
    } else if (row.node !== undefined) {
      const expected = row.node === true ? row.text : row.node
      assert.is(printedByNode.get(row.code), expected, "util.inspect's text in Node 20")
    }

    const reply = await ask(root, realm, row.code)
    assert.is(reply.mark, row.ok ? '👍' : '🚫', 'the reply header')
    assert.is(reply.tag, row.tag, 'the reply fence')
    if (typeof row.text === 'string') assert.is(reply.text, row.text)
    else assert.match(reply.text, row.text)
    if (row.tag === 'JSON') {
      assert.equal(JSON.parse(reply.text), await inNode(row.code), 'the JSON parses to the value')
    }
  })
}

previews.run()
