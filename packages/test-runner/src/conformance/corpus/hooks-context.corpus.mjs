// Conformance: the test context's own hooks (t.before, t.beforeEach, t.afterEach, t.after) around its subtests.
import { test } from 'node:test'

const log = []

test('parent with context hooks', async (t) => {
  t.before(() => {
    log.push('t.before')
  })
  t.beforeEach((t) => {
    log.push(`t.beforeEach ${t.name}`)
  })
  t.afterEach((t) => {
    log.push(`t.afterEach ${t.name}`)
  })
  t.after(() => {
    log.push('t.after')
  })
  log.push('parent body')
  await t.test('one', () => {
    log.push('one')
  })
  await t.test('two', async (t) => {
    log.push('two')
    await t.test('nested', () => {
      log.push('nested')
    })
  })
  log.push('parent body end')
})

test('report', (t) => {
  t.diagnostic(log.join(' | '))
})
