import { test } from 'uvu'
import * as assert from 'uvu/assert'
import pkg from '../package.json' with { type: 'json' }

test('@daebug/protocol has no dependencies of any kind at run time', () => {
  const manifest: Record<string, unknown> = pkg
  for (const field of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
    'bundleDependencies',
  ]) {
    assert.equal(manifest[field] ?? {}, {}, `${field} must stay empty`)
  }
})

test.run()
