import { retryDelay } from './backoff.js';
import { HttpError } from './errors/http-error.js';
import type { PollfeedError } from './errors/pollfeed-error.js';
import { exchange } from './exchange.js';
import { asPollfeedError, httpErrorOf, isRetryable, jsonBody } from './failures.js';
import { PollfeedHeaders } from './headers.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { parsePublished } from './pages.js';
import type { Settings } from './settings.js';
import type { NewEvent, PublishResult } from './types.js';
import { channelEventsUrl } from './urls.js';
import { checkChannel } from './validate.js';
import { wait } from './wait.js';

export interface PublishOptions {
  /** 1-255 printable ASCII characters. Default: a new random UUID per `publish` call, kept for its retries. */
  idempotencyKey?: string;
  /** Further attempts after a network error, timeout, 429 or 5xx. Default 4. */
  retries?: number;
  /** Aborting it cancels the request and any waiting; `publish` then rejects with the signal's reason. */
  signal?: AbortSignal;
}

const PRINTABLE_ASCII = /^[\x20-\x7E]{1,255}$/;

/**
 * `POST /v1/channels/{channel}/events` with an Idempotency-Key. Every retry sends the same key and body, so a
 * request whose answer was lost is replayed by the server (200), never stored twice.
 */
export async function publish<T>(
  settings: Settings,
  channel: string,
  events: NewEvent<T> | readonly NewEvent<T>[],
  options: PublishOptions = {},
): Promise<PublishResult<T>> {
  checkChannel(channel);
  const count = Array.isArray(events) ? events.length : 1;
  if (count < 1 || count > 100) {
    throw new RangeError(`publish sends 1 to 100 events at once; got ${count}`);
  }
  const key = options.idempotencyKey ?? newIdempotencyKey();
  if (!PRINTABLE_ASCII.test(key)) {
    throw new TypeError('idempotencyKey must be 1-255 printable ASCII characters');
  }
  const retries = options.retries ?? 4;
  const signal = options.signal ?? new AbortController().signal;
  const url = channelEventsUrl(settings.baseUrl, channel);
  const body = JSON.stringify(events);
  for (let attempt = 1; ; attempt += 1) {
    let error: PollfeedError;
    try {
      // Headers per attempt: a retry after a long backoff may need a fresh token; the key and body never change.
      const headers = await settings.headers({
        [PollfeedHeaders.CONTENT_TYPE]: 'application/json',
        [PollfeedHeaders.ACCEPT]: 'application/json',
        [PollfeedHeaders.IDEMPOTENCY_KEY]: key,
      });
      const answer = await exchange(url, { method: 'POST', body, headers }, {
        fetch: settings.fetch,
        clock: settings.clock,
        timeoutMs: settings.timeoutMs,
        signal,
      });
      if (answer.status === 200 || answer.status === 201) {
        const replayed = answer.status === 200 || answer.headers.get(PollfeedHeaders.IDEMPOTENT_REPLAYED) === 'true';
        return parsePublished<T>(jsonBody(answer), answer, replayed);
      }
      throw httpErrorOf(answer);
    } catch (thrown) {
      signal.throwIfAborted();
      error = asPollfeedError(thrown);
    }
    if (!isRetryable(error) || attempt > retries) {
      throw error;
    }
    const retryAfter = error instanceof HttpError ? error.retryAfterMs : undefined;
    await wait(settings.clock, retryDelay(attempt, retryAfter, settings.backoff, settings.random), signal);
    signal.throwIfAborted();
  }
}
