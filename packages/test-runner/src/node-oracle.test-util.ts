/// <reference types="node" />
/**
 * Runs a fixture test file under Node's own node:test (the oracle) and under this runner, and
 * describes both event streams as comparable lines: type, nesting, name, test number, outcome,
 * skip/todo, failure type and message, location. Durations and absolute paths are left out.
 *
 * Fixtures (src/fixtures/*.mjs) import `node:test`; for this runner a copy imports the package's
 * source instead, with the same lines and columns.
 */

import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { TestEvent } from '@daebug/protocol'
import { type RunOptions, run } from './run.js'

const HERE = dirname(fileURLToPath(import.meta.url))
/** The folder of the fixture files. */
export const FIXTURES: string = join(HERE, 'fixtures')
const REPORTER = join(FIXTURES, 'json-lines-reporter.mjs')
const SOURCE_ENTRY = pathToFileURL(join(HERE, 'index.ts')).href
const COPIES = join(tmpdir(), `daebug-test-runner-${process.pid}`)

/** An event as JSON-lines carry it (errors made plain). */
export interface PlainEvent {
  type: string
  data: Record<string, unknown> & { details?: Record<string, unknown> }
}

function plainError(error: unknown): unknown {
  if (error === null || typeof error !== 'object') return { message: String(error) }
  const { name, message, code, failureType, cause } = error as Record<string, unknown>
  return {
    name,
    message,
    code,
    failureType,
    cause: cause !== null && typeof cause === 'object' ? (cause as Error).message : cause,
  }
}

/** An event of this runner made plain like the reporter's lines. */
export function plainEvent(event: TestEvent): PlainEvent {
  const data = { ...(event.data as unknown as Record<string, unknown>) } as PlainEvent['data']
  if (data.details !== undefined) {
    data.details = { ...data.details }
    if (data.details.error !== undefined) data.details.error = plainError(data.details.error)
  }
  return JSON.parse(JSON.stringify({ type: event.type, data }))
}

/** The output and exit code of a command. */
export interface Spawned {
  stdout: string
  stderr: string
  code: number | null
}

/** Runs a command to its end. */
export function spawnToEnd(command: string, args: string[], cwd: string = HERE): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', NODE_TEST_CONTEXT: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ stdout, stderr, code }))
  })
}

/**
 * node:test's events for fixture files: in-process (`node --test-reporter=…` on one file, like a
 * file run on its own), or with `--test` (one process per file, as node's `run()` does).
 */
export async function nodeEvents(files: string[], args: string[] = []): Promise<PlainEvent[]> {
  const paths = files.map((file) => join(FIXTURES, file))
  const { stdout, stderr } = await spawnToEnd(process.execPath, [
    ...args,
    `--test-reporter=${REPORTER}`,
    ...paths,
  ])
  const lines = stdout.split('\n').filter((line) => line.startsWith('{'))
  if (lines.length === 0) throw new Error(`node --test printed no events:\n${stdout}\n${stderr}`)
  return lines.map((line) => JSON.parse(line) as PlainEvent)
}

/** Writes a test file (source importing `node:test`) that imports this runner's source instead. */
export function writeTestFile(name: string, source: string): string {
  mkdirSync(COPIES, { recursive: true })
  const path = join(COPIES, name)
  writeFileSync(path, source.replaceAll("'node:test'", `'${SOURCE_ENTRY}'`))
  return path
}

/** A copy of a fixture that imports this runner's source in place of `node:test`. */
export function fixtureCopy(file: string): string {
  return writeTestFile(basename(file), readFileSync(join(FIXTURES, file), 'utf8'))
}

/** This runner's events for fixture files, through `run()`. */
export async function ourEvents(files: string[], options: RunOptions = {}): Promise<PlainEvent[]> {
  const events: PlainEvent[] = []
  for await (const event of run({ ...options, files: files.map(fixtureCopy) })) {
    events.push(plainEvent(event))
  }
  return events
}

/** Options of {@link describeEvents}. */
export interface DescribeOptions {
  /** Leave out `test:summary` (Node 20 has none). */
  withoutSummary?: boolean
  /** Leave out these event types. */
  without?: string[]
}

/** One line per event, with what both runners must agree on. */
export function describeEvents(events: PlainEvent[], options: DescribeOptions = {}): string[] {
  const lines: string[] = []
  for (const { type, data } of events) {
    if (options.without?.includes(type)) continue
    if (type === 'test:summary' && options.withoutSummary) continue
    if (type === 'test:stdout' || type === 'test:stderr') continue
    let line = `${type} ${data.nesting ?? ''}`
    if (data.name !== undefined)
      line += ` ${JSON.stringify(data.name).replace(/"[^"]*\/([^/"]+)"/, '"$1"')}`
    if (data.testNumber !== undefined) line += ` #${data.testNumber}`
    if (data.count !== undefined) line += ` count=${data.count}`
    if (data.message !== undefined) {
      const message = String(data.message).replace(/^duration_ms .*/, 'duration_ms *')
      line += ` ${JSON.stringify(message)}`
    }
    if (data.skip !== undefined) line += ` skip=${JSON.stringify(data.skip)}`
    if (data.todo !== undefined) line += ` todo=${JSON.stringify(data.todo)}`
    const details = data.details
    if (details?.type !== undefined) line += ` (${details.type})`
    if (details?.passed !== undefined) line += ` passed=${details.passed}`
    const error = details?.error as Record<string, unknown> | undefined
    if (error !== undefined) {
      line += ` [${error.failureType} ${JSON.stringify(error.message)} <- ${JSON.stringify(error.cause)}]`
    }
    if (data.line !== undefined) line += ` @${data.line}:${data.column}`
    if (typeof data.file === 'string' && type !== 'test:summary') line += ` ${basename(data.file)}`
    if (type === 'test:summary') {
      const summary = data as unknown as { success: boolean; counts: object; file?: string }
      line += ` success=${summary.success} ${JSON.stringify(summary.counts)}`
      if (summary.file !== undefined) line += ` ${basename(summary.file)}`
    }
    lines.push(line)
  }
  return lines
}
