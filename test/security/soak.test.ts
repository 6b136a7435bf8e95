/**
 * The soak (issue 10, SPEC §8): 5,000 sequential requests in one realm, then 2,000 spread over
 * 20 realms (10 tabs and their workers), while a writer adds notes to the same logs. Every
 * request must have exactly one reply under it, every note must still be there, and the server's
 * RSS must not grow after the first 2,000 requests (start-up: modules load, the heap sizes
 * itself). Prints `requests answered: N/N`.
 *
 * Requests go through the HTTP API, which logs each one as an agent's request would be; rotated
 * parts of a log (none at these sizes, see `test/e2e/rotation.test.ts`) are read with it.
 */
import { appendFile, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { launchBrowser, makeRoot, removeRoot, startServer, waitForRealms } from '../e2e/harness.js'

const mib = (bytes: number): number => Math.round(bytes / 2 ** 20)

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024
}

/** Every log of a realm, rotated parts first. */
async function fullLog(root: string, realm: string): Promise<string> {
  const folder = join(root, 'daebug')
  const parts = (await readdir(folder)).filter(
    (name) => name.startsWith(`${realm}.`) && /\.\d+\.md$/.test(name),
  )
  parts.sort((a, b) => Number(/\.(\d+)\.md$/.exec(a)![1]) - Number(/\.(\d+)\.md$/.exec(b)![1]))
  const texts = await Promise.all(
    [...parts, `${realm}.md`].map((name) => readFile(join(folder, name), 'utf8')),
  )
  return texts.join('\n')
}

/** Checks that each request `k` has exactly one reply under it, with the value `k`. */
function checkReplies(log: string, ids: readonly number[]): string[] {
  const problems: string[] = []
  for (const id of ids) {
    const request = `\`\`\`js\n${id} // soak\n\`\`\`\n`
    const at = log.indexOf(request)
    if (at === -1 || log.indexOf(request, at + 1) !== -1) {
      problems.push(`request ${id} is not in the log exactly once`)
      continue
    }
    const reply = /^#### 👍\S+ to soak at [\d:]+ \(\S+\)\n```JSON\n(\d+)\n```\n/.exec(
      log.slice(at + request.length),
    )
    if (reply?.[1] !== String(id)) problems.push(`request ${id} has no reply ${id} under it`)
  }
  return problems
}

test('5,000 sequential and 2,000 concurrent requests are each answered once, notes survive, RSS stays flat', async () => {
  const root = await makeRoot({})
  const server = await startServer(root)
  const browser = await launchBrowser()
  let answered = 0
  let tried = 0
  try {
    for (let tab = 0; tab < 10; tab++) await (await browser.newPage()).goto(server.url)
    const pages = await waitForRealms(root, 10, 30_000)
    const workers = await waitForRealms(root, 10, 30_000, 'worker')
    const realms = [...pages.slice(0, 10), ...workers.slice(0, 10)]
    assert.is(realms.length, 20)

    const notes = new Map<string, string[]>()
    let writing = true
    const writer = (async () => {
      for (let k = 0; writing; k++) {
        const realm = realms[k % realms.length]!
        const note = `soak note ${k}: the writer was here.`
        notes.set(realm, [...(notes.get(realm) ?? []), note])
        await appendFile(join(root, 'daebug', `${realm}.md`), `${note}\n`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()

    const evaluate = async (realm: string, id: number): Promise<void> => {
      tried++
      const response = await fetch(`${server.url}__daebug/api/realms/${realm}/eval`, {
        method: 'POST',
        body: JSON.stringify({ code: `${id} // soak`, agent: 'soak' }),
      })
      const body = (await response.json()) as { value?: number }
      if (body.value === id) answered++
    }

    const [first] = realms as [string]
    const sequential: number[] = []
    // RSS swings with the garbage collector's timing: what is retained is the floor under the
    // swings, so the floor of requests 1,501–2,000 is compared with that of requests 4,501–5,000.
    // Not earlier: modules load on first use (acorn with the first request, …) and V8 sizes its
    // heap to the request rate in the first seconds; a floor taken then is a start-up figure.
    const floors = { early: Number.POSITIVE_INFINITY, late: Number.POSITIVE_INFINITY }
    const started = Date.now()
    for (let id = 1; id <= 5000; id++) {
      await evaluate(first, id)
      sequential.push(id)
      if (id % 25 === 0 && ((id > 1500 && id <= 2000) || id > 4500)) {
        const rss = await rssOf(server.process.pid!)
        const window = id <= 2000 ? 'early' : 'late'
        floors[window] = Math.min(floors[window], rss)
      }
      if (id % 1000 === 0) {
        const rss = Math.round((await rssOf(server.process.pid!)) / 2 ** 20)
        console.log(`  ${id} sequential requests in ${Date.now() - started} ms; RSS ${rss} MiB`)
      }
    }

    const spread = new Map<string, number[]>()
    await Promise.all(
      realms.map(async (realm, index) => {
        const ids = Array.from({ length: 100 }, (_, k) => 10_000 + index * 100 + k)
        spread.set(realm, ids)
        for (const id of ids) await evaluate(realm, id)
      }),
    )
    writing = false
    await writer
    const rssAtEnd = await rssOf(server.process.pid!)

    const problems: string[] = []
    for (const realm of realms) {
      const log = await fullLog(root, realm)
      const ids = [...(realm === first ? sequential : []), ...(spread.get(realm) ?? [])]
      problems.push(...checkReplies(log, ids).map((problem) => `${realm}: ${problem}`))
      for (const note of notes.get(realm) ?? []) {
        if (!log.includes(note)) problems.push(`${realm}: lost the note '${note}'`)
      }
    }
    console.log(
      `  requests answered: ${answered}/${tried}; RSS floor ${mib(floors.early)} MiB by 2,000, ${mib(floors.late)} MiB by 5,000; ${mib(rssAtEnd)} MiB at the end`,
    )
    assert.equal(problems.slice(0, 10), [], `${problems.length} problems`)
    assert.is(answered, 7000)
    // Flat: what 4,000 more requests add is within the noise of the heap's own growth steps.
    assert.ok(
      floors.late <= floors.early * 1.25 + 16 * 2 ** 20,
      `the RSS floor grew from ${mib(floors.early)} MiB to ${mib(floors.late)} MiB`,
    )
  } finally {
    await browser.close()
    await server.stop()
    await removeRoot(root)
  }
})

test.run()
