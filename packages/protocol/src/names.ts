/**
 * Realm names (`7-zen-1201-03`) and the file names derived from them (SPEC §2.2, §3.4).
 */

/** The ~48 short nature words realm names are made from. */
export const NATURE_WORDS: readonly string[] = [
  'ash',
  'bay',
  'birch',
  'bloom',
  'brook',
  'cedar',
  'cliff',
  'cloud',
  'coral',
  'cove',
  'dawn',
  'dew',
  'dune',
  'dusk',
  'elm',
  'fern',
  'fjord',
  'flint',
  'frost',
  'glade',
  'glen',
  'grove',
  'hail',
  'heath',
  'hill',
  'iris',
  'isle',
  'ivy',
  'lake',
  'leaf',
  'lotus',
  'maple',
  'marsh',
  'mist',
  'moss',
  'oak',
  'pine',
  'rain',
  'reed',
  'ridge',
  'river',
  'sage',
  'sky',
  'snow',
  'star',
  'stone',
  'tide',
  'zen',
]

/** What a realm name is made from: a random source in [0, 1) and the browser's local time. */
export interface RealmNameSeed {
  random: () => number
  now: Date
}

/**
 * Makes a page realm name `<N>-<word>-<HHMM>-<SS>`: N a random 5–19, a random nature word, and the
 * local time. Randomness and time are injected.
 * @example generateRealmName({ random: () => 0.1, now: new Date(2026, 0, 1, 12, 1, 3) }) // '6-bay-1201-03'
 */
export function generateRealmName({ random, now }: RealmNameSeed): string {
  const pick = (n: number): number => Math.min(n - 1, Math.floor(Math.max(0, random()) * n))
  const pad = (n: number): string => String(n).padStart(2, '0')
  const n = 5 + pick(15)
  const word = NATURE_WORDS[pick(NATURE_WORDS.length)]
  return `${n}-${word}-${pad(now.getHours())}${pad(now.getMinutes())}-${pad(now.getSeconds())}`
}

/** The name of the web worker realm that belongs to a page realm. */
export function workerRealmName(pageRealm: string): string {
  return `${pageRealm}-webworker`
}

/**
 * Sanitises a realm name for use as a file name: lower-case, every run of characters outside
 * `[a-z0-9]` becomes one `-`, leading and trailing `-` removed. A name with nothing left is `realm`.
 */
export function sanitizeRealmName(name: string): string {
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return clean || 'realm'
}

/** The log path of a realm relative to the root: `daebug/<sanitised name>.md`. */
export function realmLogPath(name: string): string {
  return `daebug/${sanitizeRealmName(name)}.md`
}
