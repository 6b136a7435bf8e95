import {
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { contentTypeOf } from './content-types.js'
import type { HostFs } from './host.js'
import { checkRequestPath, serveStatic } from './static.js'

const SECRET = 'TOP-SECRET'
const CLIENT = '/__daebug/client.js'
const CLIENT_TAG = `<script src="${CLIENT}"></script>`
let base = ''
let root = ''

function missing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR'
}

async function orUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read()
  } catch (error) {
    if (missing(error)) return undefined
    throw error
  }
}

function unused(): never {
  throw new Error('not used by the static server')
}

/** Just the reads the static server needs, on the real file system. */
const nodeFs: HostFs = {
  readText: (path) => orUndefined(() => readFile(path, 'utf8')),
  readBytes: (path) => orUndefined(async () => new Uint8Array(await readFile(path))),
  stat: (path) =>
    orUndefined(async () => {
      const info = await stat(path)
      const kind = info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other'
      return { kind, size: info.size, mtimeMs: info.mtimeMs } as const
    }),
  realPath: (path) => orUndefined(() => realpath(path)),
  writeTextAtomic: unused,
  replaceText: unused,
  writePrivate: unused,
  remove: unused,
  list: unused,
  mkdir: unused,
}

function write(path: string, text: string | Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}

test.before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'daebug-static-')))
  root = join(base, 'root')
  write(join(base, 'outside', 'secret.txt'), SECRET)
  write(join(base, 'root-evil', 'x.txt'), SECRET)
  write(
    join(root, 'index.html'),
    '<!doctype html><html><head><title>Home</title></head><body></body></html>',
  )
  write(join(root, 'app.js'), 'console.log(1)')
  write(join(root, 'main.ts'), 'const n: number = 1')
  write(join(root, 'typed.mts'), 'export const half = (n: number): number =>\n  n / 2 as number\n')
  write(join(root, 'enum.ts'), 'const a = 1\n  enum Color { Red }\n')
  write(join(root, 'style.css'), 'body{}')
  write(join(root, 'data.json'), '{}')
  write(join(root, 'logo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
  write(join(root, 'notes.md'), '# Notes')
  write(join(root, 'blob.bin'), 'bytes')
  write(join(root, 'a b.txt'), 'spaced')
  write(join(root, '100%.txt'), 'percent')
  write(join(root, 'loaded.html'), `<html><head>${CLIENT_TAG}</head></html>`)
  write(join(root, 'sub', 'index.html'), '<p>sub</p>')
  write(join(root, 'sub', 'deep', 'file.txt'), 'deep')
  write(join(root, 'sub', '.hidden'), SECRET)
  write(join(root, 'nodir', 'x.txt'), 'x')
  write(join(root, 'daebug.md'), SECRET)
  write(join(root, 'daebug', 'x.md'), SECRET)
  write(join(root, 'daebug', '.server.json'), SECRET)
  write(join(root, '.env'), SECRET)
  write(join(root, '.git', 'config'), SECRET)
  symlinkSync(join(base, 'outside', 'secret.txt'), join(root, 'link-out.txt'))
  symlinkSync(join(base, 'outside'), join(root, 'linkdir-out'))
  symlinkSync(join(base, 'root-evil'), join(root, 'link-sibling'))
  symlinkSync(join(root, 'app.js'), join(root, 'link-in.js'))
  symlinkSync(join(root, '.env'), join(root, 'link-env'))
  symlinkSync(join(root, 'daebug'), join(root, 'link-daebug'))
  symlinkSync(root, join(base, 'root-link'))
})

test.after(() => {
  rmSync(base, { recursive: true, force: true })
})

function createApp(options: { root?: string; importMap?: Record<string, string> } = {}): Hono {
  const app = new Hono()
  const importMap = options.importMap
  app.use(
    '*',
    serveStatic({
      root: options.root ?? root,
      fs: nodeFs,
      clientUrl: CLIENT,
      ...(importMap ? { importMap: () => importMap } : {}),
    }),
  )
  app.get('/__daebug/*', (c) => c.text('daebug route'))
  app.post('*', (c) => c.text('next handler'))
  return app
}

async function get(path: string, init?: RequestInit, app: Hono = createApp()): Promise<Response> {
  return app.request(`http://localhost:8680${path}`, init)
}

