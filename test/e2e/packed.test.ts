/**
 * Release readiness: every package as `npm pack` makes it, installed from the tarballs into an
 * empty project (their dependencies from the registry), works there: the packed CLI serves a
 * fixture project, and the packed test runner runs a test file in Node.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { freePort, removeRoot, waitFor } from './harness.js'

const run = promisify(execFile)
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const PACKAGES = ['protocol', 'assert', 'test-runner', 'browser-client', 'server', 'cli']

async function packAll(into: string): Promise<string[]> {
  for (const name of PACKAGES) {
    await run('npm', ['pack', '--silent', '--pack-destination', into], {
      cwd: join(repo, 'packages', name),
    })
  }
  return (await readdir(into))
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(into, file))
}

test('the packed packages install into an empty project; the CLI serves it and the runner runs a test file', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'daebug-packed-'))
  try {
    const tarballs = await packAll(folder)
    assert.is(tarballs.length, PACKAGES.length, tarballs.join(', '))
    const project = join(folder, 'project')
    await mkdir(project)
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'packed-check', private: true, type: 'module' }),
    )
    await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], {
      cwd: project,
      maxBuffer: 16 * 1024 * 1024,
    })

    // The packed test runner, as a Node test file imports it.
    await writeFile(
      join(project, 'math.test.js'),
      "import { test } from '@daebug/test-runner'\nimport assert from '@daebug/assert'\ntest('adds', () => assert.equal(1 + 1, 2))\ntest('fails', () => assert.equal(1 + 1, 3))\n",
    )
    const tests = await run(process.execPath, ['--test-reporter=spec', 'math.test.js'], {
      cwd: project,
    }).catch((error: { code: number; stdout: string }) => error)
    assert.is((tests as { code?: number }).code, 1, 'one test fails on purpose')
    assert.match(tests.stdout, /✔ adds/)
    assert.match(tests.stdout, /✖ fails/)

    // The packed CLI, started as npx starts it, serves the project and its pages become realms.
    await writeFile(join(project, 'index.html'), '<!doctype html><title>Packed</title>')
    const port = await freePort()
    const bin = join(project, 'node_modules', '.bin', 'daebug')
    const child = spawn(bin, ['--port', String(port)], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    try {
      await waitFor('the packed CLI to listen', () => output.includes('Daebug serving'), 20_000)
      const page = await (await fetch(`http://localhost:${port}/`)).text()
      assert.match(page, /<script src="\/__daebug\/client\.js"><\/script>/)
      assert.is((await fetch(`http://localhost:${port}/__daebug/client.js`)).status, 200)
      assert.is(
        (await fetch(`http://localhost:${port}/__daebug/modules/test-runner/index.js`)).status,
        200,
      )
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- packed CLI output ---\n${output}`)
    } finally {
      child.kill('SIGINT')
      await new Promise((done) => child.once('exit', done))
    }
  } finally {
    await removeRoot(folder)
  }
})

test.run()
