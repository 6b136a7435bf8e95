/**
 * Small, targeted changes to a value recipe: each one touches a single rule of deep equality
 * (a loosely-equal primitive, a prototype, a hole, a Map key, a typed array's kind, a RegExp's
 * lastIndex, an Error's cause, a broken cycle…), so the pair lands near the rule's boundary.
 * Some changes keep the value equal (reordered keys, a non-enumerable property changed).
 */
import type { Random } from './seeded-random.js'
import {
  BOXED_VALUES,
  DATE_TIMES,
  ERROR_MESSAGES,
  ERROR_TYPES,
  EXTRA_KEYS,
  errorName,
  FRESH_SOURCES,
  generateProp,
  generateRecipe,
  mapKey,
  OBJECT_KEYS,
  PRIMITIVES,
  type Prop,
  REF_NAMES,
  REGEXP_SOURCES,
  type Recipe,
  SYMBOL_KEYS,
  TYPED_KINDS,
  TYPED_VALUES,
  typedGroup,
} from './value-recipes.js'

/** Primitives near each primitive: loosely equal, SameValue-different, or one character off. */
const NEIGHBOURS: Record<string, readonly string[]> = {
  '0': ['-0', 'false', "''", "'0'", '0n', 'null'],
  '-0': ['0', 'false', "'0'", '-0'],
  '1': ['true', "'1'", '1n', '1.5', '2'],
  '2': ['1', "'2'", '2n'],
  NaN: ['NaN', 'undefined', "'NaN'", '0'],
  "''": ['0', 'false', "' '", 'null'],
  null: ['undefined', '0', 'false'],
  undefined: ['null', 'NaN', "'undefined'"],
  true: ['1', "'1'", 'false', "'true'"],
  false: ['0', "''", "'0'", 'true'],
  '0n': ['0', 'false', '-0', "'0'"],
  '1n': ['1', "'1'", 'true', '2n'],
  "'a'": ["'b'", "'A'", "'a '"],
  "'1'": ['1', 'true', '1n', "'01'"],
  "'hello world'": ["'hello worle'", "'hello'", "'Hello world'"],
  "'a\\nb'": ["'a\\nc'", "'a\\r\\nb'"],
  "Symbol.for('s')": ["Symbol.for('t')", "Symbol('s')", "'s'"],
}

const FRESH_TWIN: Record<string, string> = {
  fn: 'function shared() {}',
  wm: 'new WeakMap()',
  ws: 'new WeakSet()',
  promise: 'Promise.resolve(1)',
  key: '{ k: 1 }',
  sym: "Symbol('sym')",
}

/** A copy of `recipe` with one change somewhere inside it. */
export function mutateRecipe(recipe: Recipe, random: Random): Recipe {
  const copy = JSON.parse(JSON.stringify(recipe)) as Recipe
  const nodes = collectNodes(copy)
  const target = random.pick(nodes)
  const replacement = mutateNode(target, random)
  if (replacement !== target) {
    for (const key of Object.keys(target))
      delete (target as unknown as Record<string, unknown>)[key]
    Object.assign(target, replacement)
  }
  return copy
}

function collectNodes(recipe: Recipe, out: Recipe[] = []): Recipe[] {
  out.push(recipe)
  const visit = (inner: Recipe | null | undefined) => {
    if (inner) collectNodes(inner, out)
  }
  const visitProps = (props: Prop[]) => {
    for (const prop of props) visit(prop.value)
  }
  switch (recipe.kind) {
    case 'object':
      visitProps(recipe.props)
      break
    case 'array':
      recipe.items.forEach(visit)
      visitProps(recipe.props)
      break
    case 'sparse':
      for (const [, value] of recipe.entries) visit(value)
      break
    case 'map':
      for (const [key, value] of recipe.entries) {
        visit(key)
        visit(value)
      }
      visitProps(recipe.props)
      break
    case 'set':
      recipe.items.forEach(visit)
      visitProps(recipe.props)
      break
    case 'error':
      visit(recipe.cause)
      recipe.errors?.forEach(visit)
      visitProps(recipe.props)
      break
    case 'cyclic':
      visit(recipe.base)
      break
    case 'nested':
      visit(recipe.leaf)
      break
    case 'typed':
    case 'date':
    case 'boxed':
      visitProps(recipe.props)
      break
  }
  return out
}

