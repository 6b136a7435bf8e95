/**
 * @module
 * `@daebug/browser-client`: the code Daebug runs in pages and workers. The channel, evaluator and
 * capture arrive with the live REPL; today it holds realm naming.
 */
export { loadRealmName, type NameStorage, REALM_NAME_KEY } from './realm-name.js'
