import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatRegistry, hasShutdownLine, parseRegistry, type Registry } from './registry.js'

const running: Registry = {
  url: 'http://localhost:8680/',
  since: '12:00:00',
  realms: [
    { name: '7-zen-1201-03', url: 'http://localhost:8680/', at: '12:05:00', state: 'live' },
    {
      name: '7-zen-1201-03-webworker',
      url: 'worker://7-zen-1201-03-webworker',
      at: '12:05:01',
      state: 'executing',
    },
    {
      name: '12-fern-1130-59',
      url: 'http://localhost:8680/a(b)?q=1',
      at: '11:31:00',
      state: 'queued',
      queued: 2,
    },
    {
      name: '5-oak-1000-00',
      url: 'http://localhost:8680/old',
      at: '10:10:00',
      state: 'disconnected',
    },
  ],
}

test('the running registry has its title, blockquote, realm lines and usage', () => {
  const text = formatRegistry(running)
  const lines = text.split('\n')
  assert.is(lines[0], '# 👾 Daebug at http://localhost:8680/ since 12:00:00')
  assert.is(lines[1], '')
  assert.match(lines[2]!, /^> This file lists the live JavaScript realms/)
  assert.equal(lines.slice(4, 8), [
    '* [7-zen-1201-03](daebug/7-zen-1201-03.md) (http://localhost:8680/) at 12:05:00: live',
    '* [7-zen-1201-03-webworker](daebug/7-zen-1201-03-webworker.md) (worker://7-zen-1201-03-webworker) at 12:05:01: executing',
    '* [12-fern-1130-59](daebug/12-fern-1130-59.md) (http://localhost:8680/a(b)?q=1) at 11:31:00: queued 2',
    '* [5-oak-1000-00](daebug/5-oak-1000-00.md) (http://localhost:8680/old) at 10:10:00: disconnected',
  ])
  assert.ok(text.endsWith('\n'))
  assert.not.match(text, /\n\n\n/)
})

test('the registry text never stops the server it describes', () => {
  assert.is(hasShutdownLine(formatRegistry(running)), false)
  assert.match(formatRegistry(running), /%%SHUTDOWN%%/)
})

test('a line that is exactly %%SHUTDOWN%% after trimming asks for shut-down', () => {
  assert.is(hasShutdownLine(`${formatRegistry(running)}  %%SHUTDOWN%%\r\n`), true)
  assert.is(hasShutdownLine('please %%SHUTDOWN%%'), false)
})

test('an empty registry says no realm is connected yet', () => {
  const text = formatRegistry({ url: 'http://localhost:8680/', since: '12:00:00', realms: [] })
  assert.ok(text.includes('\n\n(no realms connected yet)\n\n'))
})

test('the stopped registry says when it stopped and since when it ran', () => {
  const text = formatRegistry({ ...running, stoppedAt: '13:00:00' })
  assert.ok(text.startsWith('# 👾 Daebug stopped at 13:00:00 (ran since 12:00:00)\n'))
})

test('parse reads back what format wrote, running and stopped', () => {
  assert.equal(parseRegistry(formatRegistry(running)), running)
  const stopped = { ...running, stoppedAt: '13:00:00' }
  assert.equal(parseRegistry(formatRegistry(stopped)), stopped)
  assert.is(formatRegistry(parseRegistry(formatRegistry(running))), formatRegistry(running))
})

test('parse ignores lines it does not know', () => {
  assert.equal(parseRegistry('hello\n* [x](y)\n'), { url: '', since: '', realms: [] })
})

test.run()
