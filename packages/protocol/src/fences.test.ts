import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { fenceBody, isExecutableFence, scanFences, writeFence } from './fences.js'

const lines = (text: string) => text.split('\n')

test('fences close only with the same character and at least the same length', () => {
  const doc = lines('````js\n```\nstill code\n~~~~\n````\nafter')
  const { fences, owner } = scanFences(doc)
  assert.is(fences.length, 1)
  assert.is(fences[0]!.close, 4)
  assert.is(fenceBody(doc, fences[0]!), '```\nstill code\n~~~~')
  assert.equal(owner, [0, 0, 0, 0, 0, -1])
})

test('the language is the first word of the info string, lower-cased', () => {
  const { fences } = scanFences(lines('``` JS title=x\n1\n```\n~~~TypeScript\n2\n~~~\n```\n3\n```'))
  assert.equal(
    fences.map((f) => f.lang),
    ['js', 'typescript', ''],
  )
  assert.ok(fences.every(isExecutableFence))
})

test('only untagged, js, javascript, mjs, ts and typescript fences are executable', () => {
  const tags = ['json', 'text', 'bash', 'jsx', 'tsx', 'Text', 'mjs', 'javascript']
  const doc = tags.flatMap((tag) => [`\`\`\`${tag}`, 'x', '```'])
  assert.equal(scanFences(doc).fences.map(isExecutableFence), [
    false,
    false,
    false,
    false,
    false,
    false,
    true,
    true,
  ])
})

test('fences indented four spaces, in blockquotes or inside list items do not count', () => {
  const doc = lines(
    '    ```js\n    1\n    ```\n> ```js\n> 2\n> ```\n- item\n  ```js\n  3\n  ```\n\n```js\n4\n```',
  )
  const { fences } = scanFences(doc)
  assert.equal(
    fences.map((f) => [f.open, f.countable]),
    [
      [7, false],
      [11, true],
    ],
  )
})

test('a fence indented one to three spaces has that indentation removed from its body', () => {
  const doc = lines('  ```js\n  a\n    b\nc\n  ```')
  assert.is(fenceBody(doc, scanFences(doc).fences[0]!), 'a\n  b\nc')
})

test('a backtick fence whose info string holds a backtick is not a fence', () => {
  assert.is(scanFences(lines('``` a`b\ncode\n```')).fences.length, 1)
  assert.is(scanFences(lines('``` a`b\ncode\n```'))!.fences[0]!.open, 2)
})

test('an unclosed fence runs to the end and has close -1', () => {
  const { fences } = scanFences(lines('```js\n1 +'))
  assert.is(fences[0]!.close, -1)
  assert.is(isExecutableFence(fences[0]!), false)
})

test('written fences are longer than any backtick run inside their content', () => {
  assert.is(writeFence('JSON', '42'), '```JSON\n42\n```')
  assert.is(writeFence('Text', 'a ``` b'), '````Text\na ``` b\n````')
  assert.is(writeFence('Text', '``````'), '```````Text\n``````\n```````')
  const doc = lines(writeFence('Text', '```\n````\nend'))
  assert.is(fenceBody(doc, scanFences(doc).fences[0]!), '```\n````\nend')
})

test.run()
