/**
 * The file round trip, as an agent makes it: append `1 + n` in a `js` fence below a realm log's
 * footer, and wait until the reply is in the file. Shared by repl-latency.ts and growth.ts.
 */
import { watch } from 'node:fs'
import { appendFile, open } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { logOf } from '../test/e2e/harness.js'

/**
 * How much of the log's end is read to find a reply (it lands above the footer): reading the whole
 * file would be the agent's cost, and it grows with the history growth.ts measures against.
 */
const TAIL = 16 * 1024

/** Whether the last {@link TAIL} bytes of a file hold `expect`. */
async function tailHas(path: string, expect: string): Promise<boolean> {
  const file = await open(path, 'r').catch(() => undefined)
  if (!file) return false
  try {
    const { size } = await file.stat()
    const length = Math.min(size, TAIL)
    const { buffer, bytesRead } = await file.read(Buffer.alloc(length), 0, length, size - length)
    return buffer.toString('utf8', 0, bytesRead).includes(expect)
  } finally {
    await file.close()
  }
}

/** Appends `code` to a log and resolves with the ms until `expect` is in the file. */
export function roundTrip(path: string, code: string, expect: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let done = false
    // The directory, not the file: the server replaces the file by renaming, and a watch on the
    // file would follow the replaced inode.
    const watcher = watch(dirname(path), () => void check())
    const start = performance.now()
    const check = async () => {
      if (done || !(await tailHas(path, expect)) || done) return
      done = true
      watcher.close()
      clearTimeout(timer)
      resolve(performance.now() - start)
    }
    const timer = setTimeout(() => {
      watcher.close()
      reject(new Error(`no reply for ${code} within 20 s`))
    }, 20_000)
    appendFile(path, `\`\`\`js\n${code}\n\`\`\`\n`).then(check, reject)
  })
}

/**
 * `runs` round trips in one realm after `warmup` more, each request with its own value so that its
 * reply is recognised.
 */
export async function measureRealm(
  root: string,
  realm: string,
  runs: number,
  warmup: number,
): Promise<number[]> {
  const path = join(root, logOf(realm))
  const samples: number[] = []
  for (let i = 0; i < warmup + runs; i++) {
    const n = 1_000_000 + Math.floor(Math.random() * 1_000_000)
    const took = await roundTrip(path, `1 + ${n}`, `\`\`\`JSON\n${n + 1}\n\`\`\``)
    if (i >= warmup) samples.push(took)
  }
  return samples
}
