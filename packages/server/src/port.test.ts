import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { derivePort } from './port.js'

test('the original Daebug ports are kept for known project names', () => {
  assert.equal(['oyinbo', 'daebug', 'my-project'].map(derivePort), [8680, 8960, 8660])
})

test('the name is lower-cased before hashing', () => {
  assert.is(derivePort('My-Project'), derivePort('my-project'))
})

test('every derived port is within 8100 to 9099, even when the hash overflows', () => {
  const long = 'x'.repeat(5000)
  for (const name of ['', 'a', long, '🦀 crab', 'node_modules']) {
    const port = derivePort(name)
    assert.ok(port >= 8100 && port <= 9099, `${name.slice(0, 10)} → ${port}`)
  }
})

test.run()
