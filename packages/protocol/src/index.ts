/**
 * @module
 * `@daebug/protocol`: the shared types of Daebug's wire messages and the pure functions over
 * strings that read and write its Markdown file protocol (SPEC §2). No dependencies, no I/O, no
 * clock: times, ids and names are arguments.
 */
export * from './errors.js'
export * from './events.js'
export * from './fences.js'
export * from './inspect.js'
export * from './js-file.js'
export * from './log-blocks.js'
export * from './log-edit.js'
export * from './log-format.js'
export * from './log-parse.js'
export * from './log-rotate.js'
export * from './messages.js'
export * from './names.js'
export * from './realm-select.js'
export * from './registry.js'
export * from './relay.js'
export * from './test-event-json.js'
export * from './test-events.js'
export * from './test-report.js'
export * from './time.js'
export * from './validate.js'
