import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadRealmName, REALM_NAME_KEY } from './realm-name.js'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  }
}

const now = new Date(2026, 0, 1, 12, 1, 3)

test('a new tab gets a fresh name and stores it', () => {
  const storage = memoryStorage()
  const name = loadRealmName(storage, () => 0, now)
  assert.is(name, '5-ash-1201-03')
  assert.is(storage.data.get(REALM_NAME_KEY), name)
})

test('a reloaded tab keeps the name it stored', () => {
  const storage = memoryStorage({ [REALM_NAME_KEY]: '9-fern-0800-00' })
  assert.is(
    loadRealmName(storage, () => 0.5, now),
    '9-fern-0800-00',
  )
})

test('storage that throws still yields a name', () => {
  const broken = {
    getItem: () => {
      throw new Error('denied')
    },
    setItem: () => {
      throw new Error('denied')
    },
  }
  assert.is(
    loadRealmName(broken, () => 0, now),
    '5-ash-1201-03',
  )
})

test.run()