const small = (random: Random) => () => generateRecipe(random, 1)

/** Returns the node changed in place, or a replacement for it. */
function mutateNode(node: Recipe, random: Random): Recipe {
  if (random.chance(0.06)) return generateRecipe(random, 2)
  const inner = small(random)
  switch (node.kind) {
    case 'primitive':
      return { kind: 'primitive', src: random.pick(NEIGHBOURS[node.src] ?? PRIMITIVES) }
    case 'object':
      return mutateProps(node, random, OBJECT_KEYS, () => {
        node.proto = random.pick(['object', 'null', 'Foo', 'Bar'] as const)
      })
    case 'array':
      return mutateArray(node, random)
    case 'sparse':
      if (random.chance(0.3)) node.length += random.pick([-1, 1])
      else if (random.chance(0.5) || node.entries.length === 0)
        node.entries.push([random.int(0, node.length - 1), inner()])
      else node.entries.pop()
      node.entries = dedupeIndexes(node.entries, node.length)
      return node
    case 'map': {
      const entry = node.entries.length ? random.pick(node.entries) : undefined
      const choice = random.int(0, 4)
      if (entry && choice === 0) entry[0] = mutateRecipe(entry[0], random)
      else if (entry && choice === 1) entry[1] = mutateRecipe(entry[1], random)
      else if (choice === 2) node.entries = random.shuffle(node.entries)
      else if (choice === 3 && node.entries.length) node.entries.pop()
      else if (choice === 4) node.props.push(generateProp(random, random.pick(EXTRA_KEYS), inner))
      else node.entries.push([mapKey(random, inner), inner()])
      return node
    }
    case 'set': {
      const choice = random.int(0, 3)
      if (choice === 0 && node.items.length) {
        const index = random.int(0, node.items.length - 1)
        node.items[index] = mutateRecipe(node.items[index] as Recipe, random)
      } else if (choice === 1) node.items = random.shuffle(node.items)
      else if (choice === 2 && node.items.length) node.items.pop()
      else node.items.push(mapKey(random, inner))
      return node
    }
    case 'typed': {
      const group = typedGroup(node.type)
      const choice = random.int(0, 3)
      if (choice === 0)
        node.type = random.pick(TYPED_KINDS.filter((type) => typedGroup(type) === group))
      else if (choice === 1) node.offset = !node.offset
      else if (choice === 2) node.props.push(generateProp(random, random.pick(EXTRA_KEYS), inner))
      else if (node.values.length)
        node.values[random.int(0, node.values.length - 1)] = random.pick(TYPED_VALUES[group])
      else node.values.push(random.pick(TYPED_VALUES[group]))
      return node
    }
    case 'buffer':
      if (random.chance(0.3)) node.shared = !node.shared
      else mutateBytes(node.bytes, random)
      return node
    case 'dataview':
      if (random.chance(0.3)) node.offset = 1 - node.offset
      else mutateBytes(node.bytes, random)
      return node
    case 'date':
      if (random.chance(0.2)) node.props.push(generateProp(random, random.pick(EXTRA_KEYS), inner))
      else node.time = random.pick(DATE_TIMES)
      return node
    case 'regexp': {
      const choice = random.int(0, 2)
      if (choice === 0) node.source = random.pick(REGEXP_SOURCES)
      else if (choice === 1) node.lastIndex = node.lastIndex ? 0 : random.int(1, 3)
      else {
        const flag = random.pick([...'dgimsuy'])
        node.flags = [...'dgimsuy']
          .filter((f) => (f === flag ? !node.flags.includes(f) : node.flags.includes(f)))
          .join('')
      }
      return node
    }
    case 'boxed':
      if (random.chance(0.25)) return { kind: 'primitive', src: node.src }
      if (random.chance(0.3)) node.props.push(generateProp(random, random.pick(EXTRA_KEYS), inner))
      else node.src = random.pick(BOXED_VALUES[node.type])
      return node
    case 'error': {
      const choice = random.int(0, 5)
      if (choice === 0) node.message = random.pick(ERROR_MESSAGES)
      else if (choice === 1) {
        node.type = random.pick(ERROR_TYPES.filter((type) => type !== 'AggregateError'))
        delete node.errors
      } else if (choice === 2) {
        if (node.cause && random.chance(0.5)) delete node.cause
        else node.cause = node.cause ? mutateRecipe(node.cause, random) : inner()
      } else if (choice === 3)
        node.props.push(generateProp(random, "'name'", () => errorName(random)))
      else if (choice === 4) {
        node.type = 'AggregateError'
        node.errors = node.errors?.length ? node.errors.slice(1) : [inner()]
      } else node.props.push(generateProp(random, "'code'", inner))
      node.props = dedupeKeys(node.props)
      return node
    }
    case 'ref':
      return { kind: 'fresh', src: FRESH_TWIN[node.name] ?? 'function f() {}' }
    case 'fresh': {
      const ref = REF_NAMES.find((name) => FRESH_TWIN[name] === node.src)
      return ref ? { kind: 'ref', name: ref } : { kind: 'fresh', src: random.pick(FRESH_SOURCES) }
    }
    case 'cyclic':
      if (random.chance(0.5)) node.closed = !node.closed
      else if (random.chance(0.3)) node.via = node.via === 'self' ? 'child' : 'self'
      else node.base = mutateRecipe(node.base, random)
      return node
    case 'nested':
      if (random.chance(0.5)) node.depth += random.pick([-1, 1])
      else node.leaf = mutateRecipe(node.leaf, random)
      return node
  }
}

