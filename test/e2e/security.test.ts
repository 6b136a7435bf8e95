import { createServer, request } from 'node:http'
import { parseRegistry } from '@daebug/protocol'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  freePort,
  launchBrowser,
  makeRoot,
  readRootFile,
  removeRoot,
  startServer,
  waitForRealms,
} from './harness.js'

/** A raw GET with the path sent exactly as written (no URL normalisation). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

test('private files and paths outside the root are refused by the static server', async () => {
  const root = await makeRoot({ '.env': 'SECRET=1', 'public.txt': 'ok' })
  const server = await startServer(root)
  try {
    assert.is(await rawGet(server.port, '/public.txt'), 200)
    for (const path of [
      '/daebug.md',
      '/daebug/x.md',
      '/.env',
      '/../',
      '/%2e%2e/etc/passwd',
      '/..%2f..%2fetc/passwd',
      '/a/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const status = await rawGet(server.port, path)
      assert.ok(status === 400 || status === 403 || status === 404, `${path} → ${status}`)
    }
  } finally {
    await server.stop()
    await removeRoot(root)
  }
})

test('a request with a foreign Host header is refused (DNS rebinding)', async () => {
  const root = await makeRoot()
  const server = await startServer(root)
  try {
    assert.is(await rawGet(server.port, '/', { host: 'attacker.example' }), 403)
    assert.is(
      await rawGet(server.port, '/__daebug/api/health', {
        host: `attacker.example:${server.port}`,
      }),
      403,
    )
    assert.is(await rawGet(server.port, '/', { host: `localhost:${server.port}` }), 200)
  } finally {
    await server.stop()
    await removeRoot(root)
  }
})

test('a page of a foreign site can neither connect as a realm nor call /__daebug endpoints', async () => {
  const root = await makeRoot()
  const server = await startServer(root)
  const attackerPort = await freePort()
  const target = `http://localhost:${server.port}`
  const attacker = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html')
    res.end(`<!doctype html><html><head><script src="${target}/__daebug/client.js"></script></head><body>
      <img src="${target}/__daebug/api/health">
      <script>
        window.results = {};
        fetch('${target}/__daebug/api/health').then(r => r.status, e => 'error').then(v => results.fetch = v);
        fetch('${target}/__daebug/api/realms/x/eval', { method: 'POST', mode: 'no-cors', body: '{"code":"1"}' }).then(() => 'sent', () => 'error').then(v => results.post = v);
        try { const ws = new WebSocket('ws://localhost:${server.port}/__daebug/realm');
          ws.onopen = () => { results.ws = 'open'; ws.send(JSON.stringify({ type: 'hello', name: 'evil', instance: 'x', kind: 'page', url: location.href })) };
          ws.onerror = () => { results.ws = 'error' };
        } catch (e) { results.ws = 'threw' }
      </script></body></html>`)
  })
  await new Promise<void>((done) => attacker.listen(attackerPort, '127.0.0.1', () => done()))
  const browser = await launchBrowser(['--host-resolver-rules=MAP attacker.test 127.0.0.1'])
  try {
    const page = await browser.newPage()
    await page.goto(`http://attacker.test:${attackerPort}/`)
    await page.waitForFunction(() => {
      const r = (window as unknown as { results: Record<string, unknown> }).results
      return r.fetch !== undefined && r.ws !== undefined && r.post !== undefined
    })
    const results = await page.evaluate(
      () => (window as unknown as { results: Record<string, unknown> }).results,
    )
    assert.is(results.fetch, 'error', 'the response is not readable')
    assert.is(results.ws, 'error', 'the WebSocket is refused')
    await new Promise((done) => setTimeout(done, 500))
    assert.equal(
      parseRegistry(await readRootFile(root, 'daebug.md')).realms,
      [],
      'no realm connected',
    )
    // A page of the server itself still connects.
    const own = await browser.newPage()
    await own.goto(`${target}/`)
    await waitForRealms(root)
  } finally {
    await browser.close()
    attacker.close()
    await server.stop()
    await removeRoot(root)
  }
})

test.run()
