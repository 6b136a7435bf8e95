/**
 * `daebug init`: writes the agent guide (agent-guide.ts) into the project's agent instruction
 * file, `AGENTS.md` unless `--file` names another (`CLAUDE.md`, `.github/copilot-instructions.md`).
 * Run again, it replaces the guide it wrote; the rest of the file is left as it is.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import { AGENT_GUIDE, GUIDE_END, GUIDE_START } from './agent-guide.js'
import type { Output } from './main.js'

/** What `daebug init` was asked for. */
export interface InitSettings {
  root: string
  /** The instruction file, relative to the root (default `AGENTS.md`). */
  file: string
}

/** The instruction file's text with the guide put in, or put in again in place of the old one. */
export function withGuide(text: string | undefined): string {
  const section = `${GUIDE_START}\n${AGENT_GUIDE}${GUIDE_END}\n`
  if (text === undefined || text.trim() === '') return section
  const start = text.indexOf(GUIDE_START)
  const end = text.indexOf(GUIDE_END, start)
  if (start !== -1 && end !== -1) {
    const after = text.slice(end + GUIDE_END.length).replace(/^\n/, '')
    return `${text.slice(0, start)}${section}${after}`
  }
  return `${text.replace(/\n*$/, '\n\n')}${section}`
}

/** Writes the guide and says where; exit code 0. */
export async function runInitCommand(settings: InitSettings, output: Output): Promise<number> {
  const path = resolve(settings.root, settings.file)
  const before = await readFile(path, 'utf8').catch(() => undefined)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, withGuide(before))
  const verb = before?.includes(GUIDE_START) ? 'updated' : 'wrote'
  const shown = relative('.', path)
  output.out(
    `daebug: ${verb} the Daebug guide for agents in ${shown.startsWith('..') ? path : shown}`,
  )
  return 0
}
