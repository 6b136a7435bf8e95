import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { nodeFs } from './adapters/node.js'
import { mountTestApi } from './test-api.js'

let root = ''
let app = new Hono()

test.before.each(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'daebug-test-api-')))
  mkdirSync(join(root, 'src', 'a b'), { recursive: true })
  writeFileSync(join(root, 'src', 'math.test.js'), '')
  writeFileSync(join(root, 'src', 'a b', 'ui.test.ts'), '')
  app = new Hono()
  mountTestApi(app, { root, fs: nodeFs })
})

test.after.each(() => {
  rmSync(root, { recursive: true, force: true })
})

async function discover(body: string) {
  const response = await app.request('/__daebug/api/tests/discover', { method: 'POST', body })
  const answer = (await response.json()) as {
    files?: string[]
    error: { code: string; message: string }
  }
  return { status: response.status, body: answer }
}

test('discover answers the URLs of the test files, by default all of them', async () => {
  assert.equal(await discover(''), {
    status: 200,
    body: { files: ['/src/a%20b/ui.test.ts', '/src/math.test.js'] },
  })
  assert.equal(await discover('{"files": "src/*.js", "exclude": []}'), {
    status: 200,
    body: { files: ['/src/math.test.js'] },
  })
})

test('a bad discover request gets a 400 that says what was wrong', async () => {
  const cases: Array<[string, RegExp]> = [
    ['{', /The body is not JSON/],
    ['[1]', /must be a JSON object/],
    ['{"files": [1]}', /"files" must be a path or glob/],
    ['{"exclude": {}}', /"exclude" must be a path or glob/],
    ['{"files": ["../x.test.js"]}', /is outside the root/],
  ]
  for (const [body, message] of cases) {
    const answer = await discover(body)
    assert.is(answer.status, 400, body)
    assert.is(answer.body.error.code, 'BAD_MESSAGE')
    assert.match(answer.body.error.message, message)
  }
})

test('a discover body over 64 KiB is refused with 413', async () => {
  const answer = await discover(JSON.stringify({ files: ['x'.repeat(70_000)] }))
  assert.is(answer.status, 413)
  assert.is(answer.body.error.code, 'TOO_LARGE')
})

test.run()
