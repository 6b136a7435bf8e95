/**
 * The conformance corpus: test files written exactly as node:test users write them
 * (`corpus/<name>.corpus.mjs`, named so that the package's uvu runner does not collect them), and
 * what each file's header comments say about how to run it:
 *
 * ```js
 * // Conformance: <what the file covers>
 * // flags: --test-only                   (a node --test flag; one per line, repeatable)
 * // node-only: <why it cannot run in a browser>
 * ```
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The folder of the corpus files. */
export const CORPUS_DIR: string = join(dirname(fileURLToPath(import.meta.url)), 'corpus')

/** One corpus file and how to run it. */
export interface CorpusFile {
  /** The file name, e.g. `hooks-top-level.corpus.mjs`. */
  name: string
  path: string
  url: string
  /** What the file covers (its first comment). */
  covers: string
  /** `node --test` flags the file needs (`--test-only`, `--test-name-pattern=…`). */
  flags: string[]
  /** Why the file cannot run in a browser, when it cannot. */
  nodeOnly?: string
  /** The source text. */
  source: string
}

/** The options of `run()` that mean the same as the flags of `node --test`. */
export interface RunOptions {
  only?: boolean
  testNamePatterns?: string[]
  timeout?: number
}

const HEADER = /^\/\/ (Conformance|flags|node-only): (.*)$/

/** Reads one corpus file's header. */
export function parseCorpusFile(path: string, source: string): CorpusFile {
  const file: CorpusFile = {
    name: path.slice(path.lastIndexOf('/') + 1),
    path,
    url: pathToFileURL(path).href,
    covers: '',
    flags: [],
    source,
  }
  for (const line of source.split('\n')) {
    const header = HEADER.exec(line)
    if (!header) break
    const [, key, value] = header as unknown as [string, string, string]
    if (key === 'Conformance') file.covers = value
    else if (key === 'flags') file.flags.push(value)
    else file.nodeOnly = value
  }
  return file
}

/** Every corpus file, sorted by name. */
export function readCorpus(): CorpusFile[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.corpus.mjs'))
    .sort()
    .map((name) =>
      parseCorpusFile(join(CORPUS_DIR, name), readFileSync(join(CORPUS_DIR, name), 'utf8')),
    )
}

/** The `run()` options that do what a file's `node --test` flags do. */
export function runOptions(flags: string[]): RunOptions {
  const options: RunOptions = {}
  for (const flag of flags) {
    const [name, value = ''] = flag.split(/=(.*)/s) as [string, string?]
    if (name === '--test-only') options.only = true
    else if (name === '--test-name-pattern')
      options.testNamePatterns = [...(options.testNamePatterns ?? []), value]
    else if (name === '--test-timeout') options.timeout = Number(value)
    else throw new Error(`The corpus uses the flag ${flag}, which has no run() option here.`)
  }
  return options
}

const IMPORT_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\2/g

/**
 * Rewrites the specifiers of static and dynamic imports (and re-exports) that `mapping` names, for
 * hosts without import maps or module hooks (module workers, a rewritten copy for Bun and Deno).
 */
export function rewriteSpecifiers(source: string, mapping: Record<string, string>): string {
  return source.replace(
    IMPORT_SPECIFIER,
    (whole, keyword: string, quote: string, specifier: string) =>
      specifier in mapping ? `${keyword}${quote}${mapping[specifier]}${quote}` : whole,
  )
}
