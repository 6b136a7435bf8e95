import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { HostFs, Replacement } from './host.js'
import { SharedFile } from './log-file.js'

/** A file system with one file whose `replaceText` plays back a script of agent saves. */
function scriptedFs(
  initial: string,
  script: Array<(file: { text: string }) => Replacement | undefined>,
) {
  const file = { text: initial }
  const fs = {
    readText: async () => file.text,
    async replaceText(
      _path: string,
      text: string,
      expected: string | undefined,
    ): Promise<Replacement> {
      const step = script.shift()
      const scripted = step?.(file)
      if (scripted) {
        if (scripted.written) file.text = text
        return scripted
      }
      if (file.text !== expected) return { written: false, current: file.text }
      file.text = text
      return { written: true }
    },
  } as unknown as HostFs
  return { fs, file }
}

const upper = (text: string | undefined) => text?.replace('head', 'HEAD')

test('a save that lands before the check makes the edit run again on the saved text', async () => {
  const { fs, file } = scriptedFs('head\n', [
    (f) => {
      f.text += 'agent 1\n'
      return undefined
    },
  ])
  const shared = new SharedFile(fs, '/log.md')
  assert.is(await shared.update(upper), 'HEAD\nagent 1\n')
  assert.is(file.text, 'HEAD\nagent 1\n')
})

test('a save that raced the rename is carried, then merged with saves that follow', async () => {
  const { fs, file } = scriptedFs('head\n', [
    // The rename replaced a file the agent had just appended to.
    () => ({ written: true, current: 'head\nagent 1\n' }),
    // The agent appends again to the new file before our next write.
    (f) => {
      f.text += 'agent 2\n'
      return undefined
    },
  ])
  const shared = new SharedFile(fs, '/log.md')
  await shared.update(upper)
  assert.is(file.text, 'HEAD\nagent 1\nagent 2\n')
})

test('a transform that changes nothing writes nothing', async () => {
  let writes = 0
  const { fs } = scriptedFs('same\n', [
    () => {
      writes++
      return undefined
    },
  ])
  await new SharedFile(fs, '/log.md').update((text) => text)
  assert.is(writes, 0)
})

test.run()
