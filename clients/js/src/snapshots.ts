import type { PollfeedError } from './errors/pollfeed-error.js';
import type { Cursor, PollfeedEvent } from './types.js';

/**
 * Where a feed stands. `idle`: nobody observes a lazy store yet (and always on the server); `connecting`: the first
 * answer is awaited; `live`: the last poll succeeded; `paused`: the page is hidden; `backing-off`: the last attempt
 * failed and another follows at `nextPollAt`; `failed`: stopped by an error that retrying cannot fix (`lastError`);
 * `stopped`: the app stopped it.
 */
export type FeedStatus = 'idle' | 'connecting' | 'live' | 'paused' | 'backing-off' | 'failed' | 'stopped';

/** An event with the channel it came from. */
export interface ChannelEvent<T = unknown> extends PollfeedEvent<T> {
  readonly channel: string;
}

export interface FeedState {
  readonly status: FeedStatus;
  /** The last failure, retried or not; stays after a recovery (compare with `status`). */
  readonly lastError: PollfeedError | undefined;
  /** `clock.now()` of the next request, while waiting for it. */
  readonly nextPollAt: number | undefined;
}

/** The state of one channel subscription: what `getSnapshot()` returns. */
export interface ChannelSnapshot<T = unknown> extends FeedState {
  readonly channel: string;
  /** The seq of the last event delivered (or where it starts, `'now'` until the head is known). */
  readonly cursor: Cursor;
  /** Events delivered since this subscription started. */
  readonly delivered: number;
  /** The last `keep` events delivered, oldest first (empty unless `keep` is set). */
  readonly events: readonly ChannelEvent<T>[];
}

/** The state of a `watch`: a cursor per channel. */
export interface WatchSnapshot<T = unknown> extends FeedState {
  readonly cursors: Readonly<Record<string, Cursor>>;
  readonly delivered: number;
  readonly events: readonly ChannelEvent<T>[];
}

/** The state of a polled resource (stats, series): its last data, kept across `304 Not Modified`. */
export interface ResourceSnapshot<T = unknown> extends FeedState {
  readonly data: T | undefined;
  /** `clock.now()` when `data` last changed. */
  readonly updatedAt: number | undefined;
  /** Requests sent, and how many were answered `304`. */
  readonly requests: number;
  readonly notModified: number;
  /** The server's last `Poll-Interval`, in milliseconds. */
  readonly pollIntervalMs: number | undefined;
}

/** The last `keep` of `previous` and `added`. */
export function keepLast<E>(previous: readonly E[], added: readonly E[], keep: number): readonly E[] {
  if (keep <= 0 || added.length === 0) {
    return previous;
  }
  const all = previous.length + added.length <= keep ? [...previous, ...added] : [...previous, ...added].slice(-keep);
  return Object.freeze(all);
}
