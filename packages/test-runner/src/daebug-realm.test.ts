import assert from 'node:assert/strict'
import { test } from 'uvu'
import { daebugEnvironment, daebugServerOf } from './daebug-realm.js'

test('the runner knows a Daebug server from the URL it was served at', () => {
  assert.equal(
    daebugServerOf('http://localhost:8680/__daebug/modules/test-runner/index.js'),
    'http://localhost:8680',
  )
  assert.equal(
    daebugServerOf('file:///app/node_modules/@daebug/test-runner/dist/index.js'),
    undefined,
  )
  assert.equal(daebugServerOf('http://localhost:5173/node_modules/.vite/index.js'), undefined)
  assert.equal(daebugServerOf('not a url'), undefined)
})

function fakeServer(status: number, body: unknown) {
  const requests: Array<{ url: string; body: string }> = []
  const fetcher = async (url: string, init: { body: string }) => {
    requests.push({ url, body: init.body })
    return { ok: status === 200, json: async () => body }
  }
  return { requests, fetcher }
}

test('files are resolved by the server; a worker imports them from /__daebug/w/', async () => {
  const server = fakeServer(200, { files: ['/src/a.test.js', '/b%20c.test.ts'] })
  const page = daebugEnvironment('http://localhost:8680', false, server.fetcher)
  assert.deepEqual(await page.resolveFiles(['src/**/*.test.js']), [
    'http://localhost:8680/src/a.test.js',
    'http://localhost:8680/b%20c.test.ts',
  ])
  const worker = daebugEnvironment('http://localhost:8680', true, server.fetcher)
  assert.deepEqual(await worker.findAllFiles!(), [
    'http://localhost:8680/__daebug/w/src/a.test.js',
    'http://localhost:8680/__daebug/w/b%20c.test.ts',
  ])
  assert.deepEqual(server.requests, [
    {
      url: 'http://localhost:8680/__daebug/api/tests/discover',
      body: '{"files":["src/**/*.test.js"]}',
    },
    { url: 'http://localhost:8680/__daebug/api/tests/discover', body: '{}' },
  ])
})

test("the server's refusal becomes the run's error, with its reason", async () => {
  const server = fakeServer(400, {
    error: { code: 'BAD_MESSAGE', message: "'../x' is outside the root" },
  })
  const page = daebugEnvironment('http://localhost:8680', false, server.fetcher)
  await assert.rejects(page.resolveFiles(['../x']), {
    message: "The test files could not be found: '../x' is outside the root",
  })
})

test.run()
