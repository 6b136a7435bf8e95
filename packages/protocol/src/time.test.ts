import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatClock, formatDuration, isClock, parseDuration } from './time.js'

test('durations below 2000 ms are whole milliseconds with thousands separators', () => {
  assert.equal([0, 4.4, 4.5, 999, 1234, 1999.4].map(formatDuration), [
    '0ms',
    '4ms',
    '5ms',
    '999ms',
    '1,234ms',
    '1,999ms',
  ])
})

test('from 2000 ms durations are seconds rounded half up to one decimal', () => {
  assert.equal(
    [1999.5, 2000, 2449, 2450, 9800, 61_000, 1_234_560, 1_234_649.6].map(formatDuration),
    ['2.0s', '2.0s', '2.4s', '2.5s', '9.8s', '61.0s', '1,234.6s', '1,234.7s'],
  )
})

test('negative, NaN and infinite durations are 0ms', () => {
  assert.equal([-5, Number.NaN, Number.POSITIVE_INFINITY].map(formatDuration), [
    '0ms',
    '0ms',
    '0ms',
  ])
})

test('a formatted duration reads back to the value it shows', () => {
  for (const text of ['0ms', '5ms', '1,234ms', '2.5s', '61.0s', '1,234.6s']) {
    assert.is(formatDuration(parseDuration(text)!), text)
  }
  assert.equal(['', '5 ms', '2.55s', '1234ms', 'abc'].map(parseDuration), [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ])
})

test('clock times are the local HH:MM:SS of the given date, zero-padded', () => {
  assert.is(formatClock(new Date(2026, 10, 22, 9, 5, 7)), '09:05:07')
  assert.is(formatClock(new Date(2026, 10, 22, 23, 59, 59).getTime()), '23:59:59')
  assert.equal(['09:05:07', '24:00:00', '9:05:07', '12:60:00'].map(isClock), [
    true,
    false,
    false,
    false,
  ])
})

test.run()
