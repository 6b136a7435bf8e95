/**
 * @module
 * `@daebug/browser-client`: the code Daebug runs in pages — realm naming, the realm channel, the
 * evaluator and console capture. `startPageClient` is what the injected script
 * (`@daebug/browser-client/page-client.js`) runs; tests and embedders can call it with their own
 * host objects.
 */
export {
  CAPTURED_CONSOLE_LEVELS,
  type Capture,
  type CaptureOptions,
  type ConsoleLike,
  type JobEvents,
  type ListenerTarget,
  startCapture,
} from './capture.js'
export {
  type ChannelOptions,
  createRealmChannel,
  type RealmChannel,
  type RealmTransport,
  realmSocketUrl,
  type TransportConnection,
  type TransportHandlers,
  type WebSocketConstructor,
  type WebSocketLike,
  webSocketTransport,
} from './channel.js'
export {
  CLIENT_GLOBAL_KEY,
  CLIENT_VERSION,
  type PageClient,
  type PageClientOptions,
  startPageClient,
} from './client.js'
export { cutText, EVENT_TEXT_MAX, MESSAGE_MAX, RESULT_TEXT_MAX } from './cut.js'
export {
  buildResult,
  evaluateCode,
  type GlobalEval,
  type JobOutcome,
  serializeResult,
} from './evaluate.js'
export { createEventBuffer, type EventBuffer } from './event-buffer.js'
export { type LifecycleHandlers, type PageWindow, watchLifecycle } from './lifecycle.js'
export { loadRealmName, type NameStorage, REALM_NAME_KEY } from './realm-name.js'
export { cleanFrame, cleanStack } from './stack.js'
export { describeThrown, isErrorLike, safeInspect, type ThrownDescription } from './thrown.js'
