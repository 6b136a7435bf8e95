import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readImportMap } from './import-map.js'

const doc = (...maps: string[]) => ({
  querySelectorAll: () => maps.map((textContent) => ({ textContent })),
})

test("a page's import maps are merged, the first winning, and broken ones skipped", () => {
  const map = readImportMap(
    doc(
      '{"imports":{"lit":"/a/lit.js"},"scopes":{"/x/":{"lit":"/x/lit.js"}}}',
      'not json',
      '{"imports":{"lit":"/b/lit.js","other":"/o.js","bad":1}}',
    ),
  )
  assert.equal(map, {
    imports: { lit: '/a/lit.js', other: '/o.js' },
    scopes: { '/x/': { lit: '/x/lit.js' } },
  })
})

test('no import map, or a document that cannot be read, gives none', () => {
  assert.is(readImportMap(doc()), undefined)
  assert.is(readImportMap(undefined), undefined)
  const broken = {
    querySelectorAll: () => {
      throw new Error('no')
    },
  }
  assert.is(readImportMap(broken), undefined)
})

test.run()
