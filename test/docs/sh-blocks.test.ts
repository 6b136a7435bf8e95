/**
 * Issue 13: every command in the `sh` blocks of README.md, docs/ and the apps' READMEs runs as
 * written, and this fails when one breaks. README.md's commands run in the repository; the others
 * run in a copy of `apps/demo` with `@daebug/cli` installed (linked to this repository's), as in a
 * reader's project. A command ends with the status its comment announces (`# exits 1: …`), else 0.
 * A command that serves (Daebug's `Daebug serving … at URL` line) must answer that URL; it keeps
 * running while the rest of its file's commands run (a second terminal), then is stopped with
 * Ctrl-C and must stop. Blocks that must not run are tagged `console`; no block is tagged `bash`
 * or `shell`, so none escapes by its tag. (docs/development.md, "The commands in the docs".)
 */
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type CommandRun,
  type DocCommand,
  docFiles,
  readDoc,
  runCommand,
  shCommands,
  stop,
  where,
} from './sh-blocks.js'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const COMMAND_MS = 180_000
/** Blocks tagged `console` (shown, not run): each needs something this machine lacks. */
const MAX_NOT_RUN = 8

const files = await docFiles(repo)
const parsed = await Promise.all(
  files.map(async (file) => ({ file, ...shCommands(file, await readDoc(repo, file)) })),
)

test('the docs’ shell blocks are tagged sh to be run, and the few that must not are tagged console', () => {
  const tags = parsed.flatMap(({ file, tags }) => tags.map((tag) => ({ file, tag })))
  assert.equal(
    tags.filter(({ tag }) => ['bash', 'shell', 'zsh', 'shell-session'].includes(tag)),
    [],
    'tag shell commands sh (run) or console (not run)',
  )
  const notRun = tags.filter(({ tag }) => tag === 'console')
  assert.ok(
    notRun.length <= MAX_NOT_RUN,
    `${notRun.length} console blocks: ${JSON.stringify(notRun)}`,
  )
  assert.ok(
    parsed.flatMap(({ commands }) => commands).length >= 10,
    'the docs have commands to run',
  )
})

/** A reader's project: a copy of the demo app with `@daebug/cli` installed (linked). */
async function readersProject(): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), 'daebug-docs-'))
  await cp(join(repo, 'apps', 'demo'), project, {
    recursive: true,
    filter: (source) => !/[\\/](daebug|daebug\.md|node_modules)$/.test(source),
  })
  await mkdir(join(project, 'node_modules', '.bin'), { recursive: true })
  await mkdir(join(project, 'node_modules', '@daebug'), { recursive: true })
  await symlink(join(repo, 'packages', 'cli'), join(project, 'node_modules', '@daebug', 'cli'))
  await symlink(
    join(repo, 'packages', 'cli', 'bin', 'daebug.js'),
    join(project, 'node_modules', '.bin', 'daebug'),
  )
  return project
}

const tail = (output: string): string => output.trimEnd().split('\n').slice(-40).join('\n')

async function runAll(commands: DocCommand[], cwd: string): Promise<void> {
  const env = {
    ...process.env,
    PATH: `${join(cwd, 'node_modules', '.bin')}:${process.env.PATH}`,
    NO_COLOR: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  }
  const servers: CommandRun[] = []
  try {
    for (const command of commands) {
      const run = await runCommand(command, cwd, env, COMMAND_MS)
      const shown = `${where(command)}: \`${command.text}\``
      console.log(
        `  ${where(command)} ${run.serving ? `serves ${run.serving}` : `exit ${run.code}`}: ${command.text.split('\n')[0]}`,
      )
      if (run.serving) {
        servers.push(run)
        const answer = await fetch(run.serving).catch((error: Error) => error)
        assert.ok(
          !(answer instanceof Error) && answer.ok,
          `${shown} serves ${run.serving}, which answered ${answer instanceof Error ? answer.message : answer.status}`,
        )
        continue
      }
      assert.is(
        run.code,
        command.expectedExit,
        `${shown} exited ${run.code}, not ${command.expectedExit}:\n${tail(run.output)}`,
      )
    }
    for (const server of servers.splice(0)) {
      const code = await stop(server.child)
      assert.ok(
        code === 0 || code === 130,
        `${where(server.command)}: \`${server.command.text}\` did not stop cleanly on Ctrl-C (exit ${code})`,
      )
    }
  } finally {
    for (const server of servers) await stop(server.child, 2000)
  }
}

for (const { file, commands } of parsed) {
  if (!commands.length) continue
  test(`every sh command in ${file} runs as written`, async () => {
    if (file === 'README.md') {
      await runAll(commands, repo)
      return
    }
    const project = await readersProject()
    try {
      await runAll(commands, project)
    } finally {
      await rm(project, { recursive: true, force: true })
    }
  })
}

test.run()
