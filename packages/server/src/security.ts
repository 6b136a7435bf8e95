/**
 * The request checks of SPEC §7, as Hono middleware: the Host check against DNS rebinding, the
 * Origin check that keeps foreign websites off `/__daebug/*` (with CORS for allowed origins only),
 * and the token required when the server is reachable beyond loopback.
 */
import { type ErrorCode, errorBody } from '@daebug/protocol'
import type { Context, MiddlewareHandler, Next } from 'hono'
import { every } from 'hono/combine'
import { getCookie } from 'hono/cookie'

/** Options of {@link securityMiddleware}. */
export interface SecurityOptions {
  /** Host names answered besides loopback: the bound `--host` and every `--allowed-host`. */
  hosts: string[]
  /** The port the server listens on; a `Host` with another port is refused. */
  port: number
  /** Full origins (`https://app.test:3000`) allowed on `/__daebug/*` besides loopback (`--allow-origin`). */
  allowOrigins: string[]
  /** When set, every request must carry it (SPEC §7: required off loopback). */
  token?: string
}

/** The name of the cookie that carries the token for the server's own pages. */
export const TOKEN_COOKIE = 'daebug_token'

const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

/** Whether a server bound to `host` is reachable from this machine only (no token needed, SPEC §7). */
export function isLoopbackHost(host: string): boolean {
  return host === '::1' || LOOPBACK_HOSTS.includes(host)
}
const HOST_HEADER = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d+))?$/

/**
 * True for an http(s) origin on `localhost`, `127.0.0.1` or `[::1]`, any port.
 * @example
 * isLoopbackOrigin('http://localhost:5173') // → true
 * isLoopbackOrigin('http://localhost.attacker.test') // → false
 */
export function isLoopbackOrigin(origin: string): boolean {
  const url = parseOrigin(origin)
  return url !== undefined && LOOPBACK_HOSTS.includes(url.hostname)
}

/**
 * Refuses (403) a request whose `Host` is not loopback or one of `hosts`, or names another port:
 * a DNS-rebinding page reaches the server under its own host name. Applies to every route.
 */
export function hostGuard(options: Pick<SecurityOptions, 'hosts' | 'port'>): MiddlewareHandler {
  const allowed = new Set([...LOOPBACK_HOSTS, ...options.hosts.map(normalizeHostName)])
  return async (c, next) => {
    const host = requestHost(c)
    const match = HOST_HEADER.exec(host)
    const name = match?.[1]?.toLowerCase() ?? ''
    const known = match !== null && allowed.has(name)
    const port = match?.[2]
    if (known && (port === undefined || Number(port) === options.port)) return next()
    const why = known ? `port ${port} is not this server's port ${options.port}` : 'unknown host'
    const hint = known ? '' : ` To allow it, start Daebug with --allowed-host ${name || host}.`
    return refuse(c, 403, 'FORBIDDEN', `Refused Host '${host}' (${why}).${hint}`)
  }
}

/**
 * On `/__daebug/*` (HTTP and WebSocket upgrades): refuses (403) an `Origin` that is not this
 * server's own, a loopback origin or one of `allowOrigins` (`null` included), and a request marked
 * `Sec-Fetch-Site: cross-site` without an allowed `Origin`. Requests with neither header (tools)
 * pass. Allowed cross-origin requests get CORS headers naming their origin (never `*`), and their
 * preflight `OPTIONS` is answered here.
 */
export function originGuard(options: Pick<SecurityOptions, 'allowOrigins'>): MiddlewareHandler {
  const extra = new Set(options.allowOrigins.map((origin) => parseOrigin(origin)?.origin ?? origin))
  return async (c, next) => {
    if (!isDaebugRoute(c)) return projectFileGuard(c, next, extra)
    const origin = c.req.header('origin')
    if (origin === undefined) {
      if (c.req.header('sec-fetch-site')?.trim().toLowerCase() === 'cross-site') {
        return refuse(c, 403, 'FORBIDDEN', 'Cross-site requests are refused on /__daebug/*.')
      }
      return next()
    }
    const url = parseOrigin(origin)
    const own = url !== undefined && url.host === requestHost(c).toLowerCase()
    if (!url || !(own || LOOPBACK_HOSTS.includes(url.hostname) || extra.has(url.origin))) {
      return refuse(
        c,
        403,
        'FORBIDDEN',
        `Refused Origin '${origin}' on /__daebug/*. To allow a site you trust, start Daebug with --allow-origin ${url?.origin ?? '<origin>'}.`,
      )
    }
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        vary: 'Origin',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': '600',
      })
    }
    await next()
    if (!own) {
      c.header('access-control-allow-origin', origin)
      c.header('vary', 'Origin', { append: true })
    }
  }
}

