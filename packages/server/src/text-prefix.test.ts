import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { sharedPrefix, utf8Length } from './text-prefix.js'

const PIECES = ['a', '\n', 'é', '中', '😀', '\ud800', '\udc00', '🗣️', 'x'.repeat(700)]

/** A deterministic text of `count` pieces, lone surrogates included. */
function textOf(count: number, seed: number): string {
  let text = ''
  let state = seed
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    text += PIECES[state % PIECES.length]
  }
  return text
}

test('the UTF-8 length of a text, or of its end, is what TextEncoder writes', () => {
  const encoder = new TextEncoder()
  for (let seed = 1; seed < 40; seed++) {
    const text = textOf(200, seed)
    for (const from of [0, 1, 57, text.length - 1, text.length]) {
      if (text.charCodeAt(from) >= 0xdc00 && text.charCodeAt(from) <= 0xdfff) continue
      assert.is(utf8Length(text, from), encoder.encode(text.slice(from)).length, `seed ${seed}`)
    }
  }
})

test('a shared beginning is one both texts start with, and never ends inside a surrogate pair', () => {
  for (let seed = 1; seed < 40; seed++) {
    const before = textOf(400, seed)
    for (const after of [`${before}tail`, `${before.slice(0, -300)}😀 edited`, `X${before}`]) {
      const at = sharedPrefix(before, after)
      assert.is(after.slice(0, at), before.slice(0, at))
      const last = before.charCodeAt(at - 1)
      assert.ok(!(last >= 0xd800 && last <= 0xdbff), `seed ${seed} splits a pair at ${at}`)
    }
    assert.ok(sharedPrefix(before, `${before}tail`) > 0, 'an append shares all but the end')
    assert.is(sharedPrefix(before, `X${before}`), 0)
  }
})

test.run()
