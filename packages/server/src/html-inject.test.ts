import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { injectClient } from './html-inject.js'

const CLIENT = { clientUrl: '/__daebug/client.js' }
const TAG = '<script src="/__daebug/client.js"></script>'
const MAP = { 'node:test': '/__daebug/test-runner.js', '@daebug/assert': '/__daebug/assert.js' }
const MAP_TAG = `<script type="importmap">${JSON.stringify({ imports: MAP })}</script>`

test('the client goes right after <head>, attributes and letter case notwithstanding', () => {
  assert.equal(
    [
      '<!doctype html><html><head><title>x</title></head></html>',
      '<HTML lang="en"><HEAD data-x="1"><title>x</title>',
    ].map((html) => injectClient(html, CLIENT)),
    [
      `<!doctype html><html><head>${TAG}<title>x</title></head></html>`,
      `<HTML lang="en"><HEAD data-x="1">${TAG}<title>x</title>`,
    ],
  )
})

test('without <head> the client goes after <html>, else after a leading doctype, else first', () => {
  assert.equal(
    ['<html lang=en><p>x</p>', '<!DOCTYPE html>\n<p>x</p>', '<p>x</p>', '', '\uFEFF<p>x</p>'].map(
      (html) => injectClient(html, CLIENT),
    ),
    [
      `<html lang=en>${TAG}<p>x</p>`,
      `<!DOCTYPE html>${TAG}\n<p>x</p>`,
      `${TAG}<p>x</p>`,
      TAG,
      `\uFEFF${TAG}<p>x</p>`,
    ],
  )
})

test('<header> and a <head> inside a comment are not taken for the head', () => {
  assert.equal(
    ['<header>x</header>', '<!-- <head> --><head><title>x</title>'].map((html) =>
      injectClient(html, CLIENT),
    ),
    [`${TAG}<header>x</header>`, `<!-- <head> --><head>${TAG}<title>x</title>`],
  )
})

test('a page that already loads the client, by path or by absolute URL, is returned unchanged', () => {
  const pages = [
    `<head>${TAG}</head>`,
    '<head><SCRIPT SRC=/__daebug/client.js></SCRIPT></head>',
    "<head><script defer src='http://localhost:8680/__daebug/client.js'></script></head>",
  ]
  assert.equal(
    pages.map((html) => injectClient(html, { ...CLIENT, importMap: MAP })),
    pages,
  )
})

test('injecting twice gives the same page as injecting once', () => {
  const once = injectClient('<html><head></head></html>', { ...CLIENT, importMap: MAP })
  assert.is(injectClient(once, { ...CLIENT, importMap: MAP }), once)
})

test('a client script only mentioned in a comment does not count as loaded', () => {
  const html = `<!-- ${TAG} --><head></head>`
  assert.is(injectClient(html, CLIENT), `<!-- ${TAG} --><head>${TAG}</head>`)
})

test('the import map goes before the client when the page has none', () => {
  assert.is(
    injectClient('<head></head>', { ...CLIENT, importMap: MAP }),
    `<head>${MAP_TAG}${TAG}</head>`,
  )
})

test("the page's import map is merged in place and its own entries win", () => {
  const page =
    '<head><meta charset="utf-8"><script type="importmap" nonce="n">{"imports":{"node:test":"/mine.js"},"scopes":{"/a/":{"b":"/c.js"}}}</script></head>'
  const merged = JSON.stringify({
    imports: { 'node:test': '/mine.js', '@daebug/assert': '/__daebug/assert.js' },
    scopes: { '/a/': { b: '/c.js' } },
  })
  assert.is(
    injectClient(page, { ...CLIENT, importMap: MAP }),
    `<head>${TAG}<meta charset="utf-8"><script type="importmap" nonce="n">${merged}</script></head>`,
  )
})

test('an import map typed in upper case or without quotes is still the page map', () => {
  const pages = ["<script TYPE='ImportMap'>{}</script>", '<script type=importmap>{}</script>']
  assert.equal(
    pages.map((html) => injectClient(html, { ...CLIENT, importMap: { a: '/a.js' } })),
    [
      `${TAG}<script TYPE='ImportMap'>{"imports":{"a":"/a.js"}}</script>`,
      `${TAG}<script type=importmap>{"imports":{"a":"/a.js"}}</script>`,
    ],
  )
})

test('a broken page import map is left alone and no second map is added', () => {
  const page = '<head><script type="importmap">{ not json</script></head>'
  assert.is(
    injectClient(page, { ...CLIENT, importMap: MAP }),
    `<head>${TAG}<script type="importmap">{ not json</script></head>`,
  )
})

test('import map JSON cannot close its script element', () => {
  const html = injectClient('', { ...CLIENT, importMap: { x: '/</script><script>alert(1)//' } })
  assert.is(html.split('</script>').length - 1, 2)
})

test('the client URL is escaped inside the attribute', () => {
  assert.is(
    injectClient('', { clientUrl: '/c.js?a=1&b="2"' }),
    '<script src="/c.js?a=1&amp;b=&quot;2&quot;"></script>',
  )
})

test('malformed HTML never throws', () => {
  const inputs = [
    '<head',
    '<html',
    '<!--',
    '<script type="importmap">',
    '<head><script',
    '<<<>>>',
    '<!doctype',
    '\0\uFFFF',
  ]
  for (const html of inputs) {
    const out = injectClient(html, { ...CLIENT, importMap: MAP })
    assert.ok(out.includes(TAG), html)
  }
})

test.run()
