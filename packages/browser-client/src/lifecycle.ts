/**
 * The page events that matter to a realm's connection: leaving and coming back (bfcache), waking up
 * (background tabs throttle timers, frozen tabs stop them), going online, and CSP violations.
 */

type Listener = (event: Event) => void

/** The part of `window` the page client uses. */
export interface PageWindow {
  addEventListener(type: string, listener: Listener, options?: AddEventListenerOptions): void
  removeEventListener(type: string, listener: Listener, options?: EventListenerOptions): void
  location: { href: string }
  document?: {
    title: string
    addEventListener(type: string, listener: Listener): void
    removeEventListener(type: string, listener: Listener): void
  }
}

/** What to do on each kind of page event. */
export interface LifecycleHandlers {
  /** `pagehide`: the page unloads or enters the bfcache. */
  leave(): void
  /** `pageshow`: the page loaded or came back from the bfcache. */
  back(): void
  /** `visibilitychange`, `resume`, `online`: the connection may be gone or heartbeats late. */
  wake(): void
  /** `securitypolicyviolation`: the page's CSP blocked a URL. */
  violation(event: SecurityPolicyViolationEvent): void
}

/** Listens to the page's lifecycle; returns the function that stops listening. No handler throws. */
export function watchLifecycle(win: PageWindow, handlers: LifecycleHandlers): () => void {
  const guarded =
    (run: (event: Event) => void): Listener =>
    (event) => {
      try {
        run(event)
      } catch {}
    }
  const wake = guarded(() => handlers.wake())
  const onWindow: Array<[string, Listener]> = [
    ['pagehide', guarded(() => handlers.leave())],
    ['pageshow', guarded(() => handlers.back())],
    ['online', wake],
  ]
  const onDocument: Array<[string, Listener]> = [
    ['visibilitychange', wake],
    ['resume', wake],
    [
      'securitypolicyviolation',
      guarded((event) => handlers.violation(event as SecurityPolicyViolationEvent)),
    ],
  ]
  const each = (run: () => void): void => {
    try {
      run()
    } catch {}
  }
  for (const [type, listener] of onWindow)
    each(() => win.addEventListener(type, listener, { passive: true }))
  for (const [type, listener] of onDocument)
    each(() => win.document?.addEventListener(type, listener))
  return () => {
    for (const [type, listener] of onWindow) each(() => win.removeEventListener(type, listener))
    for (const [type, listener] of onDocument)
      each(() => win.document?.removeEventListener(type, listener))
  }
}
