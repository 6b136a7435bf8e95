// `npm test`: runs every workspace's tests through turbo, streams their output, and ends with one
// line that sums all suites: `N passed, N failed, N skipped`. A suite that crashed before printing
// its uvu summary counts as one failure, so a broken suite can never look green.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const ANSI = /\u001b\[[0-9;]*m/g
const args = ['turbo', 'run', 'test', '--continue', '--log-order=grouped', ...process.argv.slice(2)]
const child = spawn('npx', args, {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: '1',
    FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
  },
})

const suites = new Map() // task prefix -> { total, passed, skipped }
const failedTasks = new Set()
for await (const raw of createInterface({ input: child.stdout })) {
  console.log(raw)
  const line = raw.replace(ANSI, '')
  const summary = /^(.*?):\s*(Total|Passed|Skipped):\s+(\d+)\s*$/.exec(line)
  if (summary) {
    const [, task, field, count] = summary
    const suite = suites.get(task) ?? { total: 0, passed: 0, skipped: 0 }
    suite[field.toLowerCase()] += Number(count)
    suites.set(task, suite)
  }
  const failed = /^\s*Failed:\s+(.+#test.*)$/.exec(line)
  if (failed)
    for (const task of failed[1].split(/,\s*/)) failedTasks.add(task.replace(/#test$/, ''))
}
const code = await new Promise((done) => child.on('close', done))

let passed = 0
let failed = 0
let skipped = 0
for (const suite of suites.values()) {
  passed += suite.passed
  failed += suite.total - suite.passed
  skipped += suite.skipped
}
for (const task of failedTasks) {
  const suite = [...suites.entries()].find(([prefix]) => prefix.startsWith(`${task}:`))?.[1]
  if (!suite || suite.total === suite.passed) failed += 1
}
if (code !== 0 && failed === 0) failed = 1
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = code === 0 && failed === 0 ? 0 : 1
