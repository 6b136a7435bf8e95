import { Hono } from 'hono'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  isLoopbackHost,
  isLoopbackOrigin,
  type SecurityOptions,
  securityMiddleware,
  tokenCookie,
} from './security.js'

const PORT = 8680
const OWN = `http://localhost:${PORT}`

function createApp(options: Partial<SecurityOptions> = {}): Hono {
  const app = new Hono()
  app.use('*', securityMiddleware({ hosts: [], port: PORT, allowOrigins: [], ...options }))
  app.all('/__daebug/*', (c) => c.text('api'))
  app.get('*', (c) => c.text('page'))
  return app
}

function send(
  app: Hono,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Response> {
  return Promise.resolve(app.request(`${OWN}${path}`, { method, headers }))
}

async function statuses(
  app: Hono,
  path: string,
  cases: Array<Record<string, string>>,
): Promise<number[]> {
  const answers: number[] = []
  for (const headers of cases) answers.push((await send(app, path, headers)).status)
  return answers
}

test('binding to loopback, in each spelling, needs no token; any other address does', () => {
  assert.equal(
    ['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0', '192.168.1.5', '::'].map(isLoopbackHost),
    [true, true, true, true, false, false, false],
  )
})

test('loopback hosts pass with or without the server port, in any letter case', async () => {
  const hosts = [
    'localhost',
    'localhost:8680',
    'LOCALHOST:8680',
    '127.0.0.1',
    '127.0.0.1:8680',
    '[::1]',
    '[::1]:8680',
  ]
  assert.equal(
    await statuses(
      createApp(),
      '/',
      hosts.map((host) => ({ host })),
    ),
    hosts.map(() => 200),
  )
})

test('foreign hosts, other ports and malformed hosts are refused on every route', async () => {
  const hosts = [
    'attacker.test',
    'attacker.test:8680',
    'localhost:9999',
    '127.0.0.1:80',
    'localhost.attacker.test',
    '::1',
    'localhost:x',
    '',
  ]
  const app = createApp()
  assert.equal(
    await statuses(
      app,
      '/',
      hosts.map((host) => ({ host })),
    ),
    hosts.map(() => 403),
  )
  assert.equal(
    await statuses(
      app,
      '/__daebug/api/health',
      hosts.map((host) => ({ host })),
    ),
    hosts.map(() => 403),
  )
})

test('the host refusal is a FORBIDDEN error that names the host and the flag allowing it', async () => {
  const response = await send(createApp(), '/', { host: 'dev.example:8680' })
  assert.equal(await response.json(), {
    error: {
      code: 'FORBIDDEN',
      message:
        "Refused Host 'dev.example:8680' (unknown host). To allow it, start Daebug with --allowed-host dev.example.",
    },
  })
})

test('a configured host is answered, case-insensitively, and IPv6 hosts are bracketed', async () => {
  const app = createApp({ hosts: ['Dev.Example', '192.168.1.5', 'fe80::1'] })
  const hosts = [
    'dev.example:8680',
    'DEV.EXAMPLE',
    '192.168.1.5:8680',
    '[fe80::1]:8680',
    'dev.example:1',
  ]
  assert.equal(
    await statuses(
      app,
      '/',
      hosts.map((host) => ({ host })),
    ),
    [200, 200, 200, 200, 403],
  )
})

test('own, loopback and allowed origins reach /__daebug/*', async () => {
  const origins = [
    OWN,
    'http://localhost:5173',
    'http://127.0.0.1:3000',
    'https://[::1]:8443',
    'http://localhost',
    'https://app.test:3000',
  ]
  const app = createApp({ allowOrigins: ['https://app.test:3000'] })
  assert.equal(
    await statuses(
      app,
      '/__daebug/api/eval',
      origins.map((origin) => ({ origin })),
    ),
    origins.map(() => 200),
  )
})

test('foreign, null and malformed origins are refused on /__daebug/*', async () => {
  const origins = [
    'http://attacker.test:8080',
    'null',
    'http://localhost.attacker.test',
    'http://127.0.0.1.nip.io',
    'file://',
    'http://localhost:5173/path',
    'https://app.test:3000',
    'garbage',
  ]
  assert.equal(
    await statuses(
      createApp(),
      '/__daebug/api/eval',
      origins.map((origin) => ({ origin })),
    ),
    origins.map(() => 403),
  )
})

test('the origin refusal is a FORBIDDEN error that names the origin and the flag allowing it', async () => {
  const response = await send(createApp(), '/__daebug/api/eval', {
    origin: 'http://attacker.test:8080',
  })
  assert.equal(await response.json(), {
    error: {
      code: 'FORBIDDEN',
      message:
        "Refused Origin 'http://attacker.test:8080' on /__daebug/*. To allow a site you trust, start Daebug with --allow-origin http://attacker.test:8080.",
    },
  })
})

test('Sec-Fetch-Site decides only when there is no Origin', async () => {
  const cases: Array<Record<string, string>> = [
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
    { 'sec-fetch-site': 'same-origin' },
    { 'sec-fetch-site': 'none' },
    {},
    { 'sec-fetch-site': 'cross-site', origin: 'http://localhost:5173' },
  ]
  assert.equal(
    await statuses(createApp(), '/__daebug/api/eval', cases),
    [403, 200, 200, 200, 200, 200],
  )
})

test('WebSocket upgrades from a foreign origin are refused like any request', async () => {
  const upgrade = { upgrade: 'websocket', connection: 'Upgrade' }
  const cases: Array<Record<string, string>> = [
    { ...upgrade, origin: 'http://attacker.test' },
    { ...upgrade, origin: OWN },
  ]
  assert.equal(await statuses(createApp(), '/__daebug/realm', cases), [403, 200])
})

test("a foreign page cannot load the project's files, but may open the page, and tools pass", async () => {
  const cases: Array<Record<string, string>> = [
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: 'http://attacker.test' },
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: 'http://localhost:5173' },
    { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
    { origin: 'http://attacker.test' },
  ]
  assert.equal(await statuses(createApp(), '/index.html', cases), [403, 403, 200, 200, 200, 200])
  const refused = await send(createApp(), '/src/app.js', cases[0]!)
  assert.match(
    ((await refused.json()) as { error: { message: string } }).error.message,
    /^Cross-site requests for the project's files are refused/,
  )
})

