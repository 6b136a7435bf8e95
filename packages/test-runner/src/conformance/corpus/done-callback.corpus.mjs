// Conformance: tests that take a done callback: called at once, later, with an error, with other values.
import { test } from 'node:test'

test('done at once', (_t, done) => {
  done()
})
test('done later', (_t, done) => {
  setTimeout(done, 5)
})
test('done(error)', (_t, done) => {
  done(new Error('failed through done'))
})
test('done(error) later', (_t, done) => {
  setTimeout(() => done(new TypeError('later failure')), 1)
})
test('done(null)', (_t, done) => {
  done(null)
})
test('done(undefined)', (_t, done) => {
  done(undefined)
})
test('done(a string)', (_t, done) => {
  done('a string reason')
})
test('done(0)', (_t, done) => {
  done(0)
})
test('done(false)', (_t, done) => {
  done(false)
})
test('done passed on to a callback API', (_t, done) => {
  queueMicrotask(done)
})
