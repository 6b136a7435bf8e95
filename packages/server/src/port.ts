/**
 * The port a root gets when none is given (SPEC §9), so that every tool finds the same server.
 */

/**
 * Derives a port from a root directory's name: a 32-bit `h = h*31 + charCode` over the UTF-16 code
 * units of the lower-cased name, then `8100 + |h| mod 1000` (the original Daebug's rule).
 * @example derivePort('oyinbo') // 8680
 */
export function derivePort(rootName: string): number {
  let hash = 0
  const name = rootName.toLowerCase()
  for (let i = 0; i < name.length; i++) hash = (Math.imul(hash, 31) + name.charCodeAt(i)) | 0
  return 8100 + (Math.abs(hash) % 1000)
}
