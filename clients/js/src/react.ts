/**
 * React hooks over `@pollfeed/client`: each is a lazy store read with `useSyncExternalStore`, so it polls while a
 * component shows it, survives StrictMode's mount-unmount-mount without a second poll loop, renders consistently in
 * concurrent rendering, and on the server returns the idle snapshot without polling.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';

import type { ChannelCursors, PollfeedClient } from './client.js';
import type { PollOptions } from './resource-poller.js';
import type { ChannelSnapshot, ResourceSnapshot, WatchSnapshot } from './snapshots.js';
import type { Observable } from './store.js';
import type { ChannelOptions, ChannelsOptions, EventsHandler, ErrorHandler, ResetHandler } from './types.js';

/** Before paint on the client; never on the server (where `useLayoutEffect` has nothing to do). */
const useClientEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** The newest handlers of the render, read when an event arrives (so handlers need no memoisation). */
function useLatest<V>(value: V): { readonly current: V } {
  const ref = useRef(value);
  useClientEffect(() => {
    ref.current = value;
  });
  return ref;
}

function useStore<S>(store: Observable<S>): S {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

interface Handlers<T> {
  onEvents?: EventsHandler<T> | undefined;
  onError?: ErrorHandler | undefined;
  onReset?: ResetHandler | undefined;
}

/** Stable wrappers that call the newest handlers; `onReset` only if the app has one (else the default applies). */
function stableHandlers<T>(
  latest: { readonly current: Handlers<T> },
  initial: Handlers<T>,
): { onEvents: EventsHandler<T>; onError: ErrorHandler; onReset?: ResetHandler } {
  return {
    onEvents: (events, channel) => latest.current.onEvents?.(events, channel),
    onError: (error, info) => latest.current.onError?.(error, info),
    ...(initial.onReset ? { onReset: (oldest: number, channel: string) => latest.current.onReset!(oldest, channel) } : {}),
  };
}

/**
 * Follows `channel` while the component is mounted: its snapshot (status, cursor, delivered, the last `keep`
 * events, default 100). `onEvents` gets each event exactly once; a new `channel`, `since`, `limit`, `keep` or
 * `persist` starts a new subscription.
 */
export function useChannel<T = unknown>(
  client: PollfeedClient,
  channel: string,
  options: ChannelOptions<T> = {},
): ChannelSnapshot<T> {
  const latest = useLatest<Handlers<T>>(options);
  const { since, limit, keep = 100, persist, parse } = options;
  const store = useMemo(
    () =>
      client.channel<T>(channel, {
        ...withDefined({ since, limit, persist, parse }),
        keep,
        ...stableHandlers(latest, options),
      }),
    // Handlers are read through `latest`; `parse` is expected to be stable (a schema's method).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, channel, since, limit, keep, persist],
  );
  return useStore(store);
}

/**
 * Follows a set of channels in one request per tick while mounted. The set may change from render to render:
 * channels that stay keep their cursors (`watch` … `update`).
 */
export function useChannels<T = unknown>(
  client: PollfeedClient,
  channels: ChannelCursors,
  options: ChannelsOptions<T> = {},
): WatchSnapshot<T> {
  const latest = useLatest<Handlers<T>>(options);
  const { limit, keep = 100, persist, parse } = options;
  const initial = useRef(channels);
  const store = useMemo(
    () => client.channels<T>(initial.current, { ...withDefined({ limit, persist, parse }), keep, ...stableHandlers(latest, options) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, limit, keep, persist],
  );
  const names = (channels instanceof Map ? [...channels.keys()] : Object.keys(channels)).join(',');
  const current = useLatest(channels);
  useEffect(() => {
    store.update(current.current);
  }, [store, names, current]);
  return useStore(store);
}

/** Polls a resource of the API (`/v1/channels/orders/stats`) while mounted; `refresh()` polls now. */
export function usePoll<T = unknown>(
  client: PollfeedClient,
  path: string,
  options: Omit<PollOptions<T>, 'signal'> = {},
): ResourceSnapshot<T> & { refresh(): void } {
  const latest = useLatest(options);
  const store = useMemo(
    () =>
      client.resource<T>(path, {
        parse: (body) => (latest.current.parse ? latest.current.parse(body) : (body as T)),
        onData: (data) => latest.current.onData?.(data),
        onError: (error, info) => latest.current.onError?.(error, info),
      }),
    [client, path, latest],
  );
  const snapshot = useStore(store);
  return useMemo(() => ({ ...snapshot, refresh: store.refresh }), [snapshot, store]);
}

/** Options without their undefined members (exactOptionalPropertyTypes). */
function withDefined<O extends object>(options: O): { [K in keyof O]?: Exclude<O[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as {
    [K in keyof O]?: Exclude<O[K], undefined>;
  };
}
