import type { PollfeedError } from './errors/pollfeed-error.js';

/**
 * Where a reader stands in a channel: the seq of the last event it processed (`0` for the start), or `'now'` for
 * "only events published from now on".
 */
export type Cursor = number | 'now';

/** An event as the server returns it. `seq` numbers a channel's events 1, 2, 3, ... with no gaps, in commit order. */
export interface PollfeedEvent<T = unknown> {
  readonly seq: number;
  readonly type: string;
  readonly data: T;
  /** When the server stored the event, UTC with microseconds. Orders nothing: use `seq`. */
  readonly time: string;
}

/** An event to publish. A missing `type` is stored as `"message"`; `data` is any JSON value. */
export interface NewEvent<T = unknown> {
  type?: string | null;
  data: T;
}

/** What `publish` resolves to: the stored events with their seqs. */
export interface PublishResult<T = unknown> {
  readonly channel: string;
  readonly events: readonly PollfeedEvent<T>[];
  /** `true` when the server answered a repeated Idempotency-Key with the first request's events (200). */
  readonly replayed: boolean;
}

/** Second argument of `onError`: what the client does next. */
export interface ErrorInfo {
  /**
   * `false` when the subscription has stopped: a 4xx other than 410/429 (401 and 403 included: new credentials need
   * a new subscription), an exception in a handler or in the `token` function.
   */
  readonly willRetry: boolean;
  /** How long the client waits before it tries again, when it will. */
  readonly retryInMs?: number;
  /** How many failures in a row this one makes (1 for the first). */
  readonly attempt: number;
}

/** Receives the new events of one channel, in seq order, each exactly once. May return a promise. */
export type EventsHandler<T> = (events: readonly PollfeedEvent<T>[], channel: string) => void | Promise<void>;

/** Called on every failure; the client keeps polling unless `info.willRetry` is `false`. */
export type ErrorHandler = (error: PollfeedError, info: ErrorInfo) => void;

/**
 * Called on `410 Gone`: the events between the cursor and `oldest` were pruned. Return where to resume:
 * `oldest - 1` reads everything still retained, `'now'` skips to live events.
 */
export type ResetHandler = (oldest: number, channel: string) => Cursor | Promise<Cursor>;

/**
 * Turns an event's raw `data` into `T`, or throws to refuse it (say, a zod or valibot `parse`). A refused event
 * stops the subscription with an `EventParseError`, the cursor before it: nothing is skipped silently.
 */
export type ParseData<T> = (data: unknown, event: PollfeedEvent<unknown>) => T;

/** What every feed takes: cancellation, validation and how many events the snapshot keeps. */
export interface FeedOptions<T> {
  /** Aborting it stops the feed for good, as `stop()` does. */
  signal?: AbortSignal;
  /** Validates and types each event's `data` before any handler sees it. */
  parse?: ParseData<T>;
  /** How many of the last delivered events `getSnapshot().events` holds, for rendering. Default 0. */
  keep?: number;
}

interface PollingOptions<T> extends FeedOptions<T> {
  /** Events per page and channel, 1 to 1000 (server default 100). */
  limit?: number;
  onEvents: EventsHandler<T>;
  onError?: ErrorHandler;
  /** Without it, the client resumes from `oldest - 1` and reports the `CursorExpiredError` to `onError`. */
  onReset?: ResetHandler;
  /**
   * A storage key: the cursor is saved under it (in `sessionStorage` by default) after every delivered page, and a
   * saved cursor takes precedence over `since` when following again, e.g. after a page reload.
   */
  persist?: string;
}

export interface SubscribeOptions<T = unknown> extends PollingOptions<T> {
  /** Start after this seq; default `0` (the start of the channel). */
  since?: Cursor;
}

export type WatchHandlers<T = unknown> = PollingOptions<T>;

/** Options of the stores `channel()` and `channels()`: as `subscribe` and `watch`, with `onEvents` optional. */
export type ChannelOptions<T = unknown> = Omit<SubscribeOptions<T>, 'onEvents'> & { onEvents?: EventsHandler<T> };
export type ChannelsOptions<T = unknown> = Omit<WatchHandlers<T>, 'onEvents'> & { onEvents?: EventsHandler<T> };

/** Stops following: aborts the request in flight and cancels every timer. Safe to call more than once. */
export type Unsubscribe = () => void;
