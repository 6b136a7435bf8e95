// Conformance: top-level and suite beforeEach/afterEach around t.test subtests.
import { afterEach, beforeEach, describe, it, test } from 'node:test'

const log = []
beforeEach((t) => {
  log.push(`root beforeEach ${t.name}`)
})
afterEach((t) => {
  log.push(`root afterEach ${t.name}`)
})

test('parent', async (t) => {
  log.push('parent')
  await t.test('child 1', async (t) => {
    log.push('child 1')
    await t.test('grandchild', () => {
      log.push('grandchild')
    })
  })
  await t.test('child 2', () => {
    log.push('child 2')
  })
})

describe('suite', () => {
  beforeEach((t) => {
    log.push(`suite beforeEach ${t.name}`)
  })
  it('with a subtest', async (t) => {
    log.push('with a subtest')
    await t.test('sub', () => {
      log.push('sub')
    })
  })
})

test('report', (t) => {
  t.diagnostic(log.join(' | '))
})
