/**
 * Stack cleaning: the frames of the agent's code point at its own lines, and the client's frames
 * (the wrapper that evaluates it) are left out, so a stack reads like the DevTools console's.
 */

/** What the client's URL contains: the server serves it under `/__daebug/`. */
const CLIENT_MARK = '/__daebug/'

// V8: `    at inner (eval at <anonymous> (http://host/__daebug/client.js:1:2), <anonymous>:2:26)`
const V8_EVAL = /^(\s*at )(?:(.+?) )?\(eval at .*, <anonymous>:(\d+):(\d+)\)$/
// Firefox: `inner@http://host/__daebug/client.js line 2654 > eval:2:26`
const FIREFOX_EVAL = /^(.*)@.* line \d+ > eval:(\d+):(\d+)$/

/**
 * Rewrites the frames of code the client evaluated to `<anonymous>:line:column` of the agent's
 * code (the server's script has one line of its own above it) and drops the client's own frames
 * and those of that first line (the wrapper). Frames of other code, including code the page itself evaluates, are kept as they are.
 * @example
 * cleanStack('Error: boom\n    at eval (eval at <anonymous> (http://h/__daebug/client.js:9:4), <anonymous>:2:7)')
 * // 'Error: boom\n    at <anonymous>:1:7'
 */
export function cleanStack(stack: string): string {
  if (!stack.includes(CLIENT_MARK)) return stack
  const lines = stack.split('\n')
  // V8's frame of `eval` itself, called by the client: not the agent's.
  const kept = lines.filter(
    (line, index) =>
      line.trim() !== 'at eval (<anonymous>)' || !lines[index + 1]?.includes(CLIENT_MARK),
  )
  return kept.flatMap((line) => cleanFrame(line) ?? []).join('\n')
}

/** One frame cleaned, or undefined for a frame of the client itself. */
export function cleanFrame(line: string): string | undefined {
  if (!line.includes(CLIENT_MARK)) return line
  const v8 = V8_EVAL.exec(line)
  if (v8) {
    const [, at, name, row, column] = v8
    if (row === '1') return undefined
    const place = `<anonymous>:${Number(row) - 1}:${column}`
    return !name || name === 'eval' ? `${at}${place}` : `${at}${name} (${place})`
  }
  const firefox = FIREFOX_EVAL.exec(line)
  if (firefox) {
    if (firefox[2] === '1') return undefined
    return `${firefox[1]}@<anonymous>:${Number(firefox[2]) - 1}:${firefox[3]}`
  }
  return /:\d+:\d+\)?$/.test(line) ? undefined : line
}
