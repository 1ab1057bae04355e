import { ChannelFollower } from './channel-follower.js';
import { ChannelHubs } from './channel-hub.js';
import { type EventStream, type EventsOptions, eventStream } from './event-stream.js';
import { MultiChannelFeed } from './multi-channel-feed.js';
import { type PublishOptions, publish } from './publish.js';
import { type PollOptions, ResourcePoller } from './resource-poller.js';
import { type ClientOptions, resolveSettings, type Settings } from './settings.js';
import type { ChannelSnapshot, ResourceSnapshot, WatchSnapshot } from './snapshots.js';
import { type Subscription, subscriptionOf } from './subscription.js';
import type {
  ChannelOptions,
  ChannelsOptions,
  Cursor,
  NewEvent,
  PublishResult,
  SubscribeOptions,
  WatchHandlers,
} from './types.js';
import { checkChannel, checkCursor, checkLimit } from './validate.js';

/** One channel followed: its snapshot has the cursor, the events delivered and the loop's status. */
export type ChannelSubscription<T = unknown> = Subscription<ChannelSnapshot<T>> & { readonly channel: string };

/** Many channels in one request per tick; `update` changes the set, keeping the cursors of channels that stay. */
export type WatchSubscription<T = unknown> = Subscription<WatchSnapshot<T>> & {
  update(channels: ChannelCursors): void;
};

/** A polled resource; `refresh()` polls now (say, after a publish that changes it). */
export type ResourceSubscription<T = unknown> = Subscription<ResourceSnapshot<T>> & { refresh(): void };

/** `{ orders: 0, alerts: 'now' }` or a Map of the same. */
export type ChannelCursors = Readonly<Record<string, Cursor>> | ReadonlyMap<string, Cursor>;

export interface PollfeedClient {
  /**
   * Follows one channel from now until stopped: `onEvents` gets every event after `since` exactly once, in seq
   * order. Subscriptions to the same channel share one poll loop.
   */
  subscribe<T = unknown>(channel: string, options: SubscribeOptions<T>): ChannelSubscription<T>;
  /** The same as a lazy store: it polls while observed (`subscribe(listener)`), for React and Vue. */
  channel<T = unknown>(channel: string, options?: ChannelOptions<T>): ChannelSubscription<T>;
  /** `for await (const event of client.events('orders', { signal }))`, with back-pressure. */
  events<T = unknown>(channel: string, options?: EventsOptions<T>): EventStream<T>;
  /** Follows up to 50 channels with one request per tick: `{ orders: 0, alerts: 'now' }`. */
  watch<T = unknown>(channels: ChannelCursors, handlers: WatchHandlers<T>): WatchSubscription<T>;
  /** The same as a lazy store. */
  channels<T = unknown>(channels: ChannelCursors, options?: ChannelsOptions<T>): WatchSubscription<T>;
  /** Polls any resource of the API with conditional GETs, e.g. `/v1/channels/orders/stats`, until stopped. */
  poll<T = unknown>(path: string | (() => string), options?: PollOptions<T>): ResourceSubscription<T>;
  /** The same as a lazy store. */
  resource<T = unknown>(path: string | (() => string), options?: PollOptions<T>): ResourceSubscription<T>;
  /** Stores one event or a batch of 1-100 atomically; retried safely with one Idempotency-Key. */
  publish(channel: string, events: NewEvent | readonly NewEvent[], options?: PublishOptions): Promise<PublishResult>;
  /** The same, with `data` checked against `T`: `publish<Order>('orders', { data: order })`. */
  publish<T>(channel: string, events: NewEvent<T> | readonly NewEvent<T>[], options?: PublishOptions): Promise<PublishResult<T>>;
}

const MAX_WATCHED_CHANNELS = 50;

export function createClient(options: ClientOptions): PollfeedClient {
  const settings = resolveSettings(options);
  const hubs = new ChannelHubs(settings);
  return {
    subscribe(channel, subscription) {
      checkHandlers(subscription);
      return followChannel(channel, subscription, settings, hubs, true);
    },
    channel(channel, subscription = {}) {
      return followChannel(channel, subscription, settings, hubs, false);
    },
    events(channel, streamOptions = {}) {
      checkChannelOptions(channel, streamOptions);
      return eventStream(channel, streamOptions, settings, hubs);
    },
    watch(channels, handlers) {
      checkHandlers(handlers);
      return watchChannels(channels, handlers, settings, true);
    },
    channels(channels, watchOptions = {}) {
      return watchChannels(channels, watchOptions, settings, false);
    },
    poll(path, pollOptions = {}) {
      return pollResource(path, pollOptions, settings, true);
    },
    resource(path, pollOptions = {}) {
      return pollResource(path, pollOptions, settings, false);
    },
    publish<T>(channel: string, events: NewEvent<T> | readonly NewEvent<T>[], publishOptions?: PublishOptions) {
      return publish<T>(settings, channel, events, publishOptions);
    },
  };
}

function followChannel<T>(
  channel: string,
  options: ChannelOptions<T>,
  settings: Settings,
  hubs: ChannelHubs,
  eager: boolean,
): ChannelSubscription<T> {
  checkChannelOptions(channel, options);
  const follower = new ChannelFollower<T>(channel, options, settings, hubs);
  return subscriptionOf(follower.store, follower, settings.clock, { eager, signal: options.signal }, { channel });
}

function watchChannels<T>(
  channels: ChannelCursors,
  options: ChannelsOptions<T>,
  settings: Settings,
  eager: boolean,
): WatchSubscription<T> {
  checkLimit(options.limit);
  checkKeep(options.keep);
  const feed = new MultiChannelFeed<T>(checkedCursors(channels), options, settings);
  return subscriptionOf(feed.store, feed, settings.clock, { eager, signal: options.signal }, {
    update(next: ChannelCursors) {
      feed.update(checkedCursors(next));
    },
  });
}

function pollResource<T>(
  path: string | (() => string),
  options: PollOptions<T>,
  settings: Settings,
  eager: boolean,
): ResourceSubscription<T> {
  if (typeof path !== 'string' && typeof path !== 'function') {
    throw new TypeError("poll needs a path such as '/v1/channels/orders/stats', or a function that returns one");
  }
  const poller = new ResourcePoller<T>(path, options, settings);
  return subscriptionOf(poller.store, poller, settings.clock, { eager, signal: options.signal }, {
    refresh: () => poller.refresh(),
  });
}

function checkedCursors(channels: ChannelCursors): Map<string, Cursor> {
  const cursors = new Map<string, Cursor>(channels instanceof Map ? channels : Object.entries(channels));
  if (cursors.size < 1 || cursors.size > MAX_WATCHED_CHANNELS) {
    throw new RangeError(`watch follows 1 to ${MAX_WATCHED_CHANNELS} channels; got ${cursors.size}`);
  }
  for (const [channel, since] of cursors) {
    checkChannel(channel);
    checkCursor(since, `since of channel '${channel}'`);
  }
  return cursors;
}

function checkChannelOptions<T>(channel: string, options: ChannelOptions<T>): void {
  checkChannel(channel);
  checkCursor(options.since ?? 0, 'since');
  checkLimit(options.limit);
  checkKeep(options.keep);
}

function checkKeep(keep: number | undefined): void {
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 0)) {
    throw new RangeError(`keep must be a whole number >= 0; got ${keep}`);
  }
}

function checkHandlers(handlers: { onEvents?: unknown } | undefined): void {
  if (typeof handlers?.onEvents !== 'function') {
    throw new TypeError('onEvents must be a function');
  }
}
