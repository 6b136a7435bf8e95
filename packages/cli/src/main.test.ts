import { test } from 'uvu'
import * as assert from 'uvu/assert'
import pkg from '../package.json' with { type: 'json' }
import { main } from './main.js'

function capture() {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    output: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) },
  }
}

test('--version prints the package version on stdout and exits 0', async () => {
  const io = capture()
  assert.is(await main(['--version'], io.output), 0)
  assert.equal(io.out, [pkg.version])
})

test('--help prints the usage on stdout and exits 0', async () => {
  const io = capture()
  assert.is(await main(['--help'], io.output), 0)
  assert.match(io.out.join('\n'), /Usage:\n {2}daebug \[--root DIR\]/)
})

test('an unknown option is a usage error with a hint, exit 2', async () => {
  const io = capture()
  assert.is(await main(['--nope'], io.output), 2)
  assert.match(io.err[0]!, /^daebug: Unknown option '--nope'/)
  assert.is(io.err[1], 'Run `daebug --help` for the options.')
})

test.run()
