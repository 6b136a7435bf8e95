/**
 * node:test's function and method mocks: `mock.fn()`, `mock.method()`, `mock.getter()`,
 * `mock.setter()`, `mock.reset()` and `mock.restoreAll()`, each mock carrying a `.mock` context
 * with its `calls`, `callCount()`, implementations and `restore()`.
 */

import {
  checkFunction,
  checkInteger,
  checkObject,
  invalidArgType,
  invalidArgValue,
} from './argument-errors.js'

// biome-ignore lint/suspicious/noExplicitAny: mocks wrap functions of any shape.
type AnyFunction = (...args: any[]) => any

/** One recorded call of a mock. */
export interface MockCall<F extends AnyFunction = AnyFunction> {
  arguments: Parameters<F>
  error: unknown
  result: ReturnType<F> | undefined
  stack: Error
  target: unknown
  this: unknown
}

/** Options of `mock.fn()` and `mock.method()`. */
export interface MockOptions {
  /** After this many calls, the mock goes back to the original implementation. */
  times?: number
}

/** Options of `mock.method()`. */
export interface MockMethodOptions extends MockOptions {
  /** Mock the property's getter. */
  getter?: boolean
  /** Mock the property's setter. */
  setter?: boolean
}

interface Restore {
  original?: AnyFunction
  object?: object
  methodName?: string | symbol
  descriptor?: PropertyDescriptor
}

/** The `.mock` of a mock function: its calls and its implementation. */
export class MockFunctionContext<F extends AnyFunction = AnyFunction> {
  #calls: MockCall<F>[] = []
  #once = new Map<number, AnyFunction>()
  #implementation: AnyFunction
  #restore: Restore
  #times: number

  constructor(implementation: AnyFunction, restore: Restore, times: number) {
    this.#implementation = implementation
    this.#restore = restore
    this.#times = times
  }

  /** A copy of the calls made so far. */
  get calls(): MockCall<F>[] {
    return this.#calls.slice()
  }

  /** How many calls were made. */
  callCount(): number {
    return this.#calls.length
  }

  /** Replaces the implementation. */
  mockImplementation(implementation: AnyFunction): void {
    checkFunction(implementation, 'implementation')
    this.#implementation = implementation
  }

  /** Replaces the implementation for one call: the next one, or call number `onCall`. */
  mockImplementationOnce(implementation: AnyFunction, onCall?: number): void {
    checkFunction(implementation, 'implementation')
    const next = this.#calls.length
    const call = onCall ?? next
    checkInteger(call, 'onCall', next)
    this.#once.set(call, implementation)
  }

  /** Restores the original function (or the original property, for a method mock). */
  restore(): void {
    const { descriptor, object, original, methodName } = this.#restore
    if (methodName !== undefined) Object.defineProperty(object!, methodName, descriptor!)
    else this.#implementation = original!
  }

  /** Forgets the calls made so far. */
  resetCalls(): void {
    this.#calls = []
  }

  /** @internal */
  track(call: MockCall<F>): void {
    this.#calls.push(call)
  }

  /** @internal */
  nextImplementation(): AnyFunction {
    const next = this.#calls.length
    const implementation = this.#once.get(next) ?? this.#implementation
    if (next + 1 === this.#times) this.restore()
    this.#once.delete(next)
    return implementation
  }
}

/** A mock function: the function itself, plus its `.mock` context. */
export type Mock<F extends AnyFunction = AnyFunction> = F & { mock: MockFunctionContext<F> }

function checkTimes(times: unknown): number {
  if (times === Number.POSITIVE_INFINITY) return times
  checkInteger(times, 'options.times', 1)
  return times as number
}

function findDescriptor(object: object, name: string | symbol): PropertyDescriptor | undefined {
  for (let host: object | null = object; host !== null; host = Object.getPrototypeOf(host)) {
    const descriptor = Object.getOwnPropertyDescriptor(host, name)
    if (descriptor) return descriptor
  }
  return undefined
}

const defaultImplementation = function kDefaultFunction() {}

/** Creates and restores mocks; `t.mock` restores its own when the test ends. */
export class MockTracker {
  #mocks: MockFunctionContext[] = []

  /** A mock function calling `implementation` (by default `original`, by default a no-op). */
  fn<F extends AnyFunction = AnyFunction>(
    original?: F | MockOptions,
    implementation?: AnyFunction | MockOptions,
    options?: MockOptions,
  ): Mock<F> {
    let orig: unknown = original ?? (() => {})
    let impl: unknown = implementation ?? orig
    let opts: unknown = options ?? {}
    if (orig !== null && typeof orig === 'object') {
      opts = orig
      orig = () => {}
      impl = orig
    } else if (impl !== null && typeof impl === 'object') {
      opts = impl
      impl = orig
    }
    checkFunction(orig, 'original')
    checkFunction(impl, 'implementation')
    checkObject(opts, 'options')
    const times = checkTimes((opts as MockOptions).times ?? Number.POSITIVE_INFINITY)
    const context = new MockFunctionContext<F>(
      impl as AnyFunction,
      { original: orig as AnyFunction },
      times,
    )
    return this.#setup(context, orig as F)
  }

