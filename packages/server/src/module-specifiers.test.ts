import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { rewriteModuleSpecifiers } from './module-specifiers.js'

const MAP = { 'node:test': '/t.js', '@daebug/protocol': '/p.js' }

test('static imports, re-exports and literal dynamic imports are rewritten in place', async () => {
  const code = [
    "import { test } from 'node:test'",
    "import * as p from '@daebug/protocol'; export * from 'node:test'",
    "export { inspect } from '@daebug/protocol'",
    "const later = () => import('node:test')",
    "import './side.js'",
    "const name = 'node:test'; import(name)",
  ].join('\n')
  assert.is(
    await rewriteModuleSpecifiers(code, MAP),
    [
      'import { test } from "/t.js"',
      'import * as p from "/p.js"; export * from "/t.js"',
      'export { inspect } from "/p.js"',
      'const later = () => import("/t.js")',
      "import './side.js'",
      "const name = 'node:test'; import(name)",
    ].join('\n'),
  )
})

test('strings that only look like specifiers, and code that does not parse, stay as they are', async () => {
  const code = "const s = \"import x from 'node:test'\"\n// import 'node:test'\n"
  assert.is(await rewriteModuleSpecifiers(code, MAP), code)
  assert.is(
    await rewriteModuleSpecifiers("import { from 'node:test'", MAP),
    "import { from 'node:test'",
  )
  assert.is(
    await rewriteModuleSpecifiers("import x from 'toString'", MAP),
    "import x from 'toString'",
  )
})

test.run()
