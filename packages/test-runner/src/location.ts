/**
 * Where a test or hook was declared: the caller of `test()`, `it()`, `before()`, … as
 * `{ file, line, column }` (1-based, like Node's `getCallerLocation`). `file:` URLs become paths,
 * as Node reports them; other URLs stay URLs.
 */

import type { TestLocation } from '@daebug/protocol'

interface CallSite {
  getFileName(): string | null | undefined
  getLineNumber(): number | null
  getColumnNumber(): number | null
}

type PrepareStackTrace = (error: Error, frames: CallSite[]) => unknown
// biome-ignore lint/complexity/noBannedTypes: V8's API takes any function.
type CaptureStackTrace = (target: object, skip?: Function) => void

interface V8ErrorConstructor {
  captureStackTrace?: CaptureStackTrace
  prepareStackTrace?: PrepareStackTrace
  stackTraceLimit?: number
}

const V8Error = Error as unknown as V8ErrorConstructor
const returnFrames: PrepareStackTrace = (_error, frames) => frames
const FRAME = /(?:@|\(|at )?([^\s@()]+?):(\d+):(\d+)\)?\s*$/

let useCallSites = typeof V8Error.captureStackTrace === 'function'

// A file loaded again carries `?daebug-run=N` (see test-files.ts); reports leave it out.
const RELOAD_QUERY = /[?&]daebug-run=\d+(?=$|&)/

function withoutReloadQuery(file: string): string {
  return file
    .replace(RELOAD_QUERY, (match) => (match.startsWith('?') ? '?' : ''))
    .replace(/\?$/, '')
}

const reported = new Map<string, string>()

/** Node reports `file:` URLs as paths; everything else (http URLs in browsers) stays as is. */
export function fileForReport(file: string): string {
  let shown = reported.get(file)
  if (shown === undefined) {
    shown = reportedFile(file)
    reported.set(file, shown)
  }
  return shown
}

function reportedFile(file: string): string {
  const shown = withoutReloadQuery(file)
  if (!shown.startsWith('file://')) return shown
  let path = decodeURIComponent(new URL(shown).pathname)
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1).replaceAll('/', '\\')
  return path
}

// With the API function known, V8 collects the one frame above it. Without it, the caller is the
// fourth frame: this function, callerLocation, the API function, then its caller.
// biome-ignore lint/complexity/noBannedTypes: V8's API takes any function.
function fromCallSites(api: Function | undefined): TestLocation | undefined | null {
  const holder: { stack?: unknown } = {}
  const { prepareStackTrace, stackTraceLimit } = V8Error
  V8Error.prepareStackTrace = returnFrames
  try {
    let frames: unknown
    if (api !== undefined) {
      V8Error.stackTraceLimit = 1
      V8Error.captureStackTrace!(holder, api)
      frames = holder.stack
    }
    let frame = Array.isArray(frames) ? (frames[0] as CallSite | undefined) : undefined
    if (frame === undefined) {
      V8Error.stackTraceLimit = 4
      V8Error.captureStackTrace!(holder)
      frames = holder.stack
      if (!Array.isArray(frames)) return null
      frame = frames[3] as CallSite | undefined
    }
    const file = frame?.getFileName()
    if (!frame || !file) return undefined
    return {
      line: frame.getLineNumber() ?? 1,
      column: frame.getColumnNumber() ?? 1,
      file: fileForReport(file),
    }
  } finally {
    V8Error.prepareStackTrace = prepareStackTrace
    V8Error.stackTraceLimit = stackTraceLimit
  }
}

// Without V8's call sites, the caller is the fourth frame of the text: this function,
// callerLocation, the API function that called it, then its caller.
function fromStackText(): TestLocation | undefined {
  const lines = (new Error().stack ?? '').split('\n').filter((line) => FRAME.test(line))
  return frameLocation(lines[3] ?? '')
}

/**
 * The location in one line of a stack, as V8 (`    at f (url:1:2)`), SpiderMonkey and
 * JavaScriptCore (`f@url:1:2`) write them.
 */
export function frameLocation(frame: string): TestLocation | undefined {
  const match = FRAME.exec(frame)
  if (!match) return undefined
  return { line: Number(match[2]), column: Number(match[3]), file: fileForReport(match[1]!) }
}

/**
 * The location of the code that called `api`, the API function that calls this one directly
 * (without `api`, or where the engine cannot skip to it, the frames are counted).
 */
// biome-ignore lint/complexity/noBannedTypes: V8's API takes any function.
export function callerLocation(api?: Function): TestLocation | undefined {
  try {
    if (useCallSites) {
      const location = fromCallSites(api)
      if (location !== null) return location
      useCallSites = false
    }
    return fromStackText()
  } catch {
    return undefined
  }
}