  /** Replaces `object[methodName]` (or its getter or setter) with a mock. */
  method<T extends object, K extends keyof T & (string | symbol)>(
    object: T,
    methodName: K,
    implementation?: AnyFunction | MockMethodOptions,
    options?: MockMethodOptions,
  ): Mock<AnyFunction> {
    if (typeof methodName !== 'string' && typeof methodName !== 'symbol') {
      throw invalidArgType('methodName', 'one of type string or symbol', methodName)
    }
    if (typeof object !== 'function') checkObject(object, 'object')
    let impl: unknown = implementation ?? defaultImplementation
    let opts: unknown = options ?? {}
    if (impl !== null && typeof impl === 'object') {
      opts = impl
      impl = defaultImplementation
    }
    checkFunction(impl, 'implementation')
    checkObject(opts, 'options')
    const { getter = false, setter = false } = opts as MockMethodOptions
    const times = checkTimes((opts as MockOptions).times ?? Number.POSITIVE_INFINITY)
    if (getter && setter) {
      throw invalidArgValue('options.setter', setter, "cannot be used with 'options.getter'")
    }
    const descriptor = findDescriptor(object, methodName)
    const original = getter ? descriptor?.get : setter ? descriptor?.set : descriptor?.value
    if (typeof original !== 'function')
      throw invalidArgValue('methodName', original, 'must be a method')
    const restore: Restore = { descriptor, object, methodName }
    const chosen = impl === defaultImplementation ? original : (impl as AnyFunction)
    const mock = this.#setup(new MockFunctionContext(chosen, restore, times), original)
    const replacement: PropertyDescriptor = {
      configurable: descriptor!.configurable,
      enumerable: descriptor!.enumerable,
    }
    if (getter) Object.assign(replacement, { get: mock, set: descriptor!.set })
    else if (setter) Object.assign(replacement, { get: descriptor!.get, set: mock })
    else Object.assign(replacement, { writable: descriptor!.writable, value: mock })
    Object.defineProperty(object, methodName, replacement)
    return mock
  }

  /** `method()` for a property's getter. */
  getter<T extends object, K extends keyof T & (string | symbol)>(
    object: T,
    name: K,
    implementation?: AnyFunction | MockOptions,
    options?: MockOptions,
  ): Mock<AnyFunction> {
    return this.#accessor('getter', object, name, implementation, options)
  }

  /** `method()` for a property's setter. */
  setter<T extends object, K extends keyof T & (string | symbol)>(
    object: T,
    name: K,
    implementation?: AnyFunction | MockOptions,
    options?: MockOptions,
  ): Mock<AnyFunction> {
    return this.#accessor('setter', object, name, implementation, options)
  }

  /** Restores every mock and forgets them. */
  reset(): void {
    this.restoreAll()
    this.#mocks = []
  }

  /** Restores every mock made by this tracker (they keep their calls). */
  restoreAll(): void {
    for (const context of this.#mocks) context.restore()
  }

  #accessor(
    kind: 'getter' | 'setter',
    object: object,
    name: string | symbol,
    implementation: unknown,
    options: unknown,
  ): Mock<AnyFunction> {
    let opts: unknown = options ?? {}
    let impl = implementation
    if (impl !== null && typeof impl === 'object') {
      opts = impl
      impl = undefined
    } else {
      checkObject(opts, 'options')
    }
    const flag = (opts as Record<string, unknown>)[kind] ?? true
    if (flag === false) throw invalidArgValue(`options.${kind}`, flag, 'cannot be false')
    return this.method(object as Record<string | symbol, unknown>, name, impl as AnyFunction, {
      ...(opts as MockMethodOptions),
      [kind]: flag,
    })
  }

  #setup<F extends AnyFunction>(context: MockFunctionContext<F>, target: F): Mock<F> {
    const mock = new Proxy(target, {
      apply: (_target, thisArg, args) =>
        callAndTrack(
          context,
          args,
          (implementation) => Reflect.apply(implementation, thisArg, args),
          undefined,
          () => thisArg,
        ),
      construct: (proxied, args, newTarget) =>
        callAndTrack(
          context,
          args,
          (implementation) => Reflect.construct(implementation, args, newTarget),
          proxied,
          (result) => result,
        ) as object,
      get(proxied, property, receiver) {
        if (property === 'mock') return context
        return Reflect.get(proxied, property, receiver)
      },
    })
    this.#mocks.push(context as unknown as MockFunctionContext)
    return mock as Mock<F>
  }
}

/**
 * Calls the mock's next implementation and records the call, also when it throws: `target` is
 * the constructor for `new` calls, and `thisOf` gives the call's `this` (for `new`, its result).
 */
function callAndTrack<F extends AnyFunction>(
  context: MockFunctionContext<F>,
  args: unknown[],
  invoke: (implementation: AnyFunction) => unknown,
  target: F | undefined,
  thisOf: (result: unknown) => unknown,
): unknown {
  const implementation = context.nextImplementation()
  let result: unknown
  let error: unknown
  try {
    result = invoke(implementation)
  } catch (thrown) {
    error = thrown
    throw thrown
  } finally {
    context.track({
      arguments: args as Parameters<F>,
      error,
      result: result as ReturnType<F>,
      stack: new Error(),
      target,
      this: thisOf(result),
    })
  }
  return result
}
