import assert from 'node:assert/strict'
import { mock as nodeMock } from 'node:test'
import { test } from 'uvu'
import { MockTracker } from './mock.js'

type Tracker = Pick<MockTracker, 'fn' | 'method' | 'getter' | 'setter' | 'reset' | 'restoreAll'>

/** What a scenario did, comparable across the two trackers (errors by name, code and message). */
function outcome(scenario: (tracker: Tracker) => unknown, tracker: Tracker): unknown {
  try {
    return { returned: scenario(tracker) }
  } catch (error) {
    const { name, code, message } = error as { name: string; code: string; message: string }
    return { threw: { name, code, message } }
  } finally {
    tracker.reset()
  }
}

function sameAsNode(title: string, scenario: (tracker: Tracker) => unknown): void {
  test(title, () => {
    assert.deepEqual(
      outcome(scenario, new MockTracker()),
      outcome(scenario, nodeMock as unknown as Tracker),
    )
  })
}

const summarize = (
  calls: {
    arguments: unknown[]
    result: unknown
    error: unknown
    this: unknown
    target: unknown
  }[],
) =>
  calls.map((call) => ({
    arguments: call.arguments,
    result: call.result,
    error: call.error instanceof Error ? call.error.message : call.error,
    this: call.this === undefined ? undefined : Object.keys(call.this as object),
    target: typeof call.target,
  }))

sameAsNode('mock.fn records each call’s arguments, result, error and this', (mock) => {
  const add = mock.fn((a: number, b: number) => a + b)
  const self = { add }
  add(1, 2)
  self.add(3, 4)
  const fails = mock.fn(() => {
    throw new Error('nope')
  })
  try {
    fails()
  } catch {}
  return {
    calls: summarize(add.mock.calls),
    count: add.mock.callCount(),
    failed: summarize(fails.mock.calls),
  }
})

sameAsNode('a mock constructor records new calls with their target', (mock) => {
  class Point {
    constructor(
      public x: number,
      public y: number,
    ) {}
  }
  const MockPoint = mock.fn(Point as never) as unknown as typeof Point & {
    mock: { callCount(): number; calls: { target: unknown }[] }
  }
  const point = new MockPoint(1, 2)
  return {
    point: { ...point },
    count: MockPoint.mock.callCount(),
    target: MockPoint.mock.calls[0]!.target === Point,
  }
})

sameAsNode(
  'mockImplementation, mockImplementationOnce and times change what a mock does',
  (mock) => {
    const fn = mock.fn(
      () => 'original',
      () => 'first implementation',
      { times: 3 },
    )
    const results = [fn()]
    fn.mock.mockImplementationOnce(() => 'once')
    results.push(fn())
    fn.mock.mockImplementationOnce(() => 'on call 3', 3)
    results.push(fn(), fn(), fn())
    fn.mock.mockImplementation(() => 'later')
    results.push(fn())
    return results
  },
)

sameAsNode('resetCalls forgets calls, restore goes back to the original', (mock) => {
  const fn = mock.fn(
    () => 'original',
    () => 'mocked',
  )
  fn()
  fn.mock.resetCalls()
  const afterReset = fn.mock.callCount()
  fn.mock.restore()
  return { afterReset, restored: fn(), count: fn.mock.callCount() }
})

sameAsNode('mock.method replaces a method, records calls, and restores the property', (mock) => {
  const object = {
    base: 10,
    add(n: number) {
      return this.base + n
    },
  }
  const spy = mock.method(object, 'add')
  const spied = object.add(5)
  const replaced = mock.method(object, 'add', () => 0)
  const mocked = object.add(5)
  mock.restoreAll()
  return {
    spied,
    mocked,
    restored: object.add(1),
    calls: spy.mock.callCount() + replaced.mock.callCount(),
    own: Object.getOwnPropertyDescriptor(object, 'add')?.writable,
  }
})

sameAsNode('mock.method finds methods on the prototype chain', (mock) => {
  class Base {
    greet() {
      return 'hello'
    }
  }
  const instance = new Base()
  mock.method(instance, 'greet', () => 'mocked')
  const mocked = instance.greet()
  mock.restoreAll()
  return { mocked, restored: instance.greet(), own: Object.hasOwn(instance, 'greet') }
})

sameAsNode('mock.getter and mock.setter replace accessors', (mock) => {
  let stored = 1
  const object = {
    get value() {
      return stored
    },
    set value(v: number) {
      stored = v
    },
  }
  const getter = mock.getter(object, 'value', () => 42)
  const read = object.value
  const setter = mock.setter(object, 'value', () => {})
  object.value = 7
  mock.restoreAll()
  return {
    read,
    stored,
    gets: getter.mock.callCount(),
    sets: setter.mock.calls.map((call) => call.arguments),
  }
})

sameAsNode('mock.fn refuses a non-function', (mock) => mock.fn(5 as never))
sameAsNode('mock.fn refuses bad times', (mock) => mock.fn(() => {}, { times: 0 }))
sameAsNode('mock.method refuses a missing method', (mock) => mock.method({}, 'missing' as never))
sameAsNode('mock.method refuses getter and setter together', (mock) =>
  mock.method(
    {
      get a() {
        return 1
      },
    },
    'a',
    { getter: true, setter: true },
  ),
)
sameAsNode('mock.getter refuses getter: false', (mock) =>
  mock.getter(
    {
      get a() {
        return 1
      },
    },
    'a',
    { getter: false } as never,
  ),
)
sameAsNode('mockImplementationOnce refuses a call already made', (mock) => {
  const fn = mock.fn()
  fn()
  fn.mock.mockImplementationOnce(() => {}, 0)
})

test.run()
