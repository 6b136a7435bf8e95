import { test } from 'uvu'
import * as assert from 'uvu/assert'
import pkg from '../package.json' with { type: 'json' }
import { main, parseServeArgs } from './main.js'
import { SERVE_OPTIONS } from './options.js'

function capture() {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    output: {
      out: (t: string) => void out.push(t),
      err: (t: string) => void err.push(t),
      write: (t: string) => void out.push(t),
    },
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
  const help = io.out.join('\n')
  assert.match(help, /^Usage:\n {2}daebug \[options\]/m)
  for (const name of Object.keys(SERVE_OPTIONS))
    assert.ok(help.includes(`--${name}`), `--${name} is in --help`)
})

test('an unknown option is a usage error with a hint, exit 2', async () => {
  const io = capture()
  assert.is(await main(['--nope'], io.output), 2)
  assert.match(io.err[0]!, /^daebug: Unknown option '--nope'/)
  assert.is(io.err[1], 'Run `daebug --help` for the options.')
})

test('a bad --port or --log-format is a usage error naming the option', async () => {
  for (const [args, message] of [
    [['--port', 'abc'], "--port must be a whole number from 1 to 65535, got 'abc'."],
    [['--log-format', 'xml'], "--log-format must be 'text' or 'json', got 'xml'."],
    [['--root', '/no/such/dir'], '--root /no/such/dir is not a directory.'],
    [
      ['--max-log', '1T'],
      "--max-log must be a size from 16K to 1024M (e.g. 512K or 2M), got '1T'.",
    ],
    [
      ['--max-log', '100'],
      "--max-log must be a size from 16K to 1024M (e.g. 512K or 2M), got '100'.",
    ],
  ] as const) {
    const io = capture()
    assert.is(await main([...args], io.output), 2)
    assert.is(io.err[0], `daebug: ${message}`)
  }
})

test('--max-log reads bytes, K and M, and defaults to 1 MiB', () => {
  const maxLog = (args: string[]) => {
    const command = parseServeArgs(args)
    return command.type === 'serve' ? command.settings.maxLogBytes : command.type
  }
  assert.equal(
    [
      maxLog([]),
      maxLog(['--max-log', '65536']),
      maxLog(['--max-log', '512K']),
      maxLog(['--max-log', '2MiB']),
    ],
    [1024 * 1024, 65536, 512 * 1024, 2 * 1024 * 1024],
  )
})

test('--no-worker turns the web worker realms off and --help lists it', async () => {
  const io = capture()
  await main(['--help'], io.output)
  const settings = (args: string[]) => {
    const command = parseServeArgs(args)
    return command.type === 'serve' ? command.settings.worker : command.type
  }
  assert.equal(
    [
      settings(['--no-worker']),
      settings([]),
      /^ {2}\s*--no-worker {2,}\S/m.test(io.out.join('\n')),
    ],
    [false, true, true],
  )
})

test.run()
