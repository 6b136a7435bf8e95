/**
 * How a run finds and loads its test files. The default environment takes the files as given
 * (paths or URLs), or asks the Daebug server that served the runner (daebug-realm.ts), and loads
 * each with `import()`; a file loaded before in this realm is loaded
 * again under a fresh URL (`?daebug-run=N`), so a second run sees its tests (and its edits).
 */

import { daebugEnvironment, daebugServerOf } from './daebug-realm.js'
import { baseUrl } from './host.js'

/** What a run needs from its surroundings to find and load test files. */
export interface RunEnvironment {
  /** Expands the run's `files` (paths, URLs, or globs where supported) into files to load. */
  resolveFiles(files: string[]): Promise<string[]>
  /** Loads one test file, given as the URL resolved from its path. */
  importFile(url: string): Promise<unknown>
  /** The files of a run given no `files`; without it, such a run has none. */
  findAllFiles?(): Promise<string[]>
}

const loaded = new Set<string>()
let loads = 0

/** The query parameter a re-imported file carries; reports leave it out (location.ts). */
const RELOAD_PARAMETER = 'daebug-run'

/** A test file's URL: URLs stay, paths resolve against the working directory or the page. */
export function testFileUrl(file: string): string {
  if (/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(file) && !/^[a-zA-Z]:[\\/]/.test(file)) return file
  const base = baseUrl()
  const path = /^[a-zA-Z]:[\\/]/.test(file) ? `/${file.replaceAll('\\', '/')}` : file
  if (base === undefined) return path
  const encoded = base.startsWith('file:')
    ? encodeURI(path).replaceAll('?', '%3F').replaceAll('#', '%23')
    : path
  return new URL(encoded, base).href
}

/** Loads `url` with `import()`, under a fresh URL when this realm has loaded it before. */
export function importTestFile(url: string): Promise<unknown> {
  let specifier = url
  if (loaded.has(url)) {
    loads++
    specifier = `${url}${url.includes('?') ? '&' : '?'}${RELOAD_PARAMETER}=${loads}`
  }
  loaded.add(url)
  return import(/* @vite-ignore */ specifier)
}

/** The environment of a run: the given functions, the defaults for the others. */
export function defaultEnvironment(given: Partial<RunEnvironment> = {}): RunEnvironment {
  const served = daebugServerOf(import.meta.url)
  const inWorker = !('document' in globalThis)
  const daebug: Partial<RunEnvironment> = served ? daebugEnvironment(served, inWorker) : {}
  const environment: RunEnvironment = {
    resolveFiles: given.resolveFiles ?? daebug.resolveFiles ?? ((files) => Promise.resolve(files)),
    importFile: given.importFile ?? importTestFile,
  }
  const findAllFiles = given.findAllFiles ?? daebug.findAllFiles
  if (findAllFiles) environment.findAllFiles = findAllFiles
  return environment
}
