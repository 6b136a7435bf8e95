/**
 * The `sh` code blocks of the README and the docs, read as the commands a reader would type, and
 * run as they are written (docs/development.md, "The commands in the docs").
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** One command of an `sh` block: its text (continuations joined) and where it is. */
export interface DocCommand {
  /** The Markdown file, relative to the repository. */
  file: string
  line: number
  text: string
  /** The exit status its trailing comment announces (`# exits 1: …`), else 0. */
  expectedExit: number
}

/** A fenced block's opening line: its fence and its language tag. */
const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)/

/**
 * The commands of every `sh` block in `text`, and the tags of its other fenced blocks (outer
 * fences only: a block shown inside a longer fence is text).
 */
export function shCommands(file: string, text: string): { commands: DocCommand[]; tags: string[] } {
  const lines = text.split('\n')
  const commands: DocCommand[] = []
  const tags: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (!open) continue
    const [, fence, tag = ''] = open
    tags.push(tag)
    let end = i + 1
    while (end < lines.length && !closes(lines[end]!, fence!)) end++
    if (tag === 'sh') commands.push(...blockCommands(file, lines.slice(i + 1, end), i + 2))
    i = end
  }
  return { commands, tags }
}

function closes(line: string, fence: string): boolean {
  const trimmed = line.trimEnd()
  return trimmed.startsWith(fence) && /^[`~]+$/.test(trimmed) && trimmed[0] === fence[0]
}

function blockCommands(file: string, lines: string[], firstLine: number): DocCommand[] {
  const commands: DocCommand[] = []
  let pending: { text: string; line: number } | undefined
  lines.forEach((raw, index) => {
    const line = firstLine + index
    if (!pending && (raw.trim() === '' || raw.trimStart().startsWith('#'))) return
    const text = pending ? `${pending.text}\n${raw}` : raw
    const start = pending?.line ?? line
    if (raw.endsWith('\\')) {
      pending = { text, line: start }
      return
    }
    pending = undefined
    const exit = /#[^'"]*\bexits? (\d+)\b/.exec(text.split('\n').at(-1)!)
    commands.push({ file, line: start, text, expectedExit: exit ? Number(exit[1]) : 0 })
  })
  return commands
}

/** README.md, and every Markdown file under `docs/` and `apps/*` (not `node_modules`). */
export async function docFiles(repo: string): Promise<string[]> {
  const found = ['README.md']
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(join(repo, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'daebug') await walk(path)
      } else if (entry.name.endsWith('.md') && entry.name !== 'daebug.md') found.push(path)
    }
  }
  await walk('docs')
  await walk('apps')
  return found.sort()
}

/** What a command did. */
export interface CommandRun {
  command: DocCommand
  /** Its exit status, or undefined while it still serves. */
  code: number | null | undefined
  output: string
  /** The URL it serves at, when it printed Daebug's serving line. */
  serving?: string
  child: ChildProcess
}

const SERVING = /Daebug serving .* at (https?:\/\/\S+?)\/? /

/**
 * Whether a server's output shows it ready: it serves, and when it opened a browser
 * (`--headless`, `--connect…`), that browser's page and the page's worker have connected (the
 * `+ <realm> (<url>)` lines).
 */
function ready(command: DocCommand, output: string): string | undefined {
  const serving = SERVING.exec(output)?.[1]
  if (!serving || !/--(headless|connect)/.test(command.text)) return serving
  const page = /^\+ (\S+) \(https?:/m.exec(output)?.[1]
  if (!page) return undefined
  const worker = /--no-worker/.test(command.text) || output.includes(`+ ${page}-webworker (`)
  return worker ? serving : undefined
}

/**
 * Runs a command with bash in `cwd`. It ends with its exit status, or, when it prints Daebug's
 * serving line first (it is a server), with the URL it serves at once it is ready, while it keeps
 * running.
 */
export function runCommand(
  command: DocCommand,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<CommandRun> {
  // Its own process group: a server is stopped with everything it started.
  const child = spawn('bash', ['-c', command.text], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve) => {
    const done = (run: Omit<CommandRun, 'command' | 'output' | 'child'>) => {
      clearTimeout(timer)
      resolve({ command, output, child, ...run })
    }
    const timer = setTimeout(() => {
      output += `\n[not ended after ${timeoutMs / 1000}s: stopped]`
      stop(child)
    }, timeoutMs)
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const serving = ready(command, output)
      if (serving) done({ code: undefined, serving })
    }
    child.stdout!.on('data', take)
    child.stderr!.on('data', take)
    child.once('close', (code, signal) => done({ code: code ?? (signal ? -1 : null) }))
  })
}

/** Stops a command's whole process group with Ctrl-C, as a reader would; resolves with its status. */
export function stop(child: ChildProcess, graceMs = 15_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    const kill = setTimeout(() => signal(child, 'SIGKILL'), graceMs)
    child.once('close', (code, how) => {
      clearTimeout(kill)
      resolve(code ?? (how === 'SIGINT' ? 130 : -1))
    })
    signal(child, 'SIGINT')
  })
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, name)
  } catch {}
}

/** Where a command is, for messages: `docs/cli.md:12`. */
export function where(command: DocCommand): string {
  return `${command.file}:${command.line}`
}

/** Reads a file of the repository. */
export function readDoc(repo: string, file: string): Promise<string> {
  return readFile(join(repo, file), 'utf8')
}
