/**
 * Turns a value recipe into the JavaScript expression that builds it, noting the shared fixtures
 * the expression needs and the SPEC §6 rules it exercises.
 */
import { FIXTURES, type FixtureName, type Prop, type Recipe } from './value-recipes.js'

/** What rendering collects along the way. */
export interface RenderContext {
  fixtures: Set<FixtureName>
  rules: Set<string>
}

/** A fresh context. */
export function createRenderContext(): RenderContext {
  return { fixtures: new Set(), rules: new Set() }
}

/** The declarations for the fixtures a context collected, in a fixed order. */
export function renderFixtures(context: RenderContext): string[] {
  return (Object.keys(FIXTURES) as FixtureName[])
    .filter((name) => context.fixtures.has(name))
    .map((name) => FIXTURES[name])
}

const IDENTIFIER_KEY = /^'([A-Za-z_$][\w$]*|\d+)'$/

/**
 * The expression that builds `recipe`.
 *
 * @example
 * renderRecipe({ kind: 'array', items: [null], props: [] }, createRenderContext()) // '[,]'
 */
export function renderRecipe(recipe: Recipe, context: RenderContext): string {
  const { rules } = context
  const render = (inner: Recipe) => renderRecipe(inner, context)
  switch (recipe.kind) {
    case 'primitive':
      rules.add(primitiveRule(recipe.src))
      return recipe.src
    case 'object': {
      rules.add('object')
      if (recipe.proto === 'null') rules.add('null-prototype')
      if (recipe.proto === 'Foo' || recipe.proto === 'Bar') {
        rules.add('class-prototype')
        context.fixtures.add(recipe.proto)
        return withProps(`new ${recipe.proto}()`, recipe.props, context)
      }
      const plain = recipe.props.filter((prop) => prop.mode === 'plain')
      const entries = plain.map((prop) => `${literalKey(prop.key, context)}: ${render(prop.value)}`)
      if (recipe.proto === 'null') entries.unshift('__proto__: null')
      const literal = entries.length ? `{ ${entries.join(', ')} }` : '{}'
      return withProps(
        literal,
        recipe.props.filter((prop) => prop.mode !== 'plain'),
        context,
      )
    }
    case 'array': {
      rules.add('array')
      if (recipe.items.includes(null)) rules.add('array-hole')
      const items = recipe.items.map((item) => (item === null ? '' : render(item)))
      const trailing = recipe.items.length > 0 && recipe.items.at(-1) === null ? ',' : ''
      if (recipe.props.length) rules.add('array-extra-property')
      return withProps(`[${items.join(', ')}${trailing}]`, recipe.props, context)
    }
    case 'sparse': {
      rules.add('sparse-array')
      const sets = recipe.entries.map(([index, value]) => `a[${index}] = ${render(value)}; `)
      return `(() => { const a = new Array(${recipe.length}); ${sets.join('')}return a })()`
    }
    case 'map': {
      rules.add('map')
      if (recipe.entries.some(([key]) => isObjectLike(key))) rules.add('map-object-key')
      const entries = recipe.entries.map(([key, value]) => `[${render(key)}, ${render(value)}]`)
      return withProps(`new Map([${entries.join(', ')}])`, recipe.props, context)
    }
    case 'set': {
      rules.add('set')
      if (recipe.items.some(isObjectLike)) rules.add('set-object-item')
      return withProps(`new Set([${recipe.items.map(render).join(', ')}])`, recipe.props, context)
    }
    case 'typed': {
      rules.add(`typed-array:${recipe.type}`)
      const { type, values } = recipe
      const built = recipe.offset
        ? `new ${type}(new ${type}([${[type.startsWith('Big') ? '7n' : '7', ...values].join(', ')}]).buffer, ${type}.BYTES_PER_ELEMENT)`
        : `new ${type}([${values.join(', ')}])`
      return withProps(built, recipe.props, context)
    }
    case 'buffer':
      if (recipe.shared) {
        rules.add('shared-array-buffer')
        return `(() => { const b = new SharedArrayBuffer(${recipe.bytes.length}); new Uint8Array(b).set([${recipe.bytes.join(', ')}]); return b })()`
      }
      rules.add('array-buffer')
      return `new Uint8Array([${recipe.bytes.join(', ')}]).buffer`
    case 'dataview': {
      rules.add('data-view')
      const offset = Math.min(recipe.offset, recipe.bytes.length)
      return `new DataView(new Uint8Array([${recipe.bytes.join(', ')}]).buffer${offset ? `, ${offset}` : ''})`
    }
    case 'date':
      rules.add(recipe.time === 'NaN' ? 'invalid-date' : 'date')
      return withProps(`new Date(${recipe.time})`, recipe.props, context)
    case 'regexp': {
      rules.add('regexp')
      if (recipe.flags) rules.add('regexp-flags')
      const literal = `/${recipe.source}/${recipe.flags}`
      if (!recipe.lastIndex) return literal
      rules.add('regexp-last-index')
      return `(() => { const r = ${literal}; r.lastIndex = ${recipe.lastIndex}; return r })()`
    }
    case 'boxed': {
      rules.add('boxed-primitive')
      const built =
        recipe.type === 'BigInt' || recipe.type === 'Symbol'
          ? `Object(${recipe.src})`
          : `new ${recipe.type}(${recipe.src})`
      return withProps(built, recipe.props, context)
    }
    case 'error': {
      rules.add('error')
      if (recipe.type === 'CustomError') context.fixtures.add('CustomError')
      const message = `'${recipe.message}'`
      const cause = recipe.cause ? `{ cause: ${render(recipe.cause)} }` : ''
      if (recipe.cause) rules.add('error-cause')
      if (recipe.props.some((prop) => prop.key === "'name'")) rules.add('error-name')
      let args = [message, cause].filter(Boolean).join(', ')
      if (recipe.type === 'AggregateError') {
        rules.add('error-errors')
        args = [`[${(recipe.errors ?? []).map(render).join(', ')}]`, message, cause]
          .filter(Boolean)
          .join(', ')
      }
      return withProps(`new ${recipe.type}(${args})`, recipe.props, context)
    }
    case 'ref':
      context.fixtures.add(recipe.name)
      rules.add(identityRule(FIXTURES[recipe.name]))
      return recipe.name
    case 'fresh':
      rules.add(identityRule(recipe.src))
      return recipe.src
    case 'cyclic': {
      rules.add(recipe.closed ? 'cycle' : 'cycle-unrolled')
      const base = render(recipe.base)
      const target = recipe.closed ? 'c' : render(recipe.base)
      const link = recipe.via === 'child' ? `{ back: ${target} }` : target
      return `(() => { const c = ${base}; ${linkStatement(recipe.base, link)}; return c })()`
    }
    case 'nested': {
      rules.add('deep-nesting')
      const wrap = { object: '{ a: v }', array: '[v]', map: "new Map([['a', v]])" }[recipe.wrapper]
      return `(() => { let v = ${render(recipe.leaf)}; for (let i = 0; i < ${recipe.depth}; i++) v = ${wrap}; return v })()`
    }
  }
}

