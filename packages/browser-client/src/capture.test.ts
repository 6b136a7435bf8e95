import type { CapturedEvent } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type ListenerTarget, startCapture } from './capture.js'

type Listener = (event: Event) => void

function setup() {
  const printed: unknown[][] = []
  const pageConsole = {
    log: (...args: unknown[]) => void printed.push(args),
    warn: (...args: unknown[]) => void printed.push(args),
    trace: (...args: unknown[]) => void printed.push(args),
  }
  const listeners = new Map<string, Listener>()
  const target: ListenerTarget = {
    addEventListener: (type, listener) => void listeners.set(type, listener),
    removeEventListener: (type) => void listeners.delete(type),
  }
  let flushes = 0
  const capture = startCapture({
    console: pageConsole,
    target,
    errorLevel: 'window.onerror',
    now: () => 1000,
    onBackground: () => void flushes++,
  })
  const dispatch = (type: string, event: object) => listeners.get(type)?.(event as Event)
  const background = (): Array<Omit<CapturedEvent, 'location'>> =>
    capture.background.take().events.map(({ location: _location, ...event }) => event)
  return { capture, pageConsole, printed, dispatch, background, listeners, flushes: () => flushes }
}

test('the original method runs first, with the same arguments, and its event is buffered', () => {
  const { pageConsole, printed, background, flushes } = setup()
  const value = { a: [1] }
  pageConsole.log('%s has', 'cart', value)
  assert.equal(printed, [['%s has', 'cart', value]])
  assert.equal(background(), [{ level: 'log', time: 1000, text: 'cart has { a: [ 1 ] }' }])
  assert.is(flushes(), 1)
})

test('a value whose preview throws does not break the console call', () => {
  const { pageConsole, printed, background } = setup()
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('trap')
      },
      ownKeys() {
        throw new Error('trap')
      },
      getPrototypeOf() {
        throw new Error('trap')
      },
    },
  )
  pageConsole.log('x', hostile)
  assert.is(printed.length, 1)
  assert.ok(background().length <= 1)
})

test('a console call made while an event is recorded is printed but not captured', () => {
  const { pageConsole, printed, background } = setup()
  const noisy = {
    toString() {
      pageConsole.warn('inside toString')
      return 'noisy'
    },
  }
  pageConsole.log('%s', noisy)
  assert.equal(printed.length, 2)
  assert.equal(background(), [{ level: 'log', time: 1000, text: 'noisy' }])
})

test('events go to the most recent running job, then to the background again', () => {
  const { capture, pageConsole, background } = setup()
  const outer = capture.beginJob()
  pageConsole.log(1)
  const inner = capture.beginJob()
  pageConsole.log(2)
  assert.equal(
    capture.endJob(inner).events.map((event) => event.text),
    ['2'],
  )
  pageConsole.log(3)
  capture.detachJob(outer)
  pageConsole.log(4)
  assert.equal(
    capture.endJob(outer).events.map((event) => event.text),
    ['1', '3'],
  )
  assert.equal(
    background().map((event) => event.text),
    ['4'],
  )
})

test('uncaught errors and rejections are captured with their stacks', () => {
  const { dispatch, background } = setup()
  const error = new RangeError('late')
  error.stack = 'RangeError: late\n    at later (app.js:3:9)'
  dispatch('error', {
    message: 'Uncaught RangeError: late',
    filename: 'app.js',
    lineno: 3,
    colno: 9,
    error,
  })
  dispatch('error', { message: 'Script error.', filename: '', lineno: 0, colno: 0, error: null })
  dispatch('error', { target: {} })
  dispatch('unhandledrejection', { reason: 'why' })
  const stack = 'RangeError: late\n    at later (app.js:3:9)'
  assert.equal(background(), [
    { level: 'window.onerror', time: 1000, text: stack, stack },
    { level: 'window.onerror', time: 1000, text: 'Script error.', stack: 'Script error.' },
    { level: 'unhandledrejection', time: 1000, text: "'why'" },
  ])
})

test('a trace carries the stack of its call', () => {
  const { pageConsole, capture } = setup()
  pageConsole.trace('here')
  const [event] = capture.background.take().events
  assert.match(String(event?.text), /^Trace: here\n.*capture\.test\.ts:\d+:\d+/)
})

test('stop restores the console and removes the listeners', () => {
  const { capture, pageConsole, listeners } = setup()
  const patched = pageConsole.log
  capture.stop()
  assert.is.not(pageConsole.log, patched)
  pageConsole.log('after')
  assert.is(capture.background.size, 0)
  assert.is(listeners.size, 0)
})

test.run()
