import assert from 'node:assert/strict'
import { test } from 'uvu'
import { fileForReport, frameLocation } from './location.js'

test('stack lines of V8, Firefox and Safari give their location', () => {
  const url = 'http://localhost:3000/tests/math.test.js'
  const expected = { line: 12, column: 5, file: url }
  assert.deepEqual(frameLocation(`    at Object.fn (${url}:12:5)`), expected)
  assert.deepEqual(frameLocation(`    at ${url}:12:5`), expected)
  assert.deepEqual(frameLocation(`fn@${url}:12:5`), expected)
  assert.deepEqual(frameLocation(`@${url}:12:5`), expected)
  assert.deepEqual(frameLocation(`module code@${url}:12:5`), expected)
  assert.equal(frameLocation('Error: boom'), undefined)
})

test('file URLs are reported as paths, without the query of a file loaded again', () => {
  assert.equal(fileForReport('file:///tmp/a%20b/x.test.js'), '/tmp/a b/x.test.js')
  assert.equal(fileForReport('file:///tmp/x.test.js?daebug-run=3'), '/tmp/x.test.js')
  assert.equal(fileForReport('http://host/x.test.js?v=1&daebug-run=2'), 'http://host/x.test.js?v=1')
  assert.equal(fileForReport('http://host/x.test.js'), 'http://host/x.test.js')
})

test.run()