/**
 * The project's files are for its own pages: a foreign page must not load them as a script,
 * style, image or fetch (a cross-site `<script src>` would run the project's code in the foreign
 * page and leak what it defines). Refused: `Sec-Fetch-Site: cross-site` that is not a navigation
 * (opening the page in a tab or frame, whose content the other site cannot read), unless its
 * `Origin` is allowed. Tools send no such header and pass.
 */
function projectFileGuard(
  c: Context,
  next: Next,
  extra: ReadonlySet<string>,
): Promise<void> | Response {
  const site = c.req.header('sec-fetch-site')?.trim().toLowerCase()
  if (
    site !== 'cross-site' ||
    c.req.header('sec-fetch-mode')?.trim().toLowerCase() === 'navigate'
  ) {
    return next()
  }
  const origin = parseOrigin(c.req.header('origin') ?? '')
  if (origin && (LOOPBACK_HOSTS.includes(origin.hostname) || extra.has(origin.origin)))
    return next()
  return refuse(
    c,
    403,
    'FORBIDDEN',
    "Cross-site requests for the project's files are refused: another site's page may not load them. Open the page itself, or start Daebug with --allow-origin for a site you trust.",
  )
}

/**
 * Refuses (401) a request that carries the token neither as `Authorization: Bearer <token>` nor
 * as the `daebug_token` cookie. Compares in constant time. Applies to every route. A GET with the
 * right `?daebug_token=` (the link printed at start) sets the cookie and redirects to its URL
 * without it.
 */
export function tokenGuard(token: string): MiddlewareHandler {
  return async (c, next) => {
    // The link the server prints: a browser opening it once gets the cookie, and is sent on to
    // the same URL without the token (so it stays out of history, bookmarks and Referer).
    const link = c.req.method === 'GET' ? c.req.query(TOKEN_COOKIE) : undefined
    if (link !== undefined && constantTimeEqual(link, token)) {
      const url = new URL(c.req.url)
      url.searchParams.delete(TOKEN_COOKIE)
      return c.body(null, 302, {
        location: `${url.pathname}${url.search}`,
        'set-cookie': tokenCookie(token),
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      })
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
    const cookie = getCookie(c, TOKEN_COOKIE)
    const given = [bearer, cookie].filter((value): value is string => value !== undefined)
    if (given.some((value) => constantTimeEqual(value, token))) return next()
    c.header('www-authenticate', 'Bearer realm="daebug"')
    return refuse(
      c,
      401,
      'FORBIDDEN',
      'This Daebug server requires its token: send "Authorization: Bearer <token>". The token is in daebug/.server.json under the root, and was printed when the server started.',
    )
  }
}

/**
 * The `Set-Cookie` value that gives the server's own pages the token: `HttpOnly`, so no script
 * can read it, and `SameSite=Strict`, so no other site's request carries it.
 * @example
 * c.header('set-cookie', tokenCookie(token))
 */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`
}

/**
 * All of SPEC §7's request checks in order: Host, then Origin and CORS, then the token (when
 * `token` is set).
 * @example
 * app.use('*', securityMiddleware({ hosts: [], port: 8680, allowOrigins: [] }))
 */
export function securityMiddleware(options: SecurityOptions): MiddlewareHandler {
  const guards = [hostGuard(options), originGuard(options)]
  if (options.token !== undefined) guards.push(tokenGuard(options.token))
  return every(...guards)
}

function refuse(c: Context, status: 401 | 403, code: ErrorCode, message: string): Response {
  return c.json(errorBody(code, message), status)
}

/** The request's `Host`; tools that send none are judged by the URL they asked for. */
function requestHost(c: Context): string {
  return c.req.header('host') ?? new URL(c.req.url).host
}

function isDaebugRoute(c: Context): boolean {
  // Both forms: Hono routes on the decoded path, so `/%5F%5Fdaebug/api` reaches the API too.
  for (const path of [c.req.path, new URL(c.req.url).pathname]) {
    const lower = path.toLowerCase()
    if (lower === '/__daebug' || lower.startsWith('/__daebug/')) return true
  }
  return false
}

/** An http(s) origin with nothing after the port, or undefined. */
function parseOrigin(origin: string): URL | undefined {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash)
    return undefined
  return url
}

function normalizeHostName(host: string): string {
  const lower = host.trim().toLowerCase()
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower
}

function constantTimeEqual(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given)
  const b = new TextEncoder().encode(expected)
  let diff = a.length ^ b.length
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}
