import { ChannelFollower } from './channel-follower.js';
import type { ChannelHubs } from './channel-hub.js';
import type { PollfeedError } from './errors/pollfeed-error.js';
import type { Settings } from './settings.js';
import type { ChannelEvent, ChannelSnapshot } from './snapshots.js';
import { type Subscription, subscriptionOf } from './subscription.js';
import type { ChannelOptions } from './types.js';

export interface EventsOptions<T = unknown> extends Omit<ChannelOptions<T>, 'onEvents'> {
  /**
   * Events buffered for a consumer that is behind before the channel's loop waits for it (back-pressure: the cursor
   * moves only as far as what was buffered). Default 100.
   */
  highWaterMark?: number;
}

/** `for await (const event of client.events('orders'))`: every event once, in order; `break` or `signal` stops it. */
export type EventStream<T> = Subscription<ChannelSnapshot<T>> & AsyncIterableIterator<ChannelEvent<T>>;

export function eventStream<T>(
  channel: string,
  options: EventsOptions<T>,
  settings: Settings,
  hubs: ChannelHubs,
): EventStream<T> {
  const highWaterMark = options.highWaterMark ?? 100;
  const queue: ChannelEvent<T>[] = [];
  let failure: PollfeedError | undefined;
  let done = false;
  let consumerWaiting: (() => void) | undefined;
  let drained: (() => void) | undefined;
  const notify = (): void => {
    consumerWaiting?.();
    consumerWaiting = undefined;
  };

  const follower = new ChannelFollower<T>(
    channel,
    {
      ...options,
      async onEvents(events) {
        queue.push(...(events as readonly ChannelEvent<T>[]));
        notify();
        while (queue.length >= highWaterMark && !done) {
          await new Promise<void>((resolve) => (drained = resolve));
        }
      },
      onError(error, info) {
        if (!info.willRetry) {
          failure = error;
          notify();
        }
        options.onError?.(error, info);
      },
    },
    settings,
    hubs,
  );

  const finish = (): void => {
    done = true;
    notify();
    drained?.();
  };
  const signal = options.signal;

  const iterator: AsyncIterableIterator<ChannelEvent<T>> = {
    async next(): Promise<IteratorResult<ChannelEvent<T>>> {
      for (;;) {
        const event = queue.shift();
        if (event) {
          if (queue.length < highWaterMark) {
            drained?.();
            drained = undefined;
          }
          return { value: event, done: false };
        }
        if (failure) {
          const error = failure;
          failure = undefined;
          subscription.stop();
          throw error;
        }
        if (done || signal?.aborted) {
          return { value: undefined, done: true };
        }
        await new Promise<void>((resolve) => (consumerWaiting = resolve));
      }
    },
    async return(): Promise<IteratorResult<ChannelEvent<T>>> {
      subscription.stop();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  const subscription = subscriptionOf(follower.store, follower, settings.clock, { eager: true, signal, onStop: finish }, {
    channel,
  });
  return Object.assign(subscription, {
    next: iterator.next,
    return: iterator.return,
    [Symbol.asyncIterator]: () => subscription as unknown as AsyncIterableIterator<ChannelEvent<T>>,
  }) as EventStream<T>;
}
