import { type CapturedEvent, compressEvents } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createEventBuffer } from './event-buffer.js'

const event = (i: number): CapturedEvent => ({ level: 'log', time: i, text: String(i) })

test('the buffer keeps what compressEvents keeps, for every count up to 25', () => {
  for (let count = 0; count <= 25; count++) {
    const buffer = createEventBuffer()
    const all = Array.from({ length: count }, (_, i) => event(i))
    for (const item of all) buffer.push(item)
    assert.ok(buffer.size <= 10)
    assert.equal(buffer.take(), compressEvents(all), `${count} events`)
  }
})

test('take empties the buffer and peek does not', () => {
  const buffer = createEventBuffer()
  for (let i = 0; i < 12; i++) buffer.push(event(i))
  assert.equal(buffer.peek(), buffer.peek())
  assert.is(buffer.take().omitted, 2)
  assert.equal(buffer.take(), { events: [], omitted: 0 })
})

test.run()
