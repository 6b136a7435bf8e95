import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  generateRealmName,
  NATURE_WORDS,
  realmLogPath,
  sanitizeRealmName,
  workerRealmName,
} from './names.js'

test('a realm name is N-word-HHMM-SS with N from 5 to 19', () => {
  const now = new Date(2026, 0, 1, 12, 1, 3)
  assert.is(generateRealmName({ random: () => 0, now }), '5-ash-1201-03')
  assert.is(generateRealmName({ random: () => 0.9999999, now }), '19-zen-1201-03')
  for (let i = 0; i < 200; i++) {
    assert.match(generateRealmName({ random: Math.random, now }), /^(?:[5-9]|1\d)-[a-z]+-1201-03$/)
  }
})

test('the word list has about 48 distinct short words', () => {
  assert.is(new Set(NATURE_WORDS).size, NATURE_WORDS.length)
  assert.ok(NATURE_WORDS.length >= 40 && NATURE_WORDS.length <= 56)
  assert.ok(NATURE_WORDS.every((word) => /^[a-z]{2,6}$/.test(word)))
})

test('a random source outside [0, 1) still yields a valid name', () => {
  const now = new Date(2026, 0, 1, 0, 0, 0)
  assert.is(generateRealmName({ random: () => 1, now }), '19-zen-0000-00')
  assert.is(generateRealmName({ random: () => -3, now }), '5-ash-0000-00')
})

test('names are sanitised to lower-case runs of [a-z0-9] joined by single dashes', () => {
  assert.equal(
    ['7-zen-1201-03', 'My Page (2)!', '--a__b--', 'Ünïcode 🦀 tab', '...', ''].map(
      sanitizeRealmName,
    ),
    ['7-zen-1201-03', 'my-page-2', 'a-b', 'n-code-tab', 'realm', 'realm'],
  )
  assert.is(realmLogPath('7-zen-1201-03-webworker'), 'daebug/7-zen-1201-03-webworker.md')
  assert.is(workerRealmName('7-zen-1201-03'), '7-zen-1201-03-webworker')
})

test.run()
