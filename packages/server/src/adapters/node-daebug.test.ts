import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createDaebug } from './node-daebug.js'

test('listening beyond loopback without a token is refused with the reason', () => {
  assert.throws(
    () => createDaebug({ root: '.', hostname: '0.0.0.0' }),
    /listening on 0\.0\.0\.0 needs a token \(option `token`\)/,
  )
})

test('a loopback server is reached at localhost on its port, and puts its client into pages', async () => {
  const root = await mkdtemp(join(tmpdir(), 'daebug-embed-'))
  const daebug = createDaebug({ root, port: 4321 })
  try {
    assert.is(daebug.url, 'http://localhost:4321/')
    assert.match(
      daebug.injectHtml('<html><head></head></html>'),
      '<script src="/__daebug/client.js">',
    )
  } finally {
    await daebug.close()
    await rm(root, { recursive: true, force: true })
  }
})

test.run()