function linkStatement(base: Recipe, link: string): string {
  if (base.kind === 'array') return `c.push(${link})`
  if (base.kind === 'map') return `c.set('self', ${link})`
  if (base.kind === 'set') return `c.add(${link})`
  return `c.self = ${link}`
}

/** Adds extra properties: plain ones with Object.assign, the others with defineProperties. */
function withProps(built: string, props: Prop[], context: RenderContext): string {
  if (props.length === 0) return built
  const plain = props.filter((prop) => prop.mode === 'plain')
  const special = props.filter((prop) => prop.mode !== 'plain')
  if (props.some((prop) => !prop.key.startsWith("'"))) context.rules.add('symbol-key')
  let source = built
  if (plain.length) {
    const entries = plain.map(
      (prop) => `${literalKey(prop.key, context)}: ${renderRecipe(prop.value, context)}`,
    )
    source = `Object.assign(${source}, { ${entries.join(', ')} })`
  }
  if (special.length) {
    const descriptors = special.map((prop) => {
      const value = renderRecipe(prop.value, context)
      if (prop.mode === 'getter') {
        context.rules.add('getter')
        return `${literalKey(prop.key, context)}: { get: () => ${value}, enumerable: true }`
      }
      context.rules.add('non-enumerable')
      return `${literalKey(prop.key, context)}: { value: ${value}, enumerable: false }`
    })
    source = `Object.defineProperties(${source}, { ${descriptors.join(', ')} })`
  }
  return source
}

function literalKey(key: string, context: RenderContext): string {
  if (key === 'sym') context.fixtures.add('sym')
  if (!key.startsWith("'")) {
    context.rules.add('symbol-key')
    return `[${key}]`
  }
  const simple = IDENTIFIER_KEY.exec(key)
  return simple ? (simple[1] as string) : key
}

function isObjectLike(recipe: Recipe): boolean {
  return recipe.kind !== 'primitive' && !(recipe.kind === 'ref' && recipe.name === 'sym')
}

function primitiveRule(src: string): string {
  if (src === '-0' || src === '0') return 'zero'
  if (src === 'NaN') return 'nan'
  if (src.endsWith('n') && /^-?\d+n$/.test(src)) return 'bigint'
  if (src.startsWith('Symbol')) return 'symbol'
  return 'primitive'
}

function identityRule(src: string): string {
  if (src.includes('WeakMap')) return 'weakmap'
  if (src.includes('WeakSet')) return 'weakset'
  if (src.includes('Promise')) return 'promise'
  if (src.includes('Symbol')) return 'symbol'
  if (src.includes('{ k: 1 }')) return 'object-identity'
  return 'function'
}
