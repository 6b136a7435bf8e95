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

test('updates queued before a write starts are applied in order by that one write', async () => {
  const { fs, file } = scriptedFs('', [])
  let writes = 0
  const replaceText = fs.replaceText.bind(fs)
  fs.replaceText = (...args: Parameters<HostFs['replaceText']>) => {
    writes++
    return replaceText(...args)
  }
  const shared = new SharedFile(fs, '/log.md')
  const first = shared.update((text) => `${text ?? ''}a`)
  const rest = ['b', 'c', 'd'].map((letter) => shared.update((text) => `${text ?? ''}${letter}`))
  assert.equal(await Promise.all([first, ...rest]), ['abcd', 'abcd', 'abcd', 'abcd'])
  assert.equal([file.text, writes], ['abcd', 1])
  await shared.update((text) => `${text}e`)
  assert.equal([file.text, writes], ['abcde', 2])
})

test('an update that throws is left out of its batch; the others are written', async () => {
  const { fs, file } = scriptedFs('', [])
  const shared = new SharedFile(fs, '/log.md')
  void shared.update((text) => `${text ?? ''}a`)
  const failing = shared.update(() => {
    throw new Error('bad edit')
  })
  const after = shared.update((text) => `${text ?? ''}c`)
  const why = await failing.then(
    () => 'resolved',
    (error: Error) => error.message,
  )
  assert.equal([why, await after], ['bad edit', 'ac'])
  assert.is(file.text, 'ac')
})

test.run()
