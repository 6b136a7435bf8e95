import { createContext, runInContext } from 'node:vm'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadAcorn } from '../acorn.js'
import { prepareCode } from './prepare.js'
import { type RewriteOptions, rewriteForRepl } from './rewrite.js'
import { resolveSpecifier } from './specifiers.js'

// The rewrite itself is synchronous once acorn has loaded; prepareCode is what waits for it.
await loadAcorn()

/** A realm stand-in: one global scope that every request's script runs in, as an indirect eval does. */
function realm(options: RewriteOptions = {}) {
  const context = createContext({})
  return {
    context,
    async run(code: string): Promise<unknown> {
      const rewritten = rewriteForRepl(code, options)
      if (!rewritten.ok) throw new Error(rewritten.error.stack)
      return await runInContext(rewritten.script, context)
    },
  }
}

test('top-level declarations persist into later requests, and may be declared again', async () => {
  const { run } = realm()
  assert.is(await run('let x = 5'), undefined)
  assert.is(await run('x * 2'), 10)
  await run('const f = () => 1')
  assert.is(await run('f()'), 1)
  await run('class A {}')
  assert.is(await run('new A().constructor.name'), 'A')
  await run('let x = 6')
  assert.is(await run('x'), 6)
  await run('var v = 1; function g() { return v + 1 }')
  assert.is(await run('g()'), 2)
  await run('let {a, b: [c]} = {a: 1, b: [2]}, d')
  assert.is(await run('JSON.stringify([a, c, d])'), '[1,2,null]')
})

test('the last expression statement is the result, with or without a semicolon or comment', async () => {
  const { run } = realm()
  assert.is(await run('1 + 1;'), 2)
  assert.is(await run('1 + 1 // c'), 2)
  assert.is(await run('let y = 5; y * 2'), 10)
  assert.is(await run('function foo() {}; foo.name'), 'foo')
  assert.is(JSON.stringify(await run('{a: 1}')), '{"a":1}')
  assert.is(await run('{ 1; }'), 1)
})

test('top-level await and return work, and their declarations persist too', async () => {
  const { run } = realm()
  assert.is(await run('let n = await Promise.resolve(3)\nn + 1'), 4)
  assert.is(await run('n'), 3)
  assert.is(
    await run('if (n) { var inBlock = await 1 }\nfunction h() { return inBlock }'),
    undefined,
  )
  assert.is(await run('h()'), 1)
  assert.is(await run('return n * 2'), 6)
  assert.is(await run('for (var i = 0; i < 3; i++) await null\ni'), 3)
  assert.is(await run('i'), 3)
  assert.is(await run('await 1 // c'), 1)
  assert.is(await run('await 1 // c\n2'), 2)
  assert.is(JSON.stringify(await run('await 1\n;({ a: [1, 2] })')), '{"a":[1,2]}')
  assert.is(await run('await 1;\n(2) + (3)'), 5)
  assert.is(await run('await 1\n  /* c */ 3'), 3)
})

test('code runs exactly once, and a rejection or throw is a failure', async () => {
  const { run, context } = realm()
  await run('let n = 0')
  const failure = await run('(n++, undefinedFn())').catch((error: Error) => error.name)
  assert.is(failure, 'ReferenceError')
  assert.is((context as { n: number }).n, 1)
  const rejected = await run("Promise.reject(new Error('x'))").catch(
    (error: Error) => error.message,
  )
  assert.is(rejected, 'x')
})

test('a syntax error names the line and column of the agent code, and gives no script', () => {
  assert.equal(rewriteForRepl('let ok = 1\nlet = =\n'), {
    ok: false,
    error: {
      name: 'SyntaxError',
      message: 'Unexpected token (line 2, column 7 of your code)',
      stack: 'SyntaxError: Unexpected token (line 2, column 7 of your code)',
    },
  })
  const exported = rewriteForRepl('export default 1')
  assert.ok(!exported.ok && exported.error.message.startsWith('`export` has no meaning'))
})

test("the agent's lines stay on their lines, below the script's own first line", () => {
  for (const code of ['let a = 1\nthrow new Error()', 'const b = await 1\n\nb.c.d', '{x: 1}']) {
    const rewritten = rewriteForRepl(code)
    assert.ok(rewritten.ok)
    const lines = rewritten.script.split('\n').slice(1)
    for (const [index, line] of code.split('\n').entries()) {
      const token = line.trim().split(/\s+/).at(-1) ?? ''
      assert.ok(lines[index]!.includes(token), `line ${index + 1} of ${JSON.stringify(code)}`)
    }
  }
})

test('imports resolve relative specifiers against the realm and bind their names', () => {
  const url = 'http://127.0.0.1:8960/pages/index.html'
  const script = (code: string) => {
    const rewritten = rewriteForRepl(code, { url })
    return rewritten.ok ? rewritten.script : rewritten.error.message
  }
  assert.is(
    script("import d, { x as y, z } from './app.js'\ny"),
    '((run) => run())(async () => {\n;void ({default: d, x: y, z: z} = await import("http://127.0.0.1:8960/pages/app.js")); ;return (\ny)\n})',
  )
  assert.is(
    script("import * as m from '/m.js'"),
    '((run) => run())(async () => {\n;void (m = await import("http://127.0.0.1:8960/m.js"));\n})',
  )
  assert.is(script("import 'lit'"), '((run) => run())(async () => {\n;await import("lit");\n})')
  assert.is(
    script("await import('../x.js')"),
    '((run) => run())(async () => { return (\nawait import("http://127.0.0.1:8960/x.js"))\n})',
  )
  assert.match(script('import(name)'), 'new URL(s, "http://127.0.0.1:8960/pages/index.html")')
})

test('bare specifiers go through the import map given, scopes first', () => {
  const base = 'http://h/app/page.html'
  const map = {
    imports: { lit: '/vendor/lit.js', 'lib/': '/vendor/lib/', './local.js': '/mapped.js' },
    scopes: { '/app/': { lit: '/app/lit.js' } },
  }
  assert.is(resolveSpecifier('lit', base, map), 'http://h/app/lit.js')
  assert.is(resolveSpecifier('lit', 'http://h/other.html', map), 'http://h/vendor/lit.js')
  assert.is(resolveSpecifier('lib/a.js', base, map), 'http://h/vendor/lib/a.js')
  assert.is(resolveSpecifier('/local.js', 'http://h/', map), 'http://h/mapped.js')
  assert.is(resolveSpecifier('unmapped', base, map), 'unmapped')
  assert.is(resolveSpecifier('https://cdn.test/x.js', base), 'https://cdn.test/x.js')
})

test('a ts fence is type-stripped before it runs; code generation is refused clearly', async () => {
  const prepared = await prepareCode(
    'interface P { x: number }\nconst p: P = { x: 1 }\nfunction id<T>(v: T): T { return v }\nid<number>(p.x) as number',
    'ts',
    {},
  )
  assert.ok(prepared.ok)
  assert.is(runInContext(prepared.script, createContext({})), 1)
  const enumeration = await prepareCode('const a = 1\nenum E { A }', 'typescript', {})
  assert.ok(!enumeration.ok)
  assert.match(
    enumeration.error.message,
    /^`enum E \{ A \}` is TypeScript that needs code generation/,
  )
  assert.match(enumeration.error.message, /\(line 2, column 1 of your code\)$/)
})

test.run()
