/**
 * How a page keeps its realm name across reloads (SPEC §3.4).
 */
import { generateRealmName } from '@daebug/protocol'

/** The `sessionStorage` key that holds the page's realm name. */
export const REALM_NAME_KEY = 'daebug:realm'

/** The part of `Storage` the client uses. */
export interface NameStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/**
 * Returns the page's realm name: the one stored in this tab's `sessionStorage` (so a reload keeps
 * its name and log), or a new one, stored. Storage that throws (privacy modes, sandboxed frames)
 * only costs the name's persistence, never the page.
 */
export function loadRealmName(
  storage: NameStorage | undefined,
  random: () => number,
  now: Date,
): string {
  try {
    const stored = storage?.getItem(REALM_NAME_KEY)
    if (stored) return stored
  } catch {}
  const name = generateRealmName({ random, now })
  try {
    storage?.setItem(REALM_NAME_KEY, name)
  } catch {}
  return name
}
