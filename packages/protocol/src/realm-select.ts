/**
 * Which realm a target names (SPEC §4): the same rule for HTTP, the relay, MCP and the CLI's
 * `--page`. Exact name, else a case-insensitive substring of the name, the URL or the page title;
 * pages before workers, most recently active first. No target: the most recently active page.
 */
import { DaebugError } from './errors.js'
import type { RealmInfo } from './messages.js'

/** A realm that can take jobs now. */
export function isConnected(realm: Pick<RealmInfo, 'state'>): boolean {
  return realm.state !== 'disconnected' && realm.state !== 'failed'
}

function byPreference(a: RealmInfo, b: RealmInfo): number {
  if (a.kind !== b.kind) return a.kind === 'page' ? -1 : 1
  return b.lastSeen - a.lastSeen
}

/** The realms as one line: `a (page, http://localhost:8123/), a-webworker (worker)`. */
export function describeRealms(realms: readonly RealmInfo[]): string {
  const connected = realms.filter(isConnected)
  if (!connected.length) return 'no realm is connected'
  return [...connected]
    .sort(byPreference)
    .map((realm) => `${realm.name} (${realm.kind === 'page' ? `page, ${realm.url}` : 'worker'})`)
    .join(', ')
}

/**
 * The connected realm `target` names, or without a target the most recently active page.
 * Throws a `DaebugError` `NO_REALM` that lists the connected realms when none matches.
 * @example
 * selectRealm(realms, 'webworker').name // '7-zen-1201-03-webworker'
 */
export function selectRealm(realms: readonly RealmInfo[], target?: string): RealmInfo {
  const connected = realms.filter(isConnected).sort(byPreference)
  if (target === undefined || target === '') {
    const page = connected.find((realm) => realm.kind === 'page')
    if (page) return page
    throw new DaebugError(
      'NO_REALM',
      `No page realm is connected (${describeRealms(realms)}): open the server's URL in a browser, then try again.`,
    )
  }
  const exact = connected.find((realm) => realm.name === target)
  if (exact) return exact
  const needle = target.toLowerCase()
  const found = connected.find((realm) =>
    [realm.name, realm.url, realm.title ?? ''].some((text) => text.toLowerCase().includes(needle)),
  )
  if (found) return found
  throw new DaebugError(
    'NO_REALM',
    `No connected realm matches '${target}'. Realms: ${describeRealms(realms)}.`,
  )
}
