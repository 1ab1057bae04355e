import { retryDelay } from './backoff.js';
import { CursorExpiredError } from './errors/cursor-expired-error.js';
import { HttpError } from './errors/http-error.js';
import type { PollfeedError } from './errors/pollfeed-error.js';
import { type Exchange, exchange } from './exchange.js';
import { asPollfeedError, httpErrorOf, isRetryable, jsonBody } from './failures.js';
import { PollfeedHeaders } from './headers.js';
import type { Report } from './report.js';
import { pollIntervalMs } from './response-headers.js';
import type { Settings } from './settings.js';
import type { Unsubscribe } from './types.js';
import { wait } from './wait.js';

/** What differs between following one channel and many: the URL, the answer's shape, and the cursors. */
export interface Feed {
  /** The channel of a one-channel feed, to name it in a `CursorExpiredError`; undefined for many. */
  readonly channel: string | undefined;
  /** The URL of the next poll, from the current cursor(s). */
  url(): string;
  /** Handles a 200: delivers the new events and moves the cursor(s). Resolves `true` if a page was full. */
  accept(body: unknown, answer: Exchange, signal: AbortSignal): Promise<boolean>;
  /** Handles a 410: moves the expired cursor to where the app decides. */
  reset(error: CursorExpiredError, signal: AbortSignal): Promise<void>;
}

/** Starts polling `feed` until the returned function is called or a non-retryable error stops it. */
export function startPolling(feed: Feed, settings: Settings, report: Report): Unsubscribe {
  const stop = new AbortController();
  void pollLoop(feed, settings, report, stop.signal);
  return () => stop.abort();
}

/** What to do after an answer: wait this long; `wakeable` waits end early when the page is shown or goes online. */
interface Pause {
  readonly ms: number;
  readonly wakeable: boolean;
}

/**
 * The reading loop of protocol §5: poll, deliver, then wait `Poll-Interval` (or nothing after a full page); on
 * failure back off with full jitter, never sooner than `Retry-After`; pause while the page is hidden.
 */
async function pollLoop(feed: Feed, settings: Settings, report: Report, signal: AbortSignal): Promise<void> {
  const { clock, lifecycle } = settings;
  let failures = 0;
  /** The last ETag and the URL it answered: If-None-Match can only match when the same URL is polled again. */
  let lastTag: { url: string; etag: string } | undefined;
  while (!signal.aborted) {
    if (lifecycle.hidden) {
      await lifecycle.untilVisible(signal);
      continue;
    }
    let pause: Pause;
    try {
      const url = feed.url();
      const conditional: Record<string, string> = lastTag?.url === url ? { [PollfeedHeaders.IF_NONE_MATCH]: lastTag.etag } : {};
      const headers = await settings.headers({ [PollfeedHeaders.ACCEPT]: 'application/json', ...conditional });
      const answer = await exchange(
        url,
        { method: 'GET', headers },
        { fetch: settings.fetch, clock, timeoutMs: settings.timeoutMs, signal },
      );
      if (answer.status === 200) {
        const more = await feed.accept(jsonBody(answer), answer, signal);
        failures = 0;
        const etag = answer.headers.get(PollfeedHeaders.ETAG);
        lastTag = etag ? { url, etag } : undefined;
        if (more) {
          continue;
        }
        pause = { ms: pollIntervalMs(answer.headers) - (clock.now() - answer.receivedAt), wakeable: true };
      } else if (answer.status === 304) {
        failures = 0;
        pause = { ms: pollIntervalMs(answer.headers), wakeable: true };
      } else {
        const error = httpErrorOf(answer, feed.channel);
        if (!(error instanceof CursorExpiredError)) {
          throw error;
        }
        lastTag = undefined;
        await feed.reset(error, signal);
        failures = 0;
        continue;
      }
    } catch (thrown) {
      if (signal.aborted) {
        return;
      }
      const error: PollfeedError = asPollfeedError(thrown);
      if (!isRetryable(error)) {
        report(error, { willRetry: false, attempt: failures + 1 });
        return;
      }
      failures += 1;
      const retryAfter = error instanceof HttpError ? error.retryAfterMs : undefined;
      const ms = retryDelay(failures, retryAfter, settings.backoff, settings.random);
      report(error, { willRetry: true, retryInMs: ms, attempt: failures });
      // The server's own "not before" (429, 5xx) holds even if the page is shown again; a network failure's
      // backoff ends early when the browser comes back online or the page becomes visible.
      pause = { ms, wakeable: !(error instanceof HttpError) };
    }
    await wait(clock, pause.ms, signal, pause.wakeable ? lifecycle.onResume : undefined);
  }
}
