/**
 * Node module hooks (`module.register`) that map the specifiers of test files written for
 * node:test (`node:test`, `node:assert`, `node:assert/strict`) to the modules under test, only for
 * files inside one folder (the corpus), so that the runner's own imports stay untouched.
 */

let scope = ''
let mapping = {}

/** Receives `{ scope: <folder URL>, mapping: { <specifier>: <URL> } }` from `register()`. */
export function initialize(data) {
  scope = data.scope
  mapping = data.mapping
}

export function resolve(specifier, context, nextResolve) {
  const target = context.parentURL?.startsWith(scope) ? mapping[specifier] : undefined
  return target ? { url: target, shortCircuit: true } : nextResolve(specifier, context)
}
