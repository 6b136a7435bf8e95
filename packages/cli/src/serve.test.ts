import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { formatEvent } from './serve.js'

const realm = {
  name: '7-zen-1201-03',
  kind: 'page' as const,
  url: 'http://localhost:8680/',
  state: 'live' as const,
  lastSeen: 0,
  logPath: 'daebug/7-zen-1201-03.md',
}

test('serve mode prints one line per realm and per job', () => {
  const lines = [
    formatEvent({ type: 'realm:connected', time: 0, realm }, 'text'),
    formatEvent(
      {
        type: 'job:accepted',
        time: 0,
        realm: realm.name,
        jobId: 'j',
        agent: 'agent',
        transport: 'file',
        mode: 'eval',
        code: '1 +\n 1',
        queued: 0,
      },
      'text',
    ),
    formatEvent(
      { type: 'job:started', time: 0, realm: realm.name, jobId: 'j', agent: 'agent' },
      'text',
    ),
    formatEvent(
      {
        type: 'job:finished',
        time: 0,
        realm: realm.name,
        jobId: 'j',
        agent: 'agent',
        ok: true,
        durationMs: 5,
      },
      'text',
    ),
    formatEvent({ type: 'realm:disconnected', time: 0, realm }, 'text'),
  ]
  assert.equal(lines, [
    '+ 7-zen-1201-03 (http://localhost:8680/)',
    '> agent → 7-zen-1201-03 "1 + 1"',
    undefined,
    '< 7-zen-1201-03 👍 5ms',
    '- 7-zen-1201-03',
  ])
})

test('--log-format json prints each lifecycle event as one JSON object', () => {
  const event = {
    type: 'job:started' as const,
    time: 1,
    realm: realm.name,
    jobId: 'j',
    agent: 'agent',
  }
  assert.equal(JSON.parse(formatEvent(event, 'json')!), event)
})

test.run()
