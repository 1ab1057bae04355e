import { type Backoff, type BackoffOptions, resolveBackoff } from './backoff.js';
import { type Clock, systemClock } from './clock.js';
import { type CursorStorage, defaultCursorStorage } from './cursor-storage.js';
import { PollfeedError } from './errors/pollfeed-error.js';
import type { FetchFunction } from './exchange.js';
import { PollfeedHeaders } from './headers.js';
import { type PageEnvironment, PageLifecycle } from './page-lifecycle.js';
import { trimBaseUrl } from './urls.js';

export interface ClientOptions {
  /** Where the pollfeed API is, e.g. `https://api.example.com` or `location.origin`; `''` means this page's origin. */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer <token>` with every poll and publish: an API key or a token (JWT) from your
   * backend. A function is called before each request, so that it can hand out a fresh short-lived token; it may
   * return a promise. `''` sends no `Authorization`.
   */
  token?: string | (() => string | Promise<string>);
  /**
   * Sent with every request; a function is called for each request and may return a promise (say, a CSRF token
   * fetched once). `token` wins over an `Authorization` here.
   */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
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
  /**
   * The caller's headers, then `Authorization` from `token`, then `extra`, which win. Rejects with a
   * `PollfeedError` (the app's failure as `cause`) when the token function throws or gives no string.
   */
  headers(extra: Record<string, string>): Promise<Headers>;
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
  const token = options.token;
  if (token !== undefined && typeof token !== 'string' && typeof token !== 'function') {
    throw new TypeError('token must be a string or a function that returns one (or a promise of one)');
  }
  return {
    baseUrl: trimBaseUrl(options.baseUrl),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    backoff: resolveBackoff(options.backoff),
    timeoutMs,
    lifecycle: new PageLifecycle(options.environment, options.pauseWhenHidden ?? true),
    storage: options.storage === undefined ? defaultCursorStorage() : (options.storage ?? undefined),
    async headers(extra) {
      const headers = new Headers(typeof custom === 'function' ? await currentHeaders(custom) : custom);
      const bearer = typeof token === 'function' ? await currentToken(token) : token;
      if (bearer) {
        headers.set(PollfeedHeaders.AUTHORIZATION, `Bearer ${bearer}`);
      }
      for (const [name, value] of Object.entries(extra)) {
        headers.set(name, value);
      }
      return headers;
    },
  };
}

/** The app's token function: a failure there is the app's, reported with its cause, never retried as a network one. */
async function currentToken(token: () => string | Promise<string>): Promise<string> {
  let value: unknown;
  try {
    value = await token();
  } catch (error) {
    throw new PollfeedError(`The token function failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (typeof value !== 'string') {
    throw new PollfeedError(`The token function must return a string; got ${typeof value}`);
  }
  return value;
}

/** The app's headers function: like the token function, a failure there is the app's and stops the feed. */
async function currentHeaders(
  headers: () => Record<string, string> | Promise<Record<string, string>>,
): Promise<Record<string, string>> {
  try {
    return await headers();
  } catch (error) {
    throw new PollfeedError(`The headers function failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