test('an encoded /__daebug path is guarded like the plain one', async () => {
  const response = await send(createApp(), '/%5F%5Fdaebug/api/eval', {
    origin: 'http://attacker.test',
  })
  assert.is(response.status, 403)
})

test('a preflight from an allowed origin gets CORS headers naming that origin', async () => {
  const response = await send(
    createApp(),
    '/__daebug/api/eval',
    { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    'OPTIONS',
  )
  assert.equal(
    [
      response.status,
      response.headers.get('access-control-allow-origin'),
      response.headers.get('vary'),
      response.headers.get('access-control-allow-methods'),
      response.headers.get('access-control-allow-headers'),
    ],
    [204, 'http://localhost:5173', 'Origin', 'GET, POST, OPTIONS', 'content-type, authorization'],
  )
})

test('a preflight from a foreign origin is refused without CORS headers', async () => {
  const response = await send(
    createApp(),
    '/__daebug/api/eval',
    { origin: 'http://attacker.test' },
    'OPTIONS',
  )
  assert.equal([response.status, response.headers.get('access-control-allow-origin')], [403, null])
})

test('allowed cross-origin answers carry the origin, never *, and same-origin ones carry none', async () => {
  const app = createApp({ allowOrigins: ['https://app.test'] })
  const answers = []
  for (const origin of ['https://app.test', 'http://127.0.0.1:3000', OWN]) {
    const response = await send(app, '/__daebug/api/eval', { origin })
    answers.push([
      response.headers.get('access-control-allow-origin'),
      response.headers.get('vary'),
    ])
  }
  assert.equal(answers, [
    ['https://app.test', 'Origin'],
    ['http://127.0.0.1:3000', 'Origin'],
    [null, null],
  ])
})

test('with a token, a request needs the right bearer or cookie on every route', async () => {
  const app = createApp({ token: 's3cret-token' })
  const cases: Array<Record<string, string>> = [
    {},
    { authorization: 'Bearer wrong' },
    { authorization: 'Bearer s3cret-toke' },
    { authorization: 'Bearer s3cret-tokeX' },
    { authorization: 'Bearer s3cret-token-and-more' },
    { authorization: 'Basic s3cret-token' },
    { cookie: 'daebug_token=nope' },
    { authorization: 'Bearer s3cret-token' },
    { authorization: 'bearer   s3cret-token' },
    { cookie: 'theme=dark; daebug_token=s3cret-token' },
  ]
  const expected = [401, 401, 401, 401, 401, 401, 401, 200, 200, 200]
  assert.equal(await statuses(app, '/', cases), expected)
  assert.equal(await statuses(app, '/__daebug/api/eval', cases), expected)
})

test('the token refusal says where the token is', async () => {
  const response = await send(createApp({ token: 't' }), '/__daebug/api/eval')
  const body = (await response.json()) as { error: { code: string; message: string } }
  assert.equal(
    [
      response.status,
      response.headers.get('www-authenticate'),
      body.error.code,
      body.error.message.includes('daebug/.server.json'),
    ],
    [401, 'Bearer realm="daebug"', 'FORBIDDEN', true],
  )
})

test('the host check runs before the token check, and the origin check before the token check', async () => {
  const app = createApp({ token: 't' })
  const foreignHost = await send(app, '/', { host: 'attacker.test' })
  const foreignOrigin = await send(app, '/__daebug/api/eval', { origin: 'http://attacker.test' })
  assert.equal([foreignHost.status, foreignOrigin.status], [403, 403])
})

test('a preflight from an allowed origin needs no token, since browsers send none with it', async () => {
  const response = await send(
    createApp({ token: 't' }),
    '/__daebug/api/eval',
    { origin: 'http://localhost:5173' },
    'OPTIONS',
  )
  assert.is(response.status, 204)
})

test('without a token option no credentials are asked for', async () => {
  assert.is((await send(createApp(), '/__daebug/api/eval')).status, 200)
})

test('opening the printed link with the token sets the cookie and redirects to the URL without it', async () => {
  const app = createApp({ token: 's3cret-token' })
  const link = await send(app, '/app/?x=1&daebug_token=s3cret-token')
  assert.equal(
    [link.status, link.headers.get('location'), link.headers.get('set-cookie')],
    [302, '/app/?x=1', tokenCookie('s3cret-token')],
  )
  const wrong = await send(app, '/?daebug_token=s3cret-tokeX')
  assert.equal([wrong.status, wrong.headers.get('set-cookie')], [401, null])
  const posted = await send(app, '/__daebug/api/eval?daebug_token=s3cret-token', {}, 'POST')
  assert.is(posted.status, 401, 'only a GET link sets the cookie')
})

test('the token cookie is HttpOnly, SameSite=Strict and site-wide', () => {
  assert.is(tokenCookie('abc123'), 'daebug_token=abc123; HttpOnly; SameSite=Strict; Path=/')
})

test('loopback origins are http(s) on localhost, 127.0.0.1 or [::1] only', () => {
  const origins = [
    'http://localhost:1',
    'https://127.0.0.1',
    'http://[::1]:9',
    'http://localhost.evil',
    'ws://localhost',
    'null',
    'http://user@localhost',
    'http://0.0.0.0',
  ]
  assert.equal(origins.map(isLoopbackOrigin), [true, true, true, false, false, false, false, false])
})

test.run()
