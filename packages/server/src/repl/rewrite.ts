/**
 * The REPL rewrite (SPEC §3.1): turns an agent's code into a script a realm evaluates once, with
 * an indirect `eval`, in its global scope, the way the DevTools console and the Node REPL run it.
 * Lines are kept where they were, so stack frames point at the agent's lines.
 */

import type { ImportMap } from '@daebug/protocol'
import type { Node } from 'acorn'
import { loadedAcorn } from '../acorn.js'
import { resolveSpecifier } from './specifiers.js'

/** Where the code runs, for its module specifiers. */
export interface RewriteOptions {
  /** The realm's URL: relative specifiers resolve against it. */
  url?: string
  /** Applied to bare specifiers (workers; a page's own map applies natively). */
  importMap?: ImportMap
}

/** A script ready to run, or the syntax error that stopped it (nothing runs then). */
export type Rewritten =
  | {
      ok: true
      /** The script: a first line of its own, then the agent's lines, each where it was. */
      script: string
    }
  | { ok: false; error: { name: string; message: string; stack: string } }

// biome-ignore lint/suspicious/noExplicitAny: acorn's ESTree nodes, read field by field as ESTree defines them
type AnyNode = Node & Record<string, any>

interface Edit {
  start: number
  end: number
  text: string
}

const PARSE_OPTIONS = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  allowAwaitOutsideFunction: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowHashBang: true,
  locations: true,
} as const

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
])

function childrenOf(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = []
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue
    const value = node[key]
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === 'string') out.push(item)
    } else if (value && typeof value.type === 'string') out.push(value)
  }
  return out
}

/** Visits every node outside nested functions (`inFunctions`: inside them too). */
function walk(node: AnyNode, visit: (node: AnyNode) => void, inFunctions: boolean): void {
  visit(node)
  for (const child of childrenOf(node)) {
    if (!inFunctions && FUNCTION_TYPES.has(child.type)) continue
    walk(child, visit, inFunctions)
  }
}

/** True when the code needs an async function: top-level `await`, `for await`, `return` or `import`. */
function needsAsync(program: AnyNode): boolean {
  let found = false
  walk(
    program,
    (node) => {
      if (
        node.type === 'AwaitExpression' ||
        node.type === 'ReturnStatement' ||
        node.type === 'ImportDeclaration' ||
        (node.type === 'ForOfStatement' && node.await)
      )
        found = true
    },
    false,
  )
  return found
}

function syntaxError(message: string, line: number, column: number): Rewritten {
  const text = `${message} (line ${line}, column ${column + 1} of your code)`
  return {
    ok: false,
    error: { name: 'SyntaxError', message: text, stack: `SyntaxError: ${text}` },
  }
}

/**
 * Parses the code; `lineCommentEnds` collects where each `//` comment ends. acorn must have
 * loaded (`prepareCode` waits for it).
 */
function parseProgram(
  code: string,
  lineCommentEnds: number[] = [],
): AnyNode | { message: string; line: number; column: number } {
  const acorn = loadedAcorn()
  if (!acorn) throw new Error('The REPL rewrite ran before acorn loaded (await loadAcorn()).')
  try {
    return acorn.parse(code, {
      ...PARSE_OPTIONS,
      onComment: (block, _text, _start, end) => block || lineCommentEnds.push(end),
    }) as AnyNode
  } catch (error) {
    const { message, loc } = error as { message: string; loc?: { line: number; column: number } }
    return {
      message: message.replace(/ \(\d+:\d+\)$/, ''),
      line: loc?.line ?? 1,
      column: loc?.column ?? 0,
    }
  }
}

