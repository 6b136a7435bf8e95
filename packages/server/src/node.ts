/**
 * @module
 * `@daebug/server/node`: Daebug on Node. `createDaebug({ root })` is ready to serve or to mount in
 * an app; the adapter's parts (files, watching, serving) are exported for the CLI and for tests.
 */
export * from './adapters/node.js'
export { createDaebug, type NodeDaebug, type NodeDaebugOptions } from './adapters/node-daebug.js'
