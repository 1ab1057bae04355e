import { type Backoff, type BackoffOptions, resolveBackoff } from './backoff.js';
import { type Clock, systemClock } from './clock.js';
import { type CursorStorage, defaultCursorStorage } from './cursor-storage.js';
import type { FetchFunction } from './exchange.js';
import { type PageEnvironment, PageLifecycle } from './page-lifecycle.js';
import { trimBaseUrl } from './urls.js';

export interface ClientOptions {
  /** Where the pollfeed API is, e.g. `https://api.example.com` or `location.origin`; `''` means this page's origin. */
  baseUrl: string;
  /** Sent with every request, e.g. `Authorization`; a function is called for each request. */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Default: the global `fetch`. Wrap it to count or log requests. */
  fetch?: FetchFunction;
  /** A request with no complete answer by then fails with `TimeoutError` and is retried. Default 30000 ms. */
  timeoutMs?: number;
  /** Retry delays after failures; see `BackoffOptions`. */
  backoff?: BackoffOptions;
  /** Stop polling while the page is hidden (Page Visibility API). Default `true`. */
  pauseWhenHidden?: boolean;
  /** Where `persist` keeps cursors. Default `sessionStorage` when there is one; `null` turns persistence off. */
  storage?: CursorStorage | null;
  /** Test seam: the time source for every wait and timeout. */
  clock?: Clock;
  /** Test seam: the random source of the backoff jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Test seam: the `document` and `window` whose visibility and `online` events steer polling. */
  environment?: PageEnvironment;
}

/** Everything a request needs, resolved once per client. */
export interface Settings {
  readonly baseUrl: string;
  readonly fetch: FetchFunction;
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: Backoff;
  readonly timeoutMs: number;
  readonly lifecycle: PageLifecycle;
  readonly storage: CursorStorage | undefined;
  /** The caller's headers plus `extra`, which win. */
  headers(extra: Record<string, string>): Headers;
}

export function resolveSettings(options: ClientOptions): Settings {
  if (typeof options?.baseUrl !== 'string') {
    throw new TypeError("createClient needs { baseUrl }, e.g. 'https://api.example.com' or '' for this page's origin");
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) {
    throw new RangeError(`timeoutMs must be > 0; got ${timeoutMs}`);
  }
  const custom = options.headers;
  return {
    baseUrl: trimBaseUrl(options.baseUrl),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    backoff: resolveBackoff(options.backoff),
    timeoutMs,
    lifecycle: new PageLifecycle(options.environment, options.pauseWhenHidden ?? true),
    storage: options.storage === undefined ? defaultCursorStorage() : (options.storage ?? undefined),
    headers(extra) {
      const headers = new Headers(typeof custom === 'function' ? custom() : custom);
      for (const [name, value] of Object.entries(extra)) {
        headers.set(name, value);
      }
      return headers;
    },
  };
}
