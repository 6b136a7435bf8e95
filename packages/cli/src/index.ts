/**
 * @module
 * `@daebug/cli`: the `daebug` command (SPEC §9).
 */
export { HELP, VERSION } from './help.js'
export { main, type Output } from './main.js'
