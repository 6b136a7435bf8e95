/**
 * Rewrites the module specifiers of an ES module: the sources of `import … from`, `export … from`
 * and `import()` with a string literal, for realms that have no import map (workers, SPEC §5.4).
 * Everything else stays byte for byte, so lines and columns do not move.
 */
import type { Node } from 'acorn'
import { loadAcorn } from './acorn.js'

// biome-ignore lint/suspicious/noExplicitAny: acorn's ESTree nodes, read field by field as ESTree defines them
type AnyNode = Node & Record<string, any>

const SOURCE_HOLDERS = new Set([
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportAllDeclaration',
  'ImportExpression',
])

/** A specifier's replacement, or undefined to keep it. */
export type SpecifierMapper = (specifier: string) => string | undefined

/**
 * `code` with every specifier `map` has a target for replaced by it (`map` is a record or a
 * function). Code that does not parse is returned unchanged: the realm then reports its syntax
 * error itself.
 * @example
 * await rewriteModuleSpecifiers("import { test } from 'node:test'", { 'node:test': '/t.js' })
 * // → 'import { test } from "/t.js"'
 */
export async function rewriteModuleSpecifiers(
  code: string,
  map: Readonly<Record<string, string>> | SpecifierMapper,
): Promise<string> {
  const { parse } = await loadAcorn()
  const targetOf: SpecifierMapper =
    typeof map === 'function'
      ? map
      : (specifier) => (Object.hasOwn(map, specifier) ? map[specifier] : undefined)
  let program: AnyNode
  try {
    program = parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      allowHashBang: true,
    }) as AnyNode
  } catch {
    return code
  }
  const edits: Array<{ start: number; end: number; text: string }> = []
  const visit = (node: AnyNode): void => {
    if (SOURCE_HOLDERS.has(node.type)) {
      const source = node.source as AnyNode | null | undefined
      if (source?.type === 'Literal' && typeof source.value === 'string') {
        const target = targetOf(source.value)
        if (target !== undefined) {
          edits.push({ start: source.start, end: source.end, text: JSON.stringify(target) })
        }
      }
    }
    for (const key of Object.keys(node)) {
      const value = node[key]
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item.type === 'string') visit(item)
      } else if (value && typeof value.type === 'string') visit(value)
    }
  }
  visit(program)
  let out = code
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, edit.start)}${edit.text}${out.slice(edit.end)}`
  }
  return out
}
