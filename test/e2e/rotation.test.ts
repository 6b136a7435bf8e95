import { appendFile, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { appendToLog, logOf, waitForLog, withSession } from './harness.js'

const REQUESTS = 400

test('past --max-log a log rotates into chained archives while an agent writes: nothing is lost or doubled', () =>
  withSession(
    async ({ root, realm }) => {
      const notes: string[] = []
      let writing = true
      const writer = (async () => {
        for (let k = 0; writing; k++) {
          notes.push(`rotation note ${k}.`)
          await appendFile(join(root, logOf(realm)), `rotation note ${k}.\n`)
          await new Promise((resolve) => setTimeout(resolve, 40))
        }
      })()
      for (let id = 0; id < REQUESTS; id++) {
        await appendToLog(root, realm, `\`\`\`js\n${id} // rotation\n\`\`\`\n`)
        await waitForLog(root, realm, `\`\`\`js\n${id} // rotation\n\`\`\`\n#### 👍`)
      }
      writing = false
      await writer

      const folder = join(root, 'daebug')
      const archives = (await readdir(folder))
        .filter((name) => name.startsWith(`${realm}.`) && /\.\d+\.md$/.test(name))
        .sort((a, b) => Number(/\.(\d+)\.md$/.exec(a)![1]) - Number(/\.(\d+)\.md$/.exec(b)![1]))
      assert.ok(archives.length >= 3, `${archives.length} archives`)
      assert.equal(
        archives,
        archives.map((_, k) => `${realm}.${k + 1}.md`),
      )
      const live = await readFile(join(folder, `${realm}.md`))
      assert.ok(live.length <= 16 * 1024, `the log holds ${live.length} bytes`)
      assert.match(live.toString(), `> Older exchanges: [${realm}.${archives.length}.md]`)
      for (const [k, name] of archives.entries()) {
        const text = await readFile(join(folder, name), 'utf8')
        if (k > 0) assert.match(text, `> Older exchanges: [${realm}.${k}.md]`)
      }
      const all = (
        await Promise.all(
          [...archives, `${realm}.md`].map((name) => readFile(join(folder, name), 'utf8')),
        )
      ).join('\n')
      for (let id = 0; id < REQUESTS; id++) {
        const request = `\`\`\`js\n${id} // rotation\n\`\`\`\n#### 👍`
        assert.is(all.split(request).length - 1, 1, `request ${id} with its reply`)
      }
      const lost = notes.filter((note) => !all.includes(`${note}\n`))
      assert.equal(lost, [], 'every note is kept')
    },
    ['--max-log', '16K', '--no-worker'],
  ))

test.run()
