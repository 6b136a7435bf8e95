/**
 * Where a standalone file's report goes (SPEC §5.5). By default the spec reporter prints to the
 * console (in Node and Bun to stdout). In Node and Bun the report honours `--test-reporter` and
 * `--test-reporter-destination` as `node file.mjs` with node:test does: several reporters, each
 * with its destination (`stdout`, `stderr` or a file path); a name that is not a built-in
 * reporter is a module whose default export is an async generator over the events.
 */

import { TEST_EVENT_TYPES, type TestEvent, type TestEventType } from '@daebug/protocol'
import { baseUrl, type CommandLineFlags, type HostProcess, hostProcess } from './host.js'
import type { ReporterOptions } from './reporters/reporter.js'
import {
  createLineReporter,
  createReporter,
  isReporterName,
  type ReporterName,
} from './reporters/reporters.js'
import { TestsStream } from './tests-stream.js'

interface Output {
  write(text: string): void
  end(): void
}

const FLUSH_AT = 64 * 1024

// One write per task instead of one per event: a run of 10,000 tests would otherwise spend
// most of its time in `write` system calls (stdout to a file or pipe is synchronous in Node).
function batched(write: (text: string) => unknown): Output {
  let pending = ''
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    if (pending === '') return
    const text = pending
    pending = ''
    write(text)
  }
  return {
    write(text) {
      if (text === '') return
      pending += text
      if (pending.length >= FLUSH_AT) flush()
      else if (!scheduled) {
        scheduled = true
        setTimeout(flush, 0)
      }
    },
    end: flush,
  }
}

interface FileSystem {
  openSync(path: string, flags: string): number
  writeSync(fd: number, text: string): number
  closeSync(fd: number): void
}

function fileOutput(process: HostProcess, path: string): Output {
  const fs = process.getBuiltinModule?.('node:fs') as FileSystem | undefined
  if (fs === undefined) {
    throw new Error(
      `--test-reporter-destination=${path}: writing a report to a file needs process.getBuiltinModule (Node 20.16 or later); use stdout or stderr`,
    )
  }
  const fd = fs.openSync(path, 'w')
  const output = batched((text) => fs.writeSync(fd, text))
  return {
    write: output.write,
    end() {
      output.end()
      fs.closeSync(fd)
    },
  }
}

function processOutput(process: HostProcess, destination: string): Output {
  if (destination === 'stdout' || destination === 'stderr') {
    const stream = process[destination]
    if (typeof stream?.write === 'function') return batched((text) => stream.write!(text))
    throw new Error(
      `--test-reporter-destination=${destination}: this runtime has no process.${destination}`,
    )
  }
  return fileOutput(process, destination)
}

function invalidReporterFlags(reporters: string[], destinations: string[]): TypeError {
  const error = new TypeError(
    `The number of --test-reporter flags (${reporters.length}: ${reporters.join(', ')}) must match the number of --test-reporter-destination flags (${destinations.length}); give one destination per reporter, or a single reporter alone (it writes to stdout)`,
  )
  ;(error as { code?: string }).code = 'ERR_INVALID_ARG_VALUE'
  return error
}

/** The reporters and their destinations, paired as Node pairs them (SPEC §5.5). */
function reporterPairs(flags: CommandLineFlags): Array<[string, string]> {
  const { reporters, destinations } = flags
  if (reporters.length === 0 && destinations.length === 0) return [['spec', 'stdout']]
  if (reporters.length === 1 && destinations.length === 0) return [[reporters[0]!, 'stdout']]
  if (reporters.length !== destinations.length) throw invalidReporterFlags(reporters, destinations)
  return reporters.map((reporter, index) => [reporter, destinations[index]!])
}

/** Calls `listener` with every event of the stream (or of `types`), in order, as `{ type, data }`. */
function onEveryEvent(
  stream: TestsStream,
  listener: (event: TestEvent) => void,
  types: readonly TestEventType[] = TEST_EVENT_TYPES,
): void {
  for (const type of types) {
    stream.on(type, (data) => listener({ type, data } as TestEvent))
  }
}

type CustomReporter = (events: AsyncIterable<TestEvent>) => AsyncIterable<unknown>

async function loadReporter(specifier: string): Promise<CustomReporter> {
  if (specifier === 'lcov') {
    throw new Error(
      '--test-reporter=lcov reports coverage, which @daebug/test-runner does not collect; use spec, tap, dot, junit, json or markdown',
    )
  }
  const relative = /^\.{0,2}\/|^[A-Za-z]:[\\/]/.test(specifier)
  const url = relative ? new URL(specifier, baseUrl()).href : specifier
  const module = (await import(/* @vite-ignore */ url)) as { default?: unknown }
  const reporter = module.default
  if (typeof reporter !== 'function') {
    throw new TypeError(
      `--test-reporter=${specifier}: the module's default export must be a reporter (an async generator function over the test events), not ${typeof reporter}`,
    )
  }
  return reporter as CustomReporter
}

function customReporter(stream: TestsStream, specifier: string, output: Output): void {
  const events = new TestsStream()
  onEveryEvent(stream, (event) => events.emit(event.type, event.data as never))
  stream.finished.then(() => events.end())
  const pipe = async (): Promise<void> => {
    const reporter = await loadReporter(specifier)
    for await (const chunk of reporter(events)) output.write(String(chunk))
    output.end()
  }
  pipe().catch((error: unknown) => {
    output.end()
    // The report is lost, so the run must not pass: the error surfaces as an uncaught one.
    setTimeout(() => {
      throw error
    }, 0)
  })
}

/** Returns whether the reporter shows where tests were declared. */
function builtinReporter(
  stream: TestsStream,
  name: ReporterName,
  output: Output,
  options: ReporterOptions,
): boolean {
  const reporter = createReporter(name, options)
  onEveryEvent(stream, (event) => output.write(reporter.push(event)), reporter.reads)
  stream.finished.then(() => {
    output.write(reporter.end())
    output.end()
  })
  return reporter.locations !== false
}

/**
 * Sends a standalone run's events to its reporters: the `--test-reporter` flags in Node and Bun,
 * else the spec reporter, a line at a time, to `console.log`. Returns whether any of them shows
 * where tests were declared (custom reporters might).
 */
export function reportStandalone(
  stream: TestsStream,
  flags: CommandLineFlags,
  options: ReporterOptions = {},
): boolean {
  const process = hostProcess()
  if (process?.stdout?.write === undefined) {
    const reporter = createLineReporter('spec', (line) => console.log(line), options)
    onEveryEvent(stream, (event) => reporter.push(event))
    stream.finished.then(() => reporter.end())
    return true
  }
  let locations = false
  for (const [name, destination] of reporterPairs(flags)) {
    const output = processOutput(process, destination)
    if (isReporterName(name)) {
      locations = builtinReporter(stream, name, output, options) || locations
    } else {
      customReporter(stream, name, output)
      locations = true
    }
  }
  return locations
}
