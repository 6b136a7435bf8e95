/**
 * The attack suite (issue 10, SPEC §7): a page of a foreign site (`http://attacker.test:<port>`,
 * mapped to 127.0.0.1 by Chromium's `--host-resolver-rules`) tries every way into a running
 * Daebug server while the developer's page is connected; DNS rebinding, path traversal, and a
 * server bound beyond loopback without its token are tried from Node. Every attempt must be
 * refused. The suite prints `attacks refused: N/N`.
 */

import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { dirname, join } from 'node:path'
import type { Page } from 'playwright-core'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  launchBrowser,
  makeRoot,
  removeRoot,
  type ServerProcess,
  startServer,
  waitFor,
  waitForRealms,
} from '../e2e/harness.js'

let tried = 0
let refused = 0
const failures: string[] = []

/** Counts one attack; `blocked` says whether it was refused. */
function attack(name: string, blocked: boolean, detail = ''): void {
  tried++
  if (blocked) refused++
  else failures.push(`${name}${detail ? `: ${detail}` : ''}`)
}

const SECRET_FILES = {
  'index.html': '<!doctype html><html><head><title>victim</title></head><body></body></html>',
  'src/secret.js': 'window.SECRET = "SECRET_SOURCE"\n',
  'style.css': 'body { --secret: "SECRET_STYLE" }\n',
  '.env': 'API_KEY=SECRET_ENV\n',
  '.git/config': '[remote "origin"] url = SECRET_GIT\n',
  'a.test.js': "import { test } from 'node:test'\ntest('a', () => {})\n",
}
const SECRET = /SECRET_(SOURCE|STYLE|ENV|GIT|OUTSIDE)/

/** A foreign site's server: it serves an empty page at any path. */
async function attackerSite(): Promise<{ server: Server; port: number }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end('<!doctype html><html><head><title>attacker</title></head><body></body></html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return { server, port: typeof address === 'object' && address ? address.port : 0 }
}

/** The in-page attacks (a script, as the page runs it): each result is what the page could observe. */
const IN_PAGE = `async (victim) => {
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  const tag = (name, attribute, url) =>
    new Promise((resolve) => {
      const element = document.createElement(name)
      element.addEventListener('load', () => resolve('loaded'))
      element.addEventListener('error', () => resolve('error'))
      element.setAttribute(attribute, url)
      if (name === 'link') element.setAttribute('rel', 'stylesheet')
      document.head.append(element)
      setTimeout(() => resolve('timeout'), 5000)
    })
  const socket = (url) =>
    new Promise((resolve) => {
      const ws = new WebSocket(url)
      ws.onopen = () => {
        ws.close()
        resolve('open')
      }
      ws.onerror = () => resolve('error')
      setTimeout(() => resolve('timeout'), 5000)
    })
  const read = async (url, init) => {
    try {
      const response = await fetch(url, init)
      return response.type === 'opaque'
        ? 'opaque'
        : \`read \${response.status} \${await response.text()}\`
    } catch (error) {
      return \`rejected \${error.name}\`
    }
  }
  const ws = victim.replace('http', 'ws')
  const results = {}
  results.clientScript = await tag('script', 'src', \`\${victim}/__daebug/client.js\`)
  results.workerScript = await tag('script', 'src', \`\${victim}/__daebug/worker.js\`)
  results.imgRealms = await tag('img', 'src', \`\${victim}/__daebug/api/realms\`)
  results.imgRegistry = await tag('img', 'src', \`\${victim}/__daebug/api/registry\`)
  results.projectScript = await tag('script', 'src', \`\${victim}/src/secret.js\`)
  results.projectStyle = await tag('link', 'href', \`\${victim}/style.css\`)
  results.realmSocket = await socket(\`\${ws}/__daebug/realm\`)
  results.relaySocket = await socket(\`\${ws}/__daebug/ws\`)
  const noCors = (method, body) => ({
    method,
    mode: 'no-cors',
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'text/plain' } }),
  })
  results.postEval = await read(
    \`\${victim}/__daebug/api/realms/x/eval\`,
    noCors('POST', '{"code":"document.title = \\\\"pwned\\\\""}'),
  )
  results.postAppend = await read(
    \`\${victim}/__daebug/api/realms/x/append\`,
    noCors('POST', '\`\`\`js\\ndocument.title = "pwned"\\n\`\`\`\\n'),
  )
  results.forgedResult = await read(
    \`\${victim}/__daebug/realm/send\`,
    noCors('POST', '{"type":"result","jobId":"x"}'),
  )
  results.openRealm = await read(\`\${victim}/__daebug/realm/open\`, noCors('POST', '{}'))
  results.readLog = await read(\`\${victim}/__daebug/api/realms/x/log\`)
  results.readLogNoCors = await read(\`\${victim}/__daebug/api/realms/x/log\`, { mode: 'no-cors' })
  results.readRegistry = await read(\`\${victim}/daebug.md\`, { mode: 'no-cors' })
  results.readRegistryApi = await read(\`\${victim}/__daebug/api/registry\`)
  results.discover = await read(\`\${victim}/__daebug/api/tests/discover\`, {
    method: 'POST',
    body: '{}',
  })
  results.discoverNoCors = await read(\`\${victim}/__daebug/api/tests/discover\`, noCors('POST', '{}'))
  results.runTests = await read(\`\${victim}/__daebug/api/tests/run\`, noCors('POST', '{}'))
  results.events = await read(\`\${victim}/__daebug/api/events\`, { mode: 'no-cors' })
  results.dashboard = await read(\`\${victim}/__daebug/\`, { mode: 'no-cors' })
  results.sourceNoCors = await read(\`\${victim}/src/secret.js\`, { mode: 'no-cors' })
  results.sourceCors = await read(\`\${victim}/src/secret.js\`)
  results.envNoCors = await read(\`\${victim}/.env\`, { mode: 'no-cors' })
  results.moduleImport = await import(
    /* @vite-ignore */ \`\${victim}/__daebug/modules/test-runner/index.js\`
  ).then(
    () => 'loaded',
    () => 'error',
  )
  results.projectModule = await import(\`\${victim}/src/secret.js\`).then(
    () => 'loaded',
    () => 'error',
  )
  await wait(200)
  results.leakedGlobal = String(window.SECRET)
  return results
}`

