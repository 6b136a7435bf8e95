import pkg from '../package.json' with { type: 'json' }

/** The version of `@daebug/server`. */
export const VERSION: string = pkg.version
