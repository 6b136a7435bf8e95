import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { nodeFs } from './node.js'

test('a save left in a replaced file by a crashed server is appended to the log it was meant for, once', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'daebug-late-'))
  try {
    const read = 'header\n```js\n1\n```\n'
    const written = 'header\n```js\n1\n```\n#### ⏳slot\n'
    writeFileSync(join(folder, 'r.md'), written)
    // What a server (pid 1) left: the replaced file, which had read `read`, plus the agent's save.
    writeFileSync(
      join(folder, `.r.md.1.ab12cd34.${read.length}.old`),
      `${read}\`\`\`js\n2\n\`\`\`\n`,
    )
    // One whose save the server had already carried over before it died.
    writeFileSync(join(folder, 'q.md'), 'q\n```js\n3\n```\n')
    writeFileSync(join(folder, '.q.md.1.ab12cd35.2.old'), 'q\n```js\n3\n```\n')
    const recovered = await nodeFs.recoverLateSaves!(folder)
    assert.equal(recovered, [join(folder, 'r.md')])
    assert.is(readFileSync(join(folder, 'r.md'), 'utf8'), `${written}\`\`\`js\n2\n\`\`\`\n`)
    assert.is(readFileSync(join(folder, 'q.md'), 'utf8'), 'q\n```js\n3\n```\n')
    assert.equal(readdirSync(folder).sort(), ['q.md', 'r.md'])
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

test.run()
