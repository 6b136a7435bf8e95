import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  formatJsFile,
  formatJsFileHeader,
  formatJsFilePageNotFound,
  formatJsFileResult,
  type JsFileRealm,
  jsFileSnippet,
  parseJsFileRequest,
} from './js-file.js'

const index: JsFileRealm = {
  name: '7-zen-1201-03',
  url: 'http://localhost:8302/index',
  time: '09:33:25',
  status: { state: 'idle' },
}
const texture: JsFileRealm = {
  name: '11-echo-1322-55',
  url: 'http://localhost:8302/texture',
  time: '09:32:58',
  status: { state: 'idle' },
}

test('the idle header lists each realm with its URL, time and state', () => {
  assert.is(
    formatJsFileHeader([index, texture]),
    '// 7-zen-1201-03 http://localhost:8302/index 09:33:25 idle\n// 11-echo-1322-55 http://localhost:8302/texture 09:32:58 idle',
  )
  assert.is(formatJsFileHeader([]), '// (no realms connected yet)')
})

test('the acknowledgement pins the executing realm first and quotes 50 characters of the code', () => {
  const code =
    '(async () => {\n  window.setMethod && window.setMethod("spectral");\n  return "ok";\n})();'
  const executing: JsFileRealm = {
    ...texture,
    time: '09:34:01',
    status: { state: 'executing', snippet: jsFileSnippet(code), job: '12', started: '09:34:01' },
  }
  assert.is(
    formatJsFileHeader([index, executing], executing.name),
    '// 11-echo-1322-55 http://localhost:8302/texture 09:34:01 executing "(async () => { window.setMethod && window.setMetho..." job=12 started=09:34:01\n// 7-zen-1201-03 http://localhost:8302/index 09:33:25 idle',
  )
  assert.is(jsFileSnippet('1 +\n  1'), '1 + 1')
})

test('a success is the completed line and `var result =` with 2-space JSON, no semicolon', () => {
  const done: JsFileRealm = { ...index, status: { state: 'completed', durationMs: 742 } }
  assert.is(
    formatJsFile(formatJsFileHeader([done], done.name), formatJsFileResult('{"message":"ok"}', '')),
    '// 7-zen-1201-03 http://localhost:8302/index 09:33:25 completed in 742ms (result below)\nvar result = {\n  "message": "ok"\n}\n',
  )
  assert.is(formatJsFileResult(undefined, 'undefined'), 'var result = undefined')
})

test('an error is the failed line with thousands separators, then the stack verbatim', () => {
  const failed: JsFileRealm = { ...index, status: { state: 'failed', durationMs: 1220 } }
  const stack =
    "TypeError: Cannot read properties of undefined (reading 'fft')\n    at <anonymous>:1:3"
  assert.is(
    formatJsFile(formatJsFileHeader([failed]), stack),
    `// 7-zen-1201-03 http://localhost:8302/index 09:33:25 failed after 1,220ms (see below)\n${stack}\n`,
  )
  const timedOut: JsFileRealm = { ...index, status: { state: 'timeout' } }
  assert.is(
    formatJsFileHeader([timedOut]),
    '// 7-zen-1201-03 http://localhost:8302/index 09:33:25 completed error (timeout)',
  )
})

test('a request is the first comment line below the header and the code under it', () => {
  const header = formatJsFileHeader([index, texture])
  assert.equal(parseJsFileRequest(`${header}\n// texture\n(async () => 1)()\n`), {
    fragment: 'texture',
    code: '(async () => 1)()',
  })
  assert.equal(parseJsFileRequest('// index\r\n1 + 1\r\n'), { fragment: 'index', code: '1 + 1' })
  for (const none of [
    `${header}\n`,
    `${header}\nvar result = 2\n`,
    `${header}\nTypeError: x\n    at y\n`,
    `${header}\n${formatJsFilePageNotFound('nope')}\n`,
    '// index\n\n',
    '',
  ]) {
    assert.is(parseJsFileRequest(none), undefined, JSON.stringify(none))
  }
})

test.run()