const REFUSED: Array<[path: string, status: number]> = [
  ['/../etc/passwd', 404],
  ['/../../../../etc/passwd', 404],
  ['/%2e%2e/etc/passwd', 404],
  ['/.%2e/outside/secret.txt', 404],
  ['/%2E%2E/outside/secret.txt', 404],
  ['/%252e%252e/outside/secret.txt', 400],
  ['/sub/%252E%252E/%252e%252e/outside/secret.txt', 400],
  ['/..%2f..%2fetc%2fpasswd', 400],
  ['/..%2F..%2Foutside%2Fsecret.txt', 400],
  ['/a/..%5c..%5cetc', 400],
  ['/a/..%5C..%5Coutside', 400],
  ['/a\\b', 404],
  ['/%5c..%5coutside%5csecret.txt', 400],
  ['/sub%252f..%252f..%252foutside', 400],
  ['/%00', 400],
  ['/app.js%00.png', 400],
  ['/%zz', 400],
  ['/%e0%a4%a', 400],
  ['//etc/passwd', 400],
  ['//outside/secret.txt', 400],
  ['/sub//deep/file.txt', 400],
  ['/daebug.md', 404],
  ['/DAEBUG.md', 404],
  ['/Daebug.MD', 404],
  ['/daebug%2emd', 404],
  ['/daebug', 404],
  ['/daebug/', 404],
  ['/daebug/x.md', 404],
  ['/DAEBUG/x.md', 404],
  ['/daebug/.server.json', 404],
  ['/daebug/../daebug.md', 404],
  ['/%64aebug.md', 404],
  ['/.env', 404],
  ['/%2eenv', 404],
  ['/.git/config', 404],
  ['/.git/', 404],
  ['/sub/.hidden', 404],
  ['/sub/%2ehidden', 404],
  ['/link-out.txt', 404],
  ['/linkdir-out/secret.txt', 404],
  ['/link-sibling/x.txt', 404],
  ['/link-env', 404],
  ['/link-daebug/x.md', 404],
]

test('every traversal, private-file and escaping-symlink variant is refused', async () => {
  const app = createApp()
  const answers: Array<[string, number]> = []
  for (const [path] of REFUSED) {
    const response = await get(path, undefined, app)
    const body = await response.text()
    assert.not.ok(body.includes(SECRET), `${path} leaked the secret`)
    answers.push([path, response.status])
  }
  assert.equal(answers, REFUSED)
})

test('raw paths that a URL parser would have normalised are refused by the path check itself', () => {
  const raw = [
    '/../etc/passwd',
    '/a/../../x',
    '/./app.js',
    '/a/./b',
    '/%2e%2e/x',
    '/.%2e/x',
    '/a\\..\\x',
    '/a/\0b',
    'etc/passwd',
    '/sub/..',
  ]
  assert.equal(
    raw.map((path) => checkRequestPath(path).ok),
    raw.map(() => false),
  )
  assert.equal(
    raw.map((path) => (checkRequestPath(path) as { status: number }).status),
    raw.map(() => 400),
  )
})

test('private names are refused from the path alone, whether or not the file exists', () => {
  const paths = ['/DAEBUG.md', '/Daebug/new.md', '/daebug', '/x/.y/z', '/.nothing']
  assert.equal(
    paths.map((path) => checkRequestPath(path)),
    paths.map(() => ({ ok: false, status: 404, reason: 'private file' })),
  )
})

test('the path check decodes each segment once and keeps the trailing slash as a directory flag', () => {
  assert.equal(checkRequestPath('/sub/a%20b.txt'), {
    ok: true,
    segments: ['sub', 'a b.txt'],
    directory: false,
  })
  assert.equal(checkRequestPath('/sub/'), { ok: true, segments: ['sub'], directory: true })
  assert.equal(checkRequestPath('/'), { ok: true, segments: [], directory: true })
  assert.equal(checkRequestPath('/100%25.txt'), {
    ok: true,
    segments: ['100%.txt'],
    directory: false,
  })
})

test('ordinary files are served with their content type and no caching', async () => {
  const app = createApp()
  const files = [
    '/app.js',
    '/main.ts',
    '/style.css',
    '/data.json',
    '/logo.png',
    '/notes.md',
    '/blob.bin',
    '/a%20b.txt',
    '/100%25.txt',
    '/sub/deep/file.txt',
    '/link-in.js',
  ]
  const answers = []
  for (const path of files) {
    const response = await get(path, undefined, app)
    answers.push([
      path,
      response.status,
      response.headers.get('content-type'),
      response.headers.get('cache-control'),
    ])
  }
  const js = 'text/javascript; charset=utf-8'
  assert.equal(answers, [
    ['/app.js', 200, js, 'no-store'],
    ['/main.ts', 200, js, 'no-store'],
    ['/style.css', 200, 'text/css; charset=utf-8', 'no-store'],
    ['/data.json', 200, 'application/json; charset=utf-8', 'no-store'],
    ['/logo.png', 200, 'image/png', 'no-store'],
    ['/notes.md', 200, 'text/markdown; charset=utf-8', 'no-store'],
    ['/blob.bin', 200, 'application/octet-stream', 'no-store'],
    ['/a%20b.txt', 200, 'text/plain; charset=utf-8', 'no-store'],
    ['/100%25.txt', 200, 'text/plain; charset=utf-8', 'no-store'],
    ['/sub/deep/file.txt', 200, 'text/plain; charset=utf-8', 'no-store'],
    ['/link-in.js', 200, js, 'no-store'],
  ])
})

