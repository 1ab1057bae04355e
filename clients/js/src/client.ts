import { ChannelFeed } from './channel-feed.js';
import { MultiChannelFeed } from './multi-channel-feed.js';
import { startPolling } from './poll-loop.js';
import { type PublishOptions, publish } from './publish.js';
import { reportTo } from './report.js';
import { type ClientOptions, resolveSettings } from './settings.js';
import type { Cursor, NewEvent, PublishResult, SubscribeOptions, Unsubscribe, WatchHandlers } from './types.js';
import { checkChannel, checkCursor, checkLimit } from './validate.js';

export interface PollfeedClient {
  /** Follows one channel: `onEvents` gets every event after `since` exactly once, in seq order. */
  subscribe<T = unknown>(channel: string, options: SubscribeOptions<T>): Unsubscribe;
  /** Follows up to 50 channels with one request per tick: `{ orders: 0, alerts: 'now' }`. */
  watch<T = unknown>(
    channels: Readonly<Record<string, Cursor>> | ReadonlyMap<string, Cursor>,
    handlers: WatchHandlers<T>,
  ): Unsubscribe;
  /** Stores one event or a batch of 1-100 atomically; retried safely with one Idempotency-Key. */
  publish(channel: string, events: NewEvent | readonly NewEvent[], options?: PublishOptions): Promise<PublishResult>;
  /** The same, with `data` checked against `T`: `publish<Order>('orders', { data: order })`. */
  publish<T>(channel: string, events: NewEvent<T> | readonly NewEvent<T>[], options?: PublishOptions): Promise<PublishResult<T>>;
}

const MAX_WATCHED_CHANNELS = 50;

export function createClient(options: ClientOptions): PollfeedClient {
  const settings = resolveSettings(options);
  return {
    subscribe(channel, subscription) {
      checkChannel(channel);
      checkHandlers(subscription);
      checkCursor(subscription.since ?? 0, 'since');
      checkLimit(subscription.limit);
      const report = reportTo(subscription.onError);
      return startPolling(new ChannelFeed(channel, subscription, settings, report), settings, report);
    },

    watch(channels, handlers) {
      checkHandlers(handlers);
      checkLimit(handlers.limit);
      const cursors = new Map<string, Cursor>(channels instanceof Map ? channels : Object.entries(channels));
      if (cursors.size < 1 || cursors.size > MAX_WATCHED_CHANNELS) {
        throw new RangeError(`watch follows 1 to ${MAX_WATCHED_CHANNELS} channels; got ${cursors.size}`);
      }
      for (const [channel, since] of cursors) {
        checkChannel(channel);
        checkCursor(since, `since of channel '${channel}'`);
      }
      const report = reportTo(handlers.onError);
      return startPolling(new MultiChannelFeed(cursors, handlers, settings, report), settings, report);
    },

    publish<T>(channel: string, events: NewEvent<T> | readonly NewEvent<T>[], publishOptions?: PublishOptions) {
      return publish<T>(settings, channel, events, publishOptions);
    },
  };
}

function checkHandlers(handlers: { onEvents?: unknown } | undefined): void {
  if (typeof handlers?.onEvents !== 'function') {
    throw new TypeError('onEvents must be a function');
  }
}
