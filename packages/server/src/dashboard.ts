/**
 * The dashboard at `/__daebug/` (SPEC §4.4) and the stream it follows,
 * `GET /__daebug/api/events`: the lifecycle events (SPEC §4.3) as server-sent events, one JSON
 * object per `data:` line. Both sit behind the same origin checks as every `/__daebug/*` route.
 */
import type { LifecycleEvent } from '@daebug/protocol'
import type { Context, Hono } from 'hono'
import { DASHBOARD_HTML } from './dashboard-page.js'

/** Lifecycle events, fanned out to the dashboard's streams. */
export class EventFeed {
  readonly #listeners = new Set<(event: LifecycleEvent) => void>()

  /** Sends an event to every open stream. */
  publish(event: LifecycleEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  /** Calls `listener` with each event until the returned function is called. */
  subscribe(listener: (event: LifecycleEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}

/** Adds `GET /__daebug/` (the page) and `GET /__daebug/api/events` (its stream). */
export function mountDashboard(app: Hono, feed: EventFeed): void {
  const page = (c: Context) =>
    c.html(DASHBOARD_HTML, 200, {
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
    })
  app.get('/__daebug/', page)
  app.get('/__daebug', page)
  app.get('/__daebug/api/events', (c) => {
    const encoder = new TextEncoder()
    let stop = (): void => {}
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(': daebug events\n\n'))
        stop = feed.subscribe((event) => {
          try {
            controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`))
          } catch {
            stop()
          }
        })
      },
      cancel: () => stop(),
    })
    return c.body(body, 200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
    })
  })
}