test('TypeScript files are served type-stripped, every line and column kept', async () => {
  const answer = await get('/typed.mts')
  assert.is(answer.headers.get('content-type'), 'text/javascript; charset=utf-8')
  const text = await answer.text()
  assert.is(text, 'export const half = (n        )         =>\n  n / 2;         \n')
  const module = await import(`data:text/javascript,${encodeURIComponent(text)}`)
  assert.is(module.half(3), 1.5)
})

test('TypeScript that needs code generation is served as a module that throws where it is', async () => {
  const text = await (await get('/enum.ts')).text()
  assert.match(
    text,
    /^throw new SyntaxError\("enum\.ts:2:3: `enum Color \{ Red \}` is TypeScript that needs code generation/,
  )
  try {
    await import(`data:text/javascript,${encodeURIComponent(text)}`)
    assert.unreachable('the module throws')
  } catch (error) {
    assert.instance(error, SyntaxError)
  }
})

test('a file body arrives byte for byte', async () => {
  const response = await get('/logo.png')
  assert.equal([...new Uint8Array(await response.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47])
})

test('the root and a directory with a slash serve their index.html with the client injected once', async () => {
  const home = await (await get('/')).text()
  const sub = await get('/sub/')
  assert.is(
    home,
    `<!doctype html><html><head>${CLIENT_TAG}<title>Home</title></head><body></body></html>`,
  )
  assert.is(sub.headers.get('content-type'), 'text/html; charset=utf-8')
  assert.is(await sub.text(), `${CLIENT_TAG}<p>sub</p>`)
})

test('a page that already loads the client is served unchanged', async () => {
  const text = await (await get('/loaded.html')).text()
  assert.is(text.split(CLIENT_TAG).length - 1, 1)
})

test('the import map is injected into HTML when one is configured', async () => {
  const app = createApp({ importMap: { 'node:test': '/__daebug/test.js' } })
  const text = await (await get('/sub/', undefined, app)).text()
  assert.is(
    text,
    `<script type="importmap">{"imports":{"node:test":"/__daebug/test.js"}}</script>${CLIENT_TAG}<p>sub</p>`,
  )
})

test('a directory without a slash redirects to the slash, keeping the query', async () => {
  const response = await get('/sub?x=1')
  assert.equal([response.status, response.headers.get('location')], [302, '/sub/?x=1'])
})

test('a missing file, a directory without index.html and a file with a slash are 404 with a short text', async () => {
  const answers = []
  for (const path of ['/missing.js', '/nodir/', '/app.js/']) {
    const response = await get(path)
    answers.push([response.status, await response.text()])
  }
  assert.equal(answers, [
    [404, 'Not found: /missing.js'],
    [404, 'Not found: /nodir/'],
    [404, 'Not found: /app.js/'],
  ])
})

test('a hidden file answers exactly like a missing one', async () => {
  const hidden = await get('/.env')
  const missingFile = await get('/.nothing-here')
  assert.equal(
    [hidden.status, (await hidden.text()).replace('.env', 'X')],
    [missingFile.status, (await missingFile.text()).replace('.nothing-here', 'X')],
  )
})

test('HEAD answers with the headers of GET and no body', async () => {
  const response = await get('/app.js', { method: 'HEAD' })
  assert.equal(
    [
      response.status,
      response.headers.get('content-length'),
      response.headers.get('content-type'),
      await response.text(),
    ],
    [200, String(statSync(join(root, 'app.js')).size), 'text/javascript; charset=utf-8', ''],
  )
})

test('daebug routes and other methods go to the next handler', async () => {
  const answers = []
  for (const [path, method] of [
    ['/__daebug/client.js', 'GET'],
    ['/app.js', 'POST'],
  ] as const) {
    answers.push(await (await get(path, { method })).text())
  }
  assert.equal(answers, ['daebug route', 'next handler'])
})

test('a root given through a symlink is served, and still confines to the real root', async () => {
  const app = createApp({ root: join(base, 'root-link') })
  const served = await get('/app.js', undefined, app)
  const escaped = await get('/link-out.txt', undefined, app)
  assert.equal([served.status, escaped.status], [200, 404])
})

test('content types follow the extension case-insensitively, with a binary fallback', () => {
  const names = [
    'a.HTML',
    'a.mjs',
    'a.cjs',
    'a.mts',
    'a.map',
    'a.svg',
    'a.jpg',
    'a.jpeg',
    'a.gif',
    'a.webp',
    'a.ico',
    'a.wasm',
    'a.woff',
    'a.woff2',
    'Makefile',
    '.env',
    'dir.d/file',
  ]
  assert.equal(names.map(contentTypeOf), [
    'text/html; charset=utf-8',
    'text/javascript; charset=utf-8',
    'text/javascript; charset=utf-8',
    'text/javascript; charset=utf-8',
    'application/json; charset=utf-8',
    'image/svg+xml',
    'image/jpeg',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'image/x-icon',
    'application/wasm',
    'font/woff',
    'font/woff2',
    'application/octet-stream',
    'application/octet-stream',
    'application/octet-stream',
  ])
})

test.run()
