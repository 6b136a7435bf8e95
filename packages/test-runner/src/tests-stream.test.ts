import assert from 'node:assert/strict'
import { test } from 'uvu'
import { TestsStream } from './tests-stream.js'

const start = (name: string) => ({ nesting: 0, name })

test('an iterator that starts after the events were emitted still gets them all, in order', async () => {
  const stream = new TestsStream()
  stream.emit('test:enqueue', start('a'))
  stream.emit('test:dequeue', start('a'))
  setTimeout(() => {
    stream.emit('test:start', start('a'))
    stream.end()
  }, 1)
  const seen: string[] = []
  for await (const event of stream)
    seen.push(`${event.type} ${'name' in event.data ? event.data.name : ''}`)
  assert.deepEqual(seen, ['test:enqueue a', 'test:dequeue a', 'test:start a'])
})

test('listeners get the data of their event type; once and off stop them', () => {
  const stream = new TestsStream({ keep: false })
  const calls: string[] = []
  const every = (data: { name: string }) => calls.push(`every ${data.name}`)
  stream.on('test:start', every)
  stream.once('test:start', (data) => calls.push(`once ${data.name}`))
  stream.on('test:enqueue', (data) => calls.push(`enqueue ${data.name}`))
  stream.emit('test:start', start('a'))
  stream.emit('test:start', start('b'))
  stream.off('test:start', every)
  stream.emit('test:start', start('c'))
  stream.emit('test:enqueue', start('d'))
  assert.deepEqual(calls, ['every a', 'once a', 'every b', 'enqueue d'])
})

test('listens says whether an event would reach a listener or an iterator', () => {
  const heard = new TestsStream({ keep: false })
  heard.on('test:pass', () => {})
  assert.equal(heard.listens('test:pass'), true)
  assert.equal(heard.listens('test:start'), false)
  const kept = new TestsStream()
  assert.equal(kept.listens('test:start'), true)
  kept.end()
  assert.equal(kept.listens('test:start'), false)
})

test("summary is the run's own test:summary, not a file's", () => {
  const stream = new TestsStream({ keep: false })
  const counts = {
    tests: 1,
    suites: 0,
    passed: 1,
    failed: 0,
    cancelled: 0,
    skipped: 0,
    todo: 0,
    topLevel: 1,
  }
  assert.equal(stream.summary, undefined)
  stream.emit('test:summary', { counts, duration_ms: 1, success: true, file: '/a.test.js' })
  assert.equal(stream.summary, undefined)
  stream.emit('test:summary', { counts, duration_ms: 2, success: true })
  // Read through a function: TypeScript would keep the getter narrowed to undefined.
  const summaryOf = (events: TestsStream) => events.summary
  assert.equal(summaryOf(stream)?.duration_ms, 2)
})

test('a listener that throws does not stop the events; its error surfaces as uncaught', async () => {
  const stream = new TestsStream({ keep: false })
  const calls: string[] = []
  stream.on('test:start', () => {
    throw new Error('listener failed')
  })
  stream.on('test:start', (data) => calls.push(data.name))
  const uncaught = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve))
  stream.emit('test:start', start('a'))
  assert.deepEqual(calls, ['a'])
  assert.equal(((await uncaught) as Error).message, 'listener failed')
})

test('no event is emitted after the end, and finished resolves at the end', async () => {
  const stream = new TestsStream()
  stream.emit('test:start', start('a'))
  stream.end()
  stream.emit('test:start', start('b'))
  await stream.finished
  assert.deepEqual(
    (await stream.toArray()).map((event) => event.type),
    ['test:start'],
  )
})

test.run()
