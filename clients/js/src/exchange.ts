import type { Clock } from './clock.js';
import { NetworkError } from './errors/network-error.js';
import { TimeoutError } from './errors/timeout-error.js';

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** A whole HTTP answer, body read. */
export interface Exchange {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** `clock.now()` when the answer was complete. */
  readonly receivedAt: number;
}

export interface ExchangeOptions {
  readonly fetch: FetchFunction;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Aborting it cancels the request; `exchange` then rejects with the signal's reason. */
  readonly signal: AbortSignal;
}

/**
 * One request, with its body read, under a timeout on `options.clock`. Fails with `NetworkError` (no answer),
 * `TimeoutError` (no complete answer in time) or the abort reason of `options.signal`.
 */
export async function exchange(url: string, init: RequestInit, options: ExchangeOptions): Promise<Exchange> {
  const { signal, clock } = options;
  signal.throwIfAborted();
  const request = new AbortController();
  const onAbort = (): void => request.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    request.abort();
  }, options.timeoutMs);
  try {
    const response = await options.fetch(url, { ...init, signal: request.signal });
    const body = await response.text();
    return { url, status: response.status, headers: response.headers, body, receivedAt: clock.now() };
  } catch (error) {
    signal.throwIfAborted();
    throw timedOut ? new TimeoutError(url, options.timeoutMs) : new NetworkError(url, error);
  } finally {
    clock.clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