/** `{a: 1}` alone is an object, as in DevTools and the Node REPL (not a block with a label). */
function asObjectLiteral(code: string): string | undefined {
  if (!/^\s*\{/.test(code) || /;\s*$/.test(code)) return undefined
  const wrapped = `(${code}\n)`
  const program = parseProgram(wrapped)
  return 'type' in program && program.body.length === 1 ? wrapped : undefined
}

/** Rewrites declarations to assignments of the realm's globals, so they persist. */
class Rewriter {
  readonly edits: Edit[] = []
  readonly functions: string[] = []
  readonly #code: string
  readonly #async: boolean
  readonly #options: RewriteOptions

  constructor(code: string, async: boolean, options: RewriteOptions) {
    this.#code = code
    this.#async = async
    this.#options = options
  }

  #specifier(value: string): string {
    return JSON.stringify(resolveSpecifier(value, this.#options.url, this.#options.importMap))
  }

  /** The names a pattern binds (`{a, b: [c]}` → a, c). */
  #names(pattern: AnyNode, out: string[] = []): string[] {
    if (pattern.type === 'Identifier') out.push(pattern.name)
    else if (pattern.type === 'ObjectPattern')
      for (const property of pattern.properties)
        this.#names(property.type === 'RestElement' ? property.argument : property.value, out)
    else if (pattern.type === 'ArrayPattern')
      for (const element of pattern.elements) element && this.#names(element, out)
    else if (pattern.type === 'RestElement') this.#names(pattern.argument, out)
    else if (pattern.type === 'AssignmentPattern') this.#names(pattern.left, out)
    return out
  }

  /** `let a = 1, {b} = o` → `;void (a = 1, {b} = o)`; `let c` → `;void (c = undefined)`. */
  declaration(node: AnyNode, statement: boolean): void {
    const first = node.declarations[0]
    if (!statement) {
      // A `for (var i …)` head: the binding becomes the loop's assignment target.
      this.edits.push({ start: node.start, end: first.start, text: '' })
      return
    }
    this.edits.push({ start: node.start, end: first.start, text: ';void (' })
    for (const declarator of node.declarations) {
      if (declarator.init) continue
      const name = declarator.id.name as string
      const value =
        node.kind === 'var' ? `typeof ${name} === 'undefined' ? undefined : ${name}` : 'undefined'
      this.edits.push({ start: declarator.end, end: declarator.end, text: ` = ${value}` })
    }
    const last = node.declarations.at(-1)
    this.edits.push({ start: last.end, end: last.end, text: ')' })
  }

  /** `class A {}` → `;void (A = class A {})`. */
  classDeclaration(node: AnyNode): void {
    this.edits.push({ start: node.start, end: node.start, text: `;void (${node.id.name} = ` })
    this.edits.push({ start: node.end, end: node.end, text: ')' })
  }

  /** `import d, {x as y} from './m.js'` → `;void ({default: d, x: y} = await import("…/m.js"))`. */
  importDeclaration(node: AnyNode): void {
    const source = this.#specifier(node.source.value)
    const attributes = node.attributes?.length
      ? `, { with: ${this.#code.slice(node.attributes[0].start - 1, node.attributes.at(-1).end + 1).replace(/^[^{]*/, '')} }`
      : ''
    const load = `await import(${source}${attributes})`
    const namespace = node.specifiers.find((s: AnyNode) => s.type === 'ImportNamespaceSpecifier')
    const named = node.specifiers
      .filter((s: AnyNode) => s.type !== 'ImportNamespaceSpecifier')
      .map((s: AnyNode) => {
        if (s.type === 'ImportDefaultSpecifier') return `default: ${s.local.name}`
        const imported =
          s.imported.type === 'Literal' ? JSON.stringify(s.imported.value) : s.imported.name
        return `${imported}: ${s.local.name}`
      })
    let text: string
    if (namespace && named.length)
      text = `;void (${namespace.local.name} = ${load}, {${named.join(', ')}} = ${namespace.local.name});`
    else if (namespace) text = `;void (${namespace.local.name} = ${load});`
    else if (named.length) text = `;void ({${named.join(', ')}} = ${load});`
    else text = `;${load};`
    this.edits.push({ start: node.start, end: node.end, text })
  }

  /** `import('./m.js')` → `import("http://…/m.js")`; a computed specifier is resolved when it runs. */
  importExpression(node: AnyNode): void {
    const source = node.source
    if (source.type === 'Literal' && typeof source.value === 'string') {
      this.edits.push({ start: source.start, end: source.end, text: this.#specifier(source.value) })
      return
    }
    const base = JSON.stringify(this.#options.url ?? '')
    this.edits.push({
      start: source.start,
      end: source.start,
      text: `((s) => /^(\\.{0,2}\\/)/.test(s = String(s)) && ${base} ? new URL(s, ${base}).href : s)(`,
    })
    this.edits.push({ start: source.end, end: source.end, text: ')' })
  }

  /** Every top-level statement, and the `var`s nested in blocks (they are global too). */
  statement(node: AnyNode, topLevel: boolean): void {
    let target = node
    if (topLevel && node.type === 'ExportNamedDeclaration' && node.declaration) {
      this.edits.push({ start: node.start, end: node.declaration.start, text: '' })
      target = node.declaration
    }
    if (target.type === 'VariableDeclaration') {
      // A script's own `var`s are global already; in the async wrapper they would be local.
      if (target.kind === 'var' ? this.#async : topLevel) this.declaration(target, true)
    } else if (topLevel && target.type === 'ClassDeclaration') this.classDeclaration(target)
    else if (target.type === 'FunctionDeclaration') {
      if (this.#async && topLevel) this.functions.push(target.id.name)
    } else if (target.type === 'ImportDeclaration') this.importDeclaration(target)
    if (!this.#async) return
    // Function-scoped `var`s inside blocks and loop heads live in the wrapper: make them global.
    for (const child of childrenOf(target)) {
      if (FUNCTION_TYPES.has(child.type) || child.type === 'ClassDeclaration') continue
      if (child.type === 'VariableDeclaration' && child.kind === 'var' && child !== target) {
        const inHead =
          (target.type === 'ForStatement' && target.init === child) ||
          ((target.type === 'ForInStatement' || target.type === 'ForOfStatement') &&
            target.left === child)
        if (inHead) this.declaration(child, false)
        else this.statement(child, false)
        continue
      }
      if (/Statement$|Declaration$|^SwitchCase$|^CatchClause$/.test(child.type))
        this.statement(child, false)
    }
  }
}

function applyEdits(code: string, edits: Edit[]): string {
  // Later edits first; at one position, the one added first ends up first.
  const ordered = edits.map((edit, index) => ({ edit, index }))
  ordered.sort(
    (a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index,
  )
  let out = code
  for (const { edit } of ordered) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return out
}

function unsupportedExport(program: AnyNode): AnyNode | undefined {
  return program.body.find(
    (node: AnyNode) =>
      (node.type === 'ExportNamedDeclaration' && !node.declaration) ||
      node.type === 'ExportDefaultDeclaration' ||
      node.type === 'ExportAllDeclaration',
  )
}

/**
 * Rewrites REPL code into a script for an indirect `eval` (SPEC §3.1): top-level declarations
 * become assignments of globals (so later requests see them and may declare them again), static
 * imports become dynamic ones, specifiers resolve against the realm. Code with top-level `await`,
 * `return` or `import` runs in an async arrow function whose result is its last expression
 * statement; other code runs as a plain script, whose completion value is the result. Either way
 * the script's value may be a promise, which the realm awaits. Never runs anything itself.
 * @example
 * rewriteForRepl('let x = 5\nx * 2') // { ok: true, script: '\n;void (x = 5)\nx * 2' }
 */
export function rewriteForRepl(code: string, options: RewriteOptions = {}): Rewritten {
  const source = asObjectLiteral(code) ?? code
  const lineCommentEnds: number[] = []
  const parsed = parseProgram(source, lineCommentEnds)
  if (!('type' in parsed)) return syntaxError(parsed.message, parsed.line, parsed.column)
  const program = parsed
  const exported = unsupportedExport(program)
  if (exported) {
    const { line, column } = exported.loc!.start
    return syntaxError(
      '`export` has no meaning in REPL code; declare the value instead',
      line,
      column,
    )
  }
  const async = needsAsync(program)
  const rewriter = new Rewriter(source, async, options)
  for (const statement of program.body) rewriter.statement(statement, true)
  walk(program, (node) => node.type === 'ImportExpression' && rewriter.importExpression(node), true)
  const last = program.body.at(-1)
  let returnFirst = ''
  if (async && last?.type === 'ExpressionStatement' && !last.directive) {
    // `return (` goes at the end of the line above when the expression starts its line, so the
    // expression's columns stay the agent's.
    // The statement's start, not the expression's: acorn drops the parentheses of `({ a: 1 })`.
    const start = last.start
    const lineStart = source.lastIndexOf('\n', start - 1) + 1
    const alone =
      source.slice(lineStart, start).trim() === '' && !lineCommentEnds.includes(lineStart - 1)
    if (alone && lineStart === 0) returnFirst = ' return ('
    else {
      const at = alone ? lineStart - 1 : start
      rewriter.edits.push({ start: at, end: at, text: alone ? ' ;return (' : 'return (' })
    }
    rewriter.edits.push({ start: last.expression.end, end: last.expression.end, text: ')' })
  }
  const body = applyEdits(source, rewriter.edits)
  if (!async) return { ok: true, script: `\n${body}` }
  const globals = rewriter.functions.map((name) => ` globalThis.${name} = ${name};`).join('')
  // The call is on the first line too, so no frame of the wrapper points past the agent's lines.
  return {
    ok: true,
    script: `((run) => run())(async () => {${globals}${returnFirst}\n${body}\n})`,
  }
}
