import type { TestEvent } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { boundedEventJson, streamTestRun, type TestRunStream } from './test-run-stream.js'

function runOf(events: TestEvent[], pause?: Promise<void>): TestRunStream {
  return {
    finished: Promise.resolve(),
    async *[Symbol.asyncIterator]() {
      for (const [index, event] of events.entries()) {
        if (index === 1 && pause) await pause
        yield event
      }
    },
  }
}

const pass = (name: string): TestEvent => ({
  type: 'test:pass',
  data: { name, nesting: 0, testNumber: 1, details: { duration_ms: 1 } },
})

type Sent = { jobId: string; events: Array<{ data: { name: string } }> }

function collectingSink() {
  const sent: Sent[] = []
  const timers = new Set<() => void>()
  return {
    sent,
    fireTimers() {
      for (const callback of [...timers]) callback()
      timers.clear()
    },
    sink: {
      send: (text: string) => sent.push(JSON.parse(text)),
      setTimeout: (callback: () => void) => {
        timers.add(callback)
        return callback
      },
      clearTimeout: (timer: unknown) => timers.delete(timer as () => void),
    },
  }
}

test('a run is announced with an empty batch, then its events follow in order', async () => {
  const { sent, sink } = collectingSink()
  await streamTestRun('j1', runOf([pass('a'), pass('b')]), sink)
  assert.equal(sent[0], { type: 'test', jobId: 'j1', events: [] })
  assert.equal(
    sent.slice(1).flatMap((batch) => batch.events.map((event) => event.data.name)),
    ['a', 'b'],
  )
})

test('events are sent when the batch timer fires, before the run ends', async () => {
  const { sent, sink, fireTimers } = collectingSink()
  let resume = () => {}
  const pause = new Promise<void>((resolve) => {
    resume = resolve
  })
  const done = streamTestRun('j2', runOf([pass('first'), pass('second')], pause), sink)
  await new Promise((resolve) => setTimeout(resolve, 0))
  fireTimers()
  assert.equal(
    sent.at(-1)?.events.map((event) => event.data.name),
    ['first'],
  )
  resume()
  await done
  assert.equal(
    sent.at(-1)?.events.map((event) => event.data.name),
    ['second'],
  )
})

test('a failure with an error is sent as data, and a huge one is cut to fit', () => {
  const error = Object.assign(new Error('boom'), { actual: 'x'.repeat(3_000_000), expected: 1n })
  const event: TestEvent = {
    type: 'test:fail',
    data: {
      name: 't',
      nesting: 0,
      testNumber: 1,
      details: { duration_ms: 1, error: error as never },
    },
  }
  const json = boundedEventJson(event)
  assert.ok(json.length <= 1_048_576)
  const sent = JSON.parse(json)
  assert.is(sent.data.details.error.message, 'boom')
  assert.is(sent.data.details.error.expected, '1n')
  assert.match(sent.data.details.error.actual, /more characters cut/)
})

test.run()
