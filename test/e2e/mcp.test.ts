/**
 * `daebug mcp` (issue 9) driven by the MCP SDK's own client over stdio, as an agent's host would:
 * it lists the tools, evaluates code in the demo page and runs the demo's tests.
 */
import { cp, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { launchBrowser, makeRoot, removeRoot, waitFor, waitForRealms } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const DEMO = join(here, '..', '..', 'apps', 'demo')
const CLI = join(here, '..', '..', 'packages', 'cli', 'bin', 'daebug.js')

type TextResult = { content: Array<{ type: string; text: string }>; isError?: boolean }
const textOf = (result: unknown): string =>
  (result as TextResult).content.map((part) => part.text).join('')

test('an MCP client lists the tools, evaluates code in the demo page and runs its tests', async () => {
  const root = await makeRoot()
  await cp(DEMO, root, { recursive: true })
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp'],
    cwd: root,
    stderr: 'pipe',
  })
  const client = new Client({ name: 'e2e', version: '1.0.0' })
  const browser = await launchBrowser()
  try {
    await client.connect(transport)
    const { tools } = await client.listTools()
    assert.equal(tools.map((tool) => tool.name).sort(), [
      'eval',
      'list_realms',
      'read_log',
      'run_tests',
    ])
    const evalTool = tools.find((tool) => tool.name === 'eval')!
    assert.equal(evalTool.inputSchema.required, ['code'])

    // No server ran for the root: `daebug mcp` started one, and says where in daebug/.server.json.
    const info = await waitFor('daebug/.server.json', async () =>
      JSON.parse(await readFile(join(root, 'daebug', '.server.json'), 'utf8')),
    )
    await (await browser.newPage()).goto(info.url)
    const [realm] = (await waitForRealms(root)) as [string]

    const listed = textOf(await client.callTool({ name: 'list_realms', arguments: {} }))
    assert.match(
      listed,
      new RegExp(`^${realm} \\(page, live\\) ${info.url} "Daebug demo: counter"`, 'm'),
    )

    const value = await client.callTool({ name: 'eval', arguments: { code: 'document.title' } })
    assert.match(textOf(value), new RegExp(`^"Daebug demo: counter"\\n\\(${realm}, \\d+ms\\)$`))
    const thrown = (await client.callTool({
      name: 'eval',
      arguments: { code: 'nope()' },
    })) as TextResult
    assert.is(thrown.isError, true)
    assert.match(textOf(thrown), /^ReferenceError: nope is not defined/)

    const report = textOf(await client.callTool({ name: 'run_tests', arguments: {} }))
    assert.match(
      report,
      /^## Test Results: 4 pass, 1 fail, 1 skip, 1 todo \(\d+ms\)\n\n✗ counter › reset keeps the step/,
    )
    assert.match(report, /\n4 passed, 1 failed, 1 skipped, 1 todo \(\d+ms\) in \S+$/)

    const bad = (await client
      .callTool({ name: 'eval', arguments: { code: 42 } })
      .catch((error: Error) => ({
        content: [{ type: 'text', text: error.message }],
        isError: true,
      }))) as TextResult
    assert.is(bad.isError, true)
    assert.match(textOf(bad), /code/)
    const unknown = (await client.callTool({
      name: 'eval',
      arguments: { code: '1', realm: 'nosuch' },
    })) as TextResult
    assert.is(unknown.isError, true)
    assert.match(textOf(unknown), /^No connected realm matches 'nosuch'\. Realms: /)

    const log = textOf(await client.callTool({ name: 'read_log', arguments: { realm, tail: 3 } }))
    assert.match(log, /Append your JavaScript snippet below/)
  } finally {
    await client.close().catch(() => {})
    await browser.close()
    await removeRoot(root)
  }
})

test.run()
