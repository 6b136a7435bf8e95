import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { main, parseEvalArgs } from './main.js'

test('eval takes the code from its arguments, and --page and --timeout as options', () => {
  assert.equal(parseEvalArgs(['--page', 'checkout', 'document.title', '+', '1']), {
    type: 'eval',
    settings: { root: '.', page: 'checkout', code: 'document.title + 1' },
  })
  assert.equal(parseEvalArgs(['--timeout', '500']), {
    type: 'eval',
    settings: { root: '.', timeoutMs: 500 },
  })
})

test('eval with no server running exits 2 with a hint', async () => {
  const err: string[] = []
  const output = { out: () => {}, write: () => {}, err: (line: string) => void err.push(line) }
  const code = await main(['eval', '--root', '/', '--port', '9', '1 + 1'], output)
  assert.is(code, 2)
  assert.equal(err, [
    'daebug: no Daebug server is running for /: start one with `daebug --root /` and open its URL in a browser.',
  ])
})

test.run()