function mutateProps(
  node: Extract<Recipe, { props: Prop[] }>,
  random: Random,
  keys: readonly string[],
  changeProto: () => void,
): Recipe {
  const inner = small(random)
  const choice = random.int(0, 6)
  const prop = node.props.length ? random.pick(node.props) : undefined
  if (choice === 0) changeProto()
  else if (choice === 1 && prop) node.props.splice(node.props.indexOf(prop), 1)
  else if (choice === 2 && prop) prop.mode = random.pick(['plain', 'hidden', 'getter'] as const)
  else if (choice === 3) node.props = random.shuffle(node.props)
  else if (choice === 4 && prop) prop.key = random.pick([...keys, ...SYMBOL_KEYS])
  else if (choice === 5 && prop) prop.value = mutateRecipe(prop.value, random)
  else node.props.push(generateProp(random, random.pick([...keys, ...SYMBOL_KEYS]), inner))
  node.props = dedupeKeys(node.props)
  return node
}

function mutateArray(node: Extract<Recipe, { kind: 'array' }>, random: Random): Recipe {
  const inner = small(random)
  const index = node.items.length ? random.int(0, node.items.length - 1) : -1
  const choice = random.int(0, 5)
  if (choice === 0 && index >= 0) node.items[index] = null
  else if (choice === 1 && index >= 0)
    node.items[index] = node.items[index] === null ? { kind: 'primitive', src: 'undefined' } : null
  else if (choice === 2) node.items.push(inner())
  else if (choice === 3 && index >= 0) node.items.pop()
  else if (choice === 4) return mutateProps(node, random, EXTRA_KEYS, () => node.items.reverse())
  else if (index >= 0) {
    const item = node.items[index]
    node.items[index] = item ? mutateRecipe(item, random) : inner()
  } else node.items.push(inner())
  return node
}

function mutateBytes(bytes: number[], random: Random): void {
  if (bytes.length && random.chance(0.7))
    bytes[random.int(0, bytes.length - 1)] = random.int(0, 255)
  else if (bytes.length && random.chance(0.5)) bytes.pop()
  else bytes.push(random.int(0, 255))
}

function dedupeKeys(props: Prop[]): Prop[] {
  const seen = new Set<string>()
  return props.filter((prop) => !seen.has(prop.key) && seen.add(prop.key))
}

function dedupeIndexes(entries: [number, Recipe][], length: number): [number, Recipe][] {
  const seen = new Set<number>()
  return entries
    .filter(([index]) => index >= 0 && index < length && !seen.has(index) && seen.add(index))
    .sort(([a], [b]) => a - b)
}
