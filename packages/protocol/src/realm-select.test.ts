import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { RealmInfo } from './messages.js'
import { describeRealms, selectRealm } from './realm-select.js'

const realm = (name: string, extra: Partial<RealmInfo> = {}): RealmInfo => ({
  name,
  kind: 'page',
  url: `http://localhost:8123/${name}.html`,
  state: 'live',
  lastSeen: 1,
  logPath: `daebug/${name}.md`,
  ...extra,
})

const realms = [
  realm('1-ash-0900-01', { title: 'Checkout', lastSeen: 5 }),
  realm('1-ash-0900-01-webworker', {
    kind: 'worker',
    url: 'worker://1-ash-0900-01-webworker',
    lastSeen: 9,
  }),
  realm('2-elm-0901-02', { title: 'Admin', lastSeen: 7, url: 'http://localhost:8123/admin/' }),
  realm('3-fig-0902-03', { state: 'disconnected', lastSeen: 99 }),
]

test('no target picks the most recently active connected page', () => {
  assert.is(selectRealm(realms).name, '2-elm-0901-02')
})

test('an exact name wins, else a substring of the name, URL or title, pages first', () => {
  assert.is(selectRealm(realms, '1-ash-0900-01-webworker').name, '1-ash-0900-01-webworker')
  assert.is(selectRealm(realms, 'webworker').name, '1-ash-0900-01-webworker')
  assert.is(selectRealm(realms, 'CHECKOUT').name, '1-ash-0900-01')
  assert.is(selectRealm(realms, '/admin/').name, '2-elm-0901-02')
  assert.is(selectRealm(realms, 'ash').name, '1-ash-0900-01', 'the page before its worker')
})

test('a target that matches no connected realm is NO_REALM, listing the realms', () => {
  try {
    selectRealm(realms, 'fig')
    assert.unreachable()
  } catch (error) {
    assert.is((error as { code: string }).code, 'NO_REALM')
    assert.is(
      (error as Error).message,
      "No connected realm matches 'fig'. Realms: 2-elm-0901-02 (page, http://localhost:8123/admin/), 1-ash-0900-01 (page, http://localhost:8123/1-ash-0900-01.html), 1-ash-0900-01-webworker (worker).",
    )
  }
  assert.throws(() => selectRealm([]), /No page realm is connected \(no realm is connected\)/)
  assert.is(describeRealms([]), 'no realm is connected')
})

test.run()
