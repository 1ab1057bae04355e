export {
  createClient,
  type ChannelCursors,
  type ChannelSubscription,
  type PollfeedClient,
  type ResourceSubscription,
  type WatchSubscription,
} from './client.js';
export type { ClientOptions } from './settings.js';
export type { PublishOptions } from './publish.js';
export type { EventStream, EventsOptions } from './event-stream.js';
export type { PollOptions } from './resource-poller.js';
export type { Subscription } from './subscription.js';
export type { Listener, Observable } from './store.js';
export type { ChannelEvent, ChannelSnapshot, FeedStatus, ResourceSnapshot, WatchSnapshot } from './snapshots.js';
export type {
  ChannelOptions,
  ChannelsOptions,
  Cursor,
  ErrorHandler,
  ErrorInfo,
  EventsHandler,
  FeedOptions,
  NewEvent,
  ParseData,
  PollfeedEvent,
  PublishResult,
  ResetHandler,
  SubscribeOptions,
  Unsubscribe,
  WatchHandlers,
} from './types.js';
export type { BackoffOptions } from './backoff.js';
export type { Clock } from './clock.js';
export type { CursorStorage } from './cursor-storage.js';
export type { EventSource, PageEnvironment, VisibilityDocument } from './page-lifecycle.js';
export type { Problem } from './problem.js';
export { PollfeedHeaders } from './headers.js';
export { PollfeedError } from './errors/pollfeed-error.js';
export { HttpError } from './errors/http-error.js';
export { CursorExpiredError } from './errors/cursor-expired-error.js';
export { UnauthorizedError } from './errors/unauthorized-error.js';
export { ForbiddenError } from './errors/forbidden-error.js';
export { NetworkError } from './errors/network-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { InvalidResponseError } from './errors/invalid-response-error.js';
export { HandlerError } from './errors/handler-error.js';
export { EventParseError } from './errors/event-parse-error.js';
