import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { cleanStack } from './stack.js'

const CLIENT = 'http://localhost:4000/__daebug/client.js'

test('a V8 stack points at the agent lines and loses the client frames', () => {
  const stack = [
    'Error: boom',
    `    at inner (eval at <anonymous> (${CLIENT}:2654:47), <anonymous>:2:26)`,
    `    at eval (eval at <anonymous> (${CLIENT}:2654:47), <anonymous>:4:1)`,
    `    at async runJob (${CLIENT}:2715:38)`,
    '    at http://localhost:5173/app.js:3:9',
  ].join('\n')
  assert.is(
    cleanStack(stack),
    'Error: boom\n    at inner (<anonymous>:1:26)\n    at <anonymous>:3:1\n    at http://localhost:5173/app.js:3:9',
  )
})

test("a synchronous throw loses the frames of the script's first line and of eval itself", () => {
  const stack = [
    'Error: boom',
    `    at eval (eval at <anonymous> (${CLIENT}:2654:47), <anonymous>:3:7)`,
    `    at eval (eval at <anonymous> (${CLIENT}:2654:47), <anonymous>:1:30)`,
    `    at eval (eval at <anonymous> (${CLIENT}:2654:47), <anonymous>:1:2)`,
    '    at eval (<anonymous>)',
    `    at evaluateCode (${CLIENT}:2600:20)`,
  ].join('\n')
  assert.is(cleanStack(stack), 'Error: boom\n    at <anonymous>:2:7')
})

test("a page's own eval frame is kept", () => {
  const stack = `Error: x\n    at eval (<anonymous>)\n    at f (http://localhost:5173/app.js:1:1)\n    at eval (eval at <anonymous> (${CLIENT}:1:1), <anonymous>:2:1)`
  assert.is(
    cleanStack(stack),
    'Error: x\n    at eval (<anonymous>)\n    at f (http://localhost:5173/app.js:1:1)\n    at <anonymous>:1:1',
  )
})

test('a Firefox stack is cleaned the same way', () => {
  const stack = `inner@${CLIENT} line 2654 > eval:2:26\n@${CLIENT} line 2654 > eval:4:1\nrunJob@${CLIENT}:2715:38\n`
  assert.is(cleanStack(stack), 'inner@<anonymous>:1:26\n@<anonymous>:3:1\n')
})

test('stacks without client frames are left alone', () => {
  const stack =
    'Error: x\n    at eval (eval at f (http://localhost:5173/app.js:1:1), <anonymous>:2:7)'
  assert.is(cleanStack(stack), stack)
})

test.run()
