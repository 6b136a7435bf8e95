import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadAcorn, loadedAcorn } from './acorn.js'
import { prepareCode } from './repl/prepare.js'

test('acorn loads once, and is there for every later caller', async () => {
  const acorn = await loadAcorn()
  assert.is(loadedAcorn(), acorn)
  assert.is(await loadAcorn(), acorn)
  assert.type(acorn.parse, 'function')
})

test('a request prepared while acorn may still be loading gets the same script as any other', async () => {
  const first = await prepareCode('let answer = 41\nanswer + 1', 'js', {})
  const later = prepareCode('let answer = 41\nanswer + 1', 'js', {})
  assert.not.instance(later, Promise)
  assert.equal(first, later)
})

test.run()
