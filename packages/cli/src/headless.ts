/**
 * `--headless` (SPEC §9): a headless Chromium, driven with `playwright-core`, that opens the
 * project's page so that an agent with no browser open still gets realms. The browser is the
 * system's Chromium, else one Playwright installed; without either, the error names both ways
 * to get one.
 */
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { BLANK_PATH } from '@daebug/server'
import { UsageError } from './serve.js'

/** Where Debian, Ubuntu and most Linux packages put Chromium. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/** A launched browser showing the project. */
export interface HeadlessBrowser {
  close(): Promise<void>
}

// Closed networks make Chromium wait on its own background requests; a test browser needs none.
const ARGS = [
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

type Chromium = typeof import('playwright-core').chromium

async function loadChromium(): Promise<Chromium> {
  try {
    return (await import('playwright-core')).chromium
  } catch {
    throw new UsageError(
      '--headless needs the playwright-core package: install it next to @daebug/cli (npm i -D playwright-core).',
    )
  }
}

/** The Chromium to launch: the system's, else Playwright's; a `UsageError` naming both if neither. */
export async function findChromium(
  chromium: Chromium,
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
 * Launches a headless Chromium on the project's page (the root's `index.html`, else a blank page
 * the server serves) and waits until it has loaded.
 */
export async function openHeadless(serverUrl: string, root: string): Promise<HeadlessBrowser> {
  const page = (await exists(join(root, 'index.html'))) ? '/' : BLANK_PATH
  const url = new URL(page, serverUrl).href
  const chromium = await loadChromium()
  const executablePath = await findChromium(chromium)
  const asRoot = process.getuid?.() === 0
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    // The command stops the browser itself on Ctrl-C; Playwright's own handler would exit(130).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Chromium's sandbox cannot start as root (containers, CI).
    args: asRoot ? ['--no-sandbox', ...ARGS] : ARGS,
  })
  try {
    const page = await browser.newPage()
    await page.goto(url, { waitUntil: 'load' })
  } catch (error) {
    await browser.close().catch(() => {})
    throw error
  }
  return { close: () => browser.close() }
}
