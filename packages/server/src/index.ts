/**
 * @module
 * `@daebug/server`: the runtime-agnostic core that connects live realms to agents. The Hono app,
 * realm registry, job queues and log writers arrive with the live REPL; today it holds the port
 * rule every Daebug tool shares.
 */
export { derivePort } from './port.js'