test('a foreign page is refused every way into the server, and leaves no trace', async () => {
  const root = await makeRoot(SECRET_FILES)
  const site = await attackerSite()
  const server = await startServer(root)
  const browser = await launchBrowser([`--host-resolver-rules=MAP attacker.test 127.0.0.1`])
  try {
    const tab = await browser.newPage()
    await tab.goto(server.url)
    const [realm] = (await waitForRealms(root)) as [string]
    const logBefore = await readFile(join(root, 'daebug', `${realm}.md`), 'utf8')

    const attacker: Page = await browser.newPage()
    const statuses: Array<{ url: string; status: number; body: string }> = []
    attacker.on('response', async (response) => {
      if (!response.url().startsWith(server.url)) return
      const body = await response.text().catch(() => '')
      statuses.push({ url: response.url(), status: response.status(), body })
    })
    await attacker.goto(`http://attacker.test:${site.port}/`)
    const victim = server.url.replace(/\/$/, '')
    const results = (await attacker.evaluate(`(${IN_PAGE})(${JSON.stringify(victim)})`)) as Record<
      string,
      string
    >

    for (const name of [
      'clientScript',
      'workerScript',
      'projectScript',
      'projectStyle',
      'moduleImport',
      'projectModule',
    ])
      attack(`${name} loads`, results[name] === 'error', results[name])
    for (const name of ['imgRealms', 'imgRegistry'])
      attack(name, results[name] === 'error', results[name])
    for (const name of ['realmSocket', 'relaySocket'])
      attack(`${name} opens`, results[name] === 'error', results[name])
    for (const name of ['readLog', 'readRegistryApi', 'discover', 'sourceCors'])
      attack(`${name} is readable`, results[name]!.startsWith('rejected'), results[name])
    attack(
      'the project source ran in the foreign page',
      results.leakedGlobal === 'undefined',
      results.leakedGlobal,
    )

    // What the browser could not see, the server's answers show: every one refused, no secret.
    await waitFor('the responses', () => statuses.length >= 20 || undefined, 5000).catch(() => {})
    for (const { url, status, body } of statuses) {
      const path = url.slice(victim.length)
      attack(`${path} answered ${status}`, status >= 400 && !SECRET.test(body), body.slice(0, 80))
    }
    // Chromium reports no response for what it blocked itself (ORB, a refused preflight).
    assert.ok(statuses.length >= 10, `${statuses.length} requests reached the server`)

    const registry = await readFile(join(root, 'daebug.md'), 'utf8')
    attack('a realm from attacker.test registered', !registry.includes('attacker.test'))
    const logAfter = await readFile(join(root, 'daebug', `${realm}.md`), 'utf8')
    attack("the victim realm's log was written to", logAfter === logBefore)
    attack('the page title was changed', (await tab.title()) === 'victim')
  } finally {
    await browser.close()
    await server.stop()
    site.server.close()
    await removeRoot(root)
  }
})

