/**
 * Runtimes say a port is in use in their own words (Bun: "in use", Deno: `AddrInUse`); the CLI's
 * port rules (SPEC §8) look for Node's `EADDRINUSE`.
 */
export function asPortInUse(error: unknown, port: number): unknown {
  const text = [
    (error as Error)?.name,
    (error as Error)?.message,
    (error as { code?: string })?.code,
  ].join(' ')
  if (!/EADDRINUSE|AddrInUse|in use/i.test(text)) return error
  return Object.assign(new Error(`Port ${port} is in use.`), { code: 'EADDRINUSE' })
}
