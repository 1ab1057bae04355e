import { Activation } from './activation.js';
import type { Clock } from './clock.js';
import type { Observable, Store } from './store.js';

/**
 * A running feed and its state. Calling it (or `stop()`) stops it for good; `subscribe(listener)` and
 * `getSnapshot()` make it an external store for React's `useSyncExternalStore` or a Vue `shallowRef`.
 */
export interface Subscription<S> extends Observable<S> {
  (): void;
  stop(): void;
}

/** What a feed implements to be run by `Activation`: attach to its loop, and detach from it. */
export interface Runnable {
  attach(): void;
  detach(stopped: boolean): void;
}

/**
 * Wraps a feed in the public object. `eager` feeds run from now until stopped; lazy ones run while observed (a
 * component is mounted), keeping their cursors in between. An aborted `signal` stops either for good.
 */
export function subscriptionOf<S extends object, E extends object>(
  store: Store<S>,
  feed: Runnable,
  clock: Clock,
  options: { eager: boolean; signal: AbortSignal | undefined; onStop?: () => void },
  extra: E,
): Subscription<S> & E {
  let stopped = false;
  const activation = new Activation(
    clock,
    () => feed.attach(),
    () => feed.detach(stopped),
  );
  const stop = (): void => {
    stopped = true;
    activation.close();
    feed.detach(true);
    options.onStop?.();
  };
  const subscription = Object.assign(stop, {
    stop,
    getSnapshot: (): S => store.snapshot,
    subscribe(listener: () => void): () => void {
      const release = activation.hold();
      const unlisten = store.listen(listener);
      return () => {
        unlisten();
        release();
      };
    },
    ...extra,
  });
  if (options.signal?.aborted) {
    stop();
    return subscription;
  }
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.eager) {
    activation.hold();
  }
  return subscription;
}