/** A raw request, so that the path and Host go out exactly as written. */
function raw(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (response) => {
      let text = ''
      response.on('data', (chunk) => {
        text += chunk
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const TRAVERSALS = [
  '/../package.json',
  '/..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/%2E%2E/secret-outside.txt',
  '/%252e%252e/secret-outside.txt',
  '/..\\..\\etc\\passwd',
  '/src/..%5c..%5csecret-outside.txt',
  '/%5c..%5c.env',
  '/%00',
  '/index.html%00.js',
  '/.env%00',
  '/daebug.md',
  '/DAEBUG.md',
  '/daebug/',
  '/daebug/.server.json',
  '/daebug%2f.server.json',
  '/daebug/.gitignore',
  '/.env',
  '/.%65nv',
  '/%2eenv',
  '/src/../.env',
  '/src/%2e%2e/.env',
  '/./.env',
  '/node_modules/../.env',
  '/.git/config',
  '/.git%2fconfig',
  '/%2egit/config',
  '/.git/HEAD',
  '//etc/passwd',
  '/%2f%2fetc%2fpasswd',
  '/....//....//etc/passwd',
  '/src/..;/..;/.env',
  '/..%c0%af../etc/passwd',
  '/%c0%ae%c0%ae/secret-outside.txt',
  '/link-out/secret-outside.txt',
  '/link-out',
  '/src/link-file.txt',
]

test('DNS rebinding, and 37 ways out of the root, are refused', async () => {
  const base = await makeRoot({})
  const root = join(base, 'project')
  await mkdir(root)
  for (const [path, text] of Object.entries(SECRET_FILES)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  await writeFile(join(base, 'secret-outside.txt'), 'SECRET_OUTSIDE\n')
  await symlink(base, join(root, 'link-out'))
  await symlink(join(base, 'secret-outside.txt'), join(root, 'src', 'link-file.txt'))
  const server: ServerProcess = await startServer(root)
  try {
    await waitFor('the registry', async () => readFile(join(root, 'daebug.md'), 'utf8'))
    for (const host of [
      'attacker.example',
      `attacker.example:${server.port}`,
      'localhost.attacker.example',
    ]) {
      for (const path of ['/', '/__daebug/api/health', '/__daebug/api/registry']) {
        const answer = await raw(server.port, path, { host })
        attack(`Host ${host} ${path}`, answer.status === 403, String(answer.status))
      }
    }
    // What a foreign page's <script>, <img> and <link> send: no Origin, marked cross-site.
    for (const [path, dest] of [
      ['/__daebug/client.js', 'script'],
      ['/__daebug/worker.js', 'script'],
      ['/__daebug/api/realms', 'image'],
      ['/__daebug/api/registry', 'image'],
      ['/src/secret.js', 'script'],
      ['/style.css', 'style'],
      ['/index.html', 'iframe'],
    ] as const) {
      const mode = dest === 'iframe' ? 'navigate' : 'no-cors'
      const headers = {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': mode,
        'sec-fetch-dest': dest,
      }
      const answer = await raw(server.port, path, headers)
      // Framing the page is a navigation: allowed (the other site cannot read it).
      const expected = dest === 'iframe' ? 200 : 403
      attack(
        `<${dest}> ${path} from another site`,
        answer.status === expected,
        String(answer.status),
      )
    }
    for (const path of TRAVERSALS) {
      const answer = await raw(server.port, path)
      attack(
        `GET ${path}`,
        answer.status >= 400 && !SECRET.test(answer.body),
        `${answer.status} ${answer.body.slice(0, 60)}`,
      )
    }
    const good = await raw(server.port, '/src/secret.js')
    assert.is(good.status, 200, 'the project itself is served to tools')
  } finally {
    await server.stop()
    await removeRoot(base)
  }
})

test('bound beyond loopback, every endpoint refuses a request without the token and answers one with it', async () => {
  const root = await makeRoot(SECRET_FILES)
  const server = await startServer(root, ['--host', '0.0.0.0'])
  try {
    const { token } = JSON.parse(await readFile(join(root, 'daebug', '.server.json'), 'utf8')) as {
      token: string
    }
    assert.ok(token && token.length >= 24)
    const endpoints: Array<[string, string, string?]> = [
      ['GET', '/'],
      ['GET', '/src/secret.js'],
      ['GET', '/__daebug/client.js'],
      ['GET', '/__daebug/'],
      ['GET', '/__daebug/api/health'],
      ['GET', '/__daebug/api/realms'],
      ['GET', '/__daebug/api/registry'],
      ['POST', '/__daebug/api/tests/discover', '{}'],
      ['POST', '/__daebug/realm/open', '{}'],
      ['GET', '/__daebug/modules/test-runner/index.js'],
    ]
    for (const [method, path, body] of endpoints) {
      const headers = {
        host: `127.0.0.1:${server.port}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      }
      const without = await raw(server.port, path, headers, method, body)
      attack(`${method} ${path} without the token`, without.status === 401, String(without.status))
      const withToken = await raw(
        server.port,
        path,
        { ...headers, authorization: `Bearer ${token}` },
        method,
        body,
      )
      assert.ok(
        withToken.status < 400,
        `${method} ${path} with the token answered ${withToken.status}`,
      )
      const wrong = await raw(
        server.port,
        path,
        { ...headers, authorization: 'Bearer nope' },
        method,
        body,
      )
      attack(`${method} ${path} with a wrong token`, wrong.status === 401, String(wrong.status))
    }
    const upgrade = await raw(server.port, '/__daebug/ws', {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    })
    attack('a WebSocket upgrade without the token', upgrade.status === 401, String(upgrade.status))
  } finally {
    await server.stop()
    await removeRoot(root)
  }
})

test('every attack was refused', () => {
  console.log(`  attacks refused: ${refused}/${tried}`)
  assert.ok(tried >= 80, `only ${tried} attacks were tried`)
  assert.equal(failures, [], 'attacks that got through')
})

test.run()
