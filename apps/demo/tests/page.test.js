// Tests of the page itself. They run in a fresh hidden copy of the page's document context
// (`daebug --test` isolates each run), so they build the markup they need.
import assert from 'node:assert/strict'
import { test } from 'node:test'

test('the page has a counter output and two buttons', {
  skip: typeof document === 'undefined' && 'needs a DOM (a page realm)',
}, async () => {
  const html = await (await fetch(new URL('../index.html', import.meta.url))).text()
  const page = new DOMParser().parseFromString(html, 'text/html')
  assert.equal(page.querySelector('output#count')?.textContent, '0')
  assert.deepEqual(
    [...page.querySelectorAll('button')].map((button) => button.id),
    ['increment', 'reset'],
  )
})
