// Conformance: done callbacks called more than once, and a test that throws after calling done.
import { test } from 'node:test'

test('done twice', (_t, done) => {
  done()
  done()
})
test('done then done(error)', (_t, done) => {
  done()
  done(new Error('second call'))
})
test('done(error) then done', (_t, done) => {
  done(new Error('first call'))
  done()
})
test('done twice, the second later', (_t, done) => {
  done()
  setTimeout(done, 1)
})
test('done then throw', (_t, done) => {
  done()
  throw new Error('thrown after done')
})
test('a test after them', async () => {
  await new Promise((resolve) => setTimeout(resolve, 20))
})
