// Conformance: tests run one after another even when earlier ones are slower.
import { after, describe, it, test } from 'node:test'

const log = []
after((t) => t.diagnostic(log.join(' | ')))
const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

test('slow', async () => {
  await tick(20)
  log.push('slow')
})
test('fast', async () => {
  log.push('fast')
})
describe('suite', () => {
  it('slow in a suite', async () => {
    await tick(10)
    log.push('slow in a suite')
  })
  it('sync in a suite', () => {
    log.push('sync in a suite')
  })
})
test('subtests in order', async (t) => {
  const order = []
  await Promise.all([
    t.test('a', async () => {
      await tick(10)
      order.push('a')
    }),
    t.test('b', () => {
      order.push('b')
    }),
  ])
  log.push(`subtests ${order.join(',')}`)
})
