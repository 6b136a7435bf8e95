/**
 * @module
 * `@daebug/server`: the runtime-agnostic Daebug server. `createDaebug()` returns the Hono app and
 * its lifecycle; the runtime adapters live in their own entries (`@daebug/server/node`).
 */

export { type CoreOptions, DaebugCore, type RealmConnection, type SubmitRequest } from './core.js'
export { BLANK_PATH, createDaebug, type Daebug, type DaebugOptions } from './create.js'
export {
  DEFAULT_TEST_PATTERNS,
  type DiscoveryOptions,
  discoverTestFiles,
  testFileUrl,
} from './discovery.js'
export {
  type FileStat,
  type Host,
  type HostFs,
  type HostWatcher,
  joinPath,
  type Watch,
} from './host.js'
export { MAX_LOG_BYTES } from './log-rotation.js'
export { derivePort } from './port.js'
export type { Job, JobOutcome, RealmRecord, RealmSocket } from './realm.js'
export {
  MODULES_PATH,
  type ReadRuntimeModule,
  RUNTIME_IMPORT_MAP,
  RUNTIME_PACKAGES,
  type RuntimePackage,
} from './runtime-modules.js'
export { isLoopbackHost } from './security.js'
export { VERSION } from './version.js'
