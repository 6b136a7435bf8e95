/**
 * `--headless` (SPEC §9): a headless browser launched on this machine with `playwright-core`.
 * Chromium is the system's, else one Playwright installed; without either, the error names both
 * ways to get one. Firefox and WebKit (`--browser`) are Playwright's own builds. Opening the
 * project's page is shared with remote browsers (browsers.ts).
 */
import { access } from 'node:fs/promises'
import type { Browser, BrowserType } from 'playwright-core'
import { UsageError } from './serve.js'

/** Where Debian, Ubuntu and most Linux packages put Chromium. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/** The browser engines Playwright drives (`--browser`). */
export const BROWSER_NAMES = ['chromium', 'firefox', 'webkit'] as const

/** One of {@link BROWSER_NAMES}. */
export type BrowserName = (typeof BROWSER_NAMES)[number]

/** How messages name each engine. */
export const BROWSER_TITLES: Record<BrowserName, string> = {
  chromium: 'Chromium',
  firefox: 'Firefox',
  webkit: 'WebKit',
}

// Closed networks make Chromium wait on its own background requests; a test browser needs none.
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

/** `playwright-core`, loaded only when a browser is needed; a `UsageError` when it is missing. */
export async function loadPlaywright(option: string): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core')
  } catch {
    throw new UsageError(
      `${option} needs the playwright-core package: install it next to @daebug/cli (npm i -D playwright-core).`,
    )
  }
}

/** The Chromium to launch: the system's, else Playwright's; a `UsageError` naming both if neither. */
export async function findChromium(
  chromium: Pick<BrowserType, 'executablePath'>,
  system: string = SYSTEM_CHROMIUM,
): Promise<string> {
  if (await exists(system)) return system
  const installed = chromium.executablePath()
  if (installed && (await exists(installed))) return installed
  throw new UsageError(
    `--headless found no Chromium: none at ${system}, and no browser installed by Playwright. Install one with your package manager (e.g. apt-get install chromium), or run: npx playwright install chromium`,
  )
}

/**
 * The executable of `name`: for Chromium {@link findChromium}; for Firefox and WebKit, the build
 * Playwright installed, else a one-line `UsageError` saying how to install it.
 */
export async function findBrowser(
  name: BrowserName,
  type: Pick<BrowserType, 'executablePath'>,
): Promise<string> {
  if (name === 'chromium') return findChromium(type)
  let path = ''
  try {
    path = type.executablePath()
  } catch {
    // Playwright throws when this platform has no build of the browser: not installed, either.
  }
  if (path && (await exists(path))) return path
  throw new UsageError(
    `--browser ${name}: Playwright's ${BROWSER_TITLES[name]} is not installed here (run: npx playwright install ${name})`,
    null,
  )
}

/** Launches `name` headless on this machine. */
export async function launchLocal(
  playwright: typeof import('playwright-core'),
  name: BrowserName,
): Promise<Browser> {
  const type = playwright[name]
  const executablePath = await findBrowser(name, type)
  // Chromium's sandbox cannot start as root (containers, CI).
  const asRoot = process.getuid?.() === 0
  return type.launch({
    executablePath,
    headless: true,
    // The command stops the browser itself on Ctrl-C; Playwright's own handler would exit(130).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    ...(name === 'chromium'
      ? { args: asRoot ? ['--no-sandbox', ...CHROMIUM_ARGS] : CHROMIUM_ARGS }
      : {}),
  })
}
