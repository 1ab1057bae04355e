/**
 * Vue composables over `@pollfeed/client`, with the semantics of the React hooks: each returns a read-only
 * `shallowRef` of the store's snapshot, polls from mount to unmount (never during server-side rendering), and
 * follows reactive arguments: a new channel starts a new subscription, a new channel set keeps the cursors of
 * channels that stay.
 */
import {
  getCurrentInstance,
  onMounted,
  onScopeDispose,
  type MaybeRefOrGetter,
  type Ref,
  readonly,
  shallowRef,
  toValue,
  watch,
} from 'vue';

import type { ChannelCursors, PollfeedClient, ResourceSubscription, WatchSubscription } from './client.js';
import type { PollOptions } from './resource-poller.js';
import type { ChannelSnapshot, ResourceSnapshot, WatchSnapshot } from './snapshots.js';
import type { Subscription } from './subscription.js';
import type { ChannelOptions, ChannelsOptions } from './types.js';

/**
 * Keeps `state` equal to the snapshot of the store `create` makes, observing it from mount (or now, outside a
 * component) until the scope ends; a new `key` swaps the store.
 */
function follow<S, K>(
  key: () => K,
  create: (key: K) => Subscription<S>,
  state: Ref<S>,
  onStore?: (store: Subscription<S>) => void,
): void {
  let release: (() => void) | undefined;
  let mounted = false;
  let store: Subscription<S> | undefined;
  const start = (value: K): void => {
    release?.();
    store = create(value);
    onStore?.(store);
    state.value = store.getSnapshot();
    if (mounted) {
      const current = store;
      release = current.subscribe(() => {
        state.value = current.getSnapshot();
      });
    }
  };
  start(key());
  watch(key, (value) => start(value));
  const mount = (): void => {
    mounted = true;
    if (store) {
      const current = store;
      release = current.subscribe(() => {
        state.value = current.getSnapshot();
      });
      state.value = current.getSnapshot();
    }
  };
  if (getCurrentInstance()) {
    onMounted(mount);
  } else {
    mount();
  }
  onScopeDispose(() => {
    release?.();
    release = undefined;
  });
}

/**
 * Follows a channel while mounted; the snapshot keeps the last `keep` events (default 100). `options` may be a
 * function of the channel (a `persist` key per channel, say).
 */
export function useChannel<T = unknown>(
  client: PollfeedClient,
  channel: MaybeRefOrGetter<string>,
  options: ChannelOptions<T> | ((channel: string) => ChannelOptions<T>) = {},
): Readonly<Ref<ChannelSnapshot<T>>> {
  const state = shallowRef() as Ref<ChannelSnapshot<T>>;
  const optionsFor = typeof options === 'function' ? options : () => options;
  follow(() => toValue(channel), (name) => client.channel<T>(name, { keep: 100, ...optionsFor(name) }), state);
  return readonly(state) as Readonly<Ref<ChannelSnapshot<T>>>;
}

/** Follows a (reactive) set of channels in one request per tick; channels that stay keep their cursors. */
export function useChannels<T = unknown>(
  client: PollfeedClient,
  channels: MaybeRefOrGetter<ChannelCursors>,
  options: ChannelsOptions<T> = {},
): Readonly<Ref<WatchSnapshot<T>>> {
  const state = shallowRef() as Ref<WatchSnapshot<T>>;
  let store: WatchSubscription<T> | undefined;
  follow(
    () => 0,
    () => client.channels<T>(toValue(channels), { keep: 100, ...options }),
    state,
    (created) => (store = created as WatchSubscription<T>),
  );
  const names = (): string => {
    const value = toValue(channels);
    return (value instanceof Map ? [...value.keys()] : Object.keys(value)).join(',');
  };
  watch(names, () => store?.update(toValue(channels)));
  return readonly(state) as Readonly<Ref<WatchSnapshot<T>>>;
}

/** Polls a resource of the API while mounted; `refresh()` polls now. */
export function usePoll<T = unknown>(
  client: PollfeedClient,
  path: MaybeRefOrGetter<string>,
  options: Omit<PollOptions<T>, 'signal'> = {},
): { readonly state: Readonly<Ref<ResourceSnapshot<T>>>; refresh(): void } {
  const state = shallowRef() as Ref<ResourceSnapshot<T>>;
  let store: ResourceSubscription<T> | undefined;
  follow(
    () => toValue(path),
    (value) => client.resource<T>(value, options),
    state,
    (created) => (store = created as ResourceSubscription<T>),
  );
  return { state: readonly(state) as Readonly<Ref<ResourceSnapshot<T>>>, refresh: () => store?.refresh() };
}
