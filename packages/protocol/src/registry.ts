/**
 * The registry `daebug.md` at the root (SPEC §2.1, §2.9): which realms are connected, in what
 * state, and where their logs are.
 */

import { splitLines } from './log-parse.js'
import { realmLogPath } from './names.js'

/** A realm's state as the registry shows it. */
export type RegistryState = 'live' | 'executing' | 'queued' | 'disconnected' | 'reloaded' | 'failed'

/** One line of the registry's list. */
export interface RegistryRealm {
  name: string
  /** `location.href` of a page, `worker://<name>` of a worker. */
  url: string
  /** The realm's last state change, `HH:MM:SS`. */
  at: string
  state: RegistryState
  /** Jobs waiting, with `state: 'queued'`. */
  queued?: number
}

/** What the registry holds. */
export interface Registry {
  /** The server's URL, e.g. `http://localhost:8680/`. */
  url: string
  /** Start time, `HH:MM:SS`. */
  since: string
  /** Shut-down time, `HH:MM:SS`, once the server stopped. */
  stoppedAt?: string
  /** Realms, most recently active first (the caller orders them). */
  realms: RegistryRealm[]
}

/** The line that, alone on a line of `daebug.md`, stops the server. */
export const SHUTDOWN_LINE = '%%SHUTDOWN%%'

const EMPTY_LIST = '(no realms connected yet)'

function formatState(realm: RegistryRealm): string {
  return realm.state === 'queued' ? `queued ${realm.queued ?? 1}` : realm.state
}

/** Formats one realm line: `* [name](daebug/name.md) (url) at HH:MM:SS: state`. */
export function formatRegistryLine(realm: RegistryRealm): string {
  return `* [${realm.name}](${realmLogPath(realm.name)}) (${realm.url}) at ${realm.at}: ${formatState(realm)}`
}

/** Formats the whole registry, running or stopped. */
export function formatRegistry(registry: Registry): string {
  const title = registry.stoppedAt
    ? `# 👾 Daebug stopped at ${registry.stoppedAt} (ran since ${registry.since})`
    : `# 👾 Daebug at ${registry.url} since ${registry.since}`
  const list = registry.realms.length
    ? registry.realms.map(formatRegistryLine).join('\n')
    : EMPTY_LIST
  const usage = registry.stoppedAt
    ? `## Start again
Run \`npx @daebug/cli\` in this directory; open ${registry.url} and the realms come back.`
    : `## How to use
- Open a realm's log, append a fenced \`js\` block below its last line, and save: the reply, its
  duration, console output and errors appear under your block.
- No realm listed? Open ${registry.url} in a browser.
- From a shell: \`daebug eval "document.title"\`; tests: \`daebug --test\`.

## Stop
Write \`${SHUTDOWN_LINE}\` on a line of its own in this file and save: jobs still running are
interrupted and the server exits.`
  return `${title}

> This file lists the live JavaScript realms (browser pages and their web workers) connected to Daebug; each link is a Markdown REPL log into one realm. The server rewrites this file.

${list}

${usage}
`
}

const TITLE_RUNNING = /^# 👾 Daebug at (\S+) since (\d\d:\d\d:\d\d)$/u
const TITLE_STOPPED = /^# 👾 Daebug stopped at (\d\d:\d\d:\d\d) \(ran since (\d\d:\d\d:\d\d)\)$/u
const REALM_LINE =
  /^\* \[(.+?)\]\((.+?)\) \((.*)\) at (\d\d:\d\d:\d\d): (live|executing|queued \d+|disconnected|reloaded|failed)$/
const START_AGAIN =
  /^Run `npx @daebug\/cli` in this directory; open (\S+) and the realms come back\.$/

/**
 * Reads a registry written by {@link formatRegistry}. Unknown lines are ignored, so a registry a
 * person edited still yields what it can; never throws.
 */
export function parseRegistry(text: string): Registry {
  const registry: Registry = { url: '', since: '', realms: [] }
  for (const line of splitLines(text)) {
    const running = TITLE_RUNNING.exec(line)
    if (running) Object.assign(registry, { url: running[1], since: running[2] })
    const stopped = TITLE_STOPPED.exec(line)
    if (stopped) Object.assign(registry, { stoppedAt: stopped[1], since: stopped[2] })
    const again = START_AGAIN.exec(line)
    if (again) registry.url = again[1]!
    const realm = REALM_LINE.exec(line)
    if (!realm) continue
    const [state, queued] = realm[5]!.split(' ')
    registry.realms.push({
      name: realm[1]!,
      url: realm[3]!,
      at: realm[4]!,
      state: state as RegistryState,
      ...(queued ? { queued: Number(queued) } : {}),
    })
  }
  return registry
}

/** True when a line of the text is exactly `%%SHUTDOWN%%` after trimming (SPEC §2.1). */
export function hasShutdownLine(text: string): boolean {
  return splitLines(text).some((line) => line.trim() === SHUTDOWN_LINE)
}
