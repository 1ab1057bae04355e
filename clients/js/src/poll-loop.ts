import { retryDelay } from './backoff.js';
import { CursorExpiredError } from './errors/cursor-expired-error.js';
import { HttpError } from './errors/http-error.js';
import type { PollfeedError } from './errors/pollfeed-error.js';
import { type Exchange, exchange } from './exchange.js';
import { asPollfeedError, httpErrorOf, isRetryable, jsonBody } from './failures.js';
import { PollfeedHeaders } from './headers.js';
import { pollIntervalMs } from './response-headers.js';
import type { Settings } from './settings.js';
import type { FeedStatus } from './snapshots.js';
import type { ErrorInfo } from './types.js';
import { type WakeSource, wait } from './wait.js';

/** What differs between following channels and polling a resource: the URL, the answer's shape, the cursors. */
export interface Feed {
  /** The channel of a one-channel feed, to name it in a `CursorExpiredError`; undefined otherwise. */
  readonly channel: string | undefined;
  /** The URL of the next poll, from the current cursor(s). */
  url(): string;
  /** Handles a 200: delivers the new events and moves the cursor(s). Resolves `true` if a page was full. */
  accept(body: unknown, answer: Exchange, signal: AbortSignal): Promise<boolean>;
  /** Handles a 410: moves the expired cursor(s) to where the app decides. */
  reset(error: CursorExpiredError, signal: AbortSignal): Promise<void>;
  /** True when what to poll changed while a request was out (a subscriber joined, channels changed): no waiting. */
  due?(): boolean;
  /** Ends a wait early when `due()` becomes true. */
  readonly wake?: WakeSource;
  /** True while nobody needs the feed (its last subscriber just left): the loop waits for `wake`. */
  idle?(): boolean;
  /** Told of every 304, for counters. */
  notModified?(answer: Exchange): void;
}

/** The loop's state, for the snapshots. */
export interface LoopState {
  readonly status: Exclude<FeedStatus, 'idle' | 'stopped'>;
  readonly nextPollAt: number | undefined;
  readonly lastError: PollfeedError | undefined;
  readonly pollIntervalMs: number | undefined;
}

export interface LoopObserver {
  state(state: LoopState): void;
  failure(error: PollfeedError, info: ErrorInfo): void;
}

/** Starts polling `feed` until `signal` aborts or a non-retryable error stops it. */
export function startPolling(feed: Feed, settings: Settings, observer: LoopObserver, signal: AbortSignal): void {
  void pollLoop(feed, settings, observer, signal);
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** What to do after an answer: wait this long; `wakeable` waits end early when the page is shown or goes online. */
interface Pause {
  readonly ms: number;
  readonly wakeable: boolean;
}

/**
 * The reading loop of protocol §5: poll, deliver, then wait `Poll-Interval` (or nothing after a full page); on
 * failure back off with full jitter, never sooner than `Retry-After`; pause while the page is hidden.
 */
async function pollLoop(feed: Feed, settings: Settings, observer: LoopObserver, signal: AbortSignal): Promise<void> {
  const { clock, lifecycle } = settings;
  let failures = 0;
  let state: LoopState = { status: 'connecting', nextPollAt: undefined, lastError: undefined, pollIntervalMs: undefined };
  const show = (change: Partial<LoopState>): void => {
    state = { ...state, ...change };
    if (!signal.aborted) {
      observer.state(state);
    }
  };
  // The status says "paused" as soon as the page is hidden, not only at the next tick.
  let beforePause: LoopState['status'] = 'connecting';
  const stopWatchingVisibility = lifecycle.onVisibilityChange(() => {
    if (lifecycle.hidden && state.status !== 'paused' && state.status !== 'failed') {
      beforePause = state.status;
      show({ status: 'paused', nextPollAt: undefined });
    } else if (!lifecycle.hidden && state.status === 'paused') {
      show({ status: beforePause });
    }
  });
  signal.addEventListener('abort', stopWatchingVisibility, { once: true });
  /** The last ETag and the URL it answered: If-None-Match can only match when the same URL is polled again. */
  let lastTag: { url: string; etag: string } | undefined;
  show({});
  try {
    while (!signal.aborted) {
      if (lifecycle.hidden) {
        if (state.status !== 'paused') {
          beforePause = state.status;
          show({ status: 'paused', nextPollAt: undefined });
        }
        await lifecycle.untilVisible(signal);
        continue;
      }
      if (feed.idle?.()) {
        await wait(clock, MAX_TIMER_MS, signal, feed.wake);
        continue;
      }
      let pause: Pause;
      try {
        const url = feed.url();
        const conditional: Record<string, string> =
          lastTag?.url === url ? { [PollfeedHeaders.IF_NONE_MATCH]: lastTag.etag } : {};
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
          const interval = pollIntervalMs(answer.headers);
          if (more || feed.due?.()) {
            show({ status: lifecycle.hidden ? 'paused' : 'live', nextPollAt: clock.now(), pollIntervalMs: interval });
            continue;
          }
          pause = { ms: interval - (clock.now() - answer.receivedAt), wakeable: true };
          show({ pollIntervalMs: interval });
        } else if (answer.status === 304) {
          failures = 0;
          feed.notModified?.(answer);
          pause = { ms: pollIntervalMs(answer.headers), wakeable: true };
          show({ pollIntervalMs: pause.ms });
          if (feed.due?.()) {
            continue;
          }
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
        show({ status: lifecycle.hidden ? 'paused' : 'live', nextPollAt: clock.now() + Math.max(0, pause.ms) });
      } catch (thrown) {
        if (signal.aborted) {
          return;
        }
        const error: PollfeedError = asPollfeedError(thrown);
        if (!isRetryable(error)) {
          show({ status: 'failed', nextPollAt: undefined, lastError: error });
          observer.failure(error, { willRetry: false, attempt: failures + 1 });
          return;
        }
        failures += 1;
        const retryAfter = error instanceof HttpError ? error.retryAfterMs : undefined;
        const ms = retryDelay(failures, retryAfter, settings.backoff, settings.random);
        show({ status: lifecycle.hidden ? 'paused' : 'backing-off', nextPollAt: clock.now() + ms, lastError: error });
        observer.failure(error, { willRetry: true, retryInMs: ms, attempt: failures });
        // The server's own "not before" (429, 5xx) holds even if the page is shown again; a network failure's
        // backoff ends early when the browser comes back online or the page becomes visible.
        pause = { ms, wakeable: !(error instanceof HttpError) };
      }
      await wait(clock, pause.ms, signal, pause.wakeable ? either(lifecycle.onResume, feed.wake) : undefined);
    }
  } finally {
    stopWatchingVisibility();
  }
}

function either(first: WakeSource, second: WakeSource | undefined): WakeSource {
  if (!second) {
    return first;
  }
  return (listener) => {
    const removeFirst = first(listener);
    const removeSecond = second(listener);
    return () => {
      removeFirst();
      removeSecond();
    };
  };
}
