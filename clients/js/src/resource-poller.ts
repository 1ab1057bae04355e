import type { CursorExpiredError } from './errors/cursor-expired-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import type { Exchange } from './exchange.js';
import { OwnLoop } from './own-loop.js';
import type { Feed } from './poll-loop.js';
import { reportTo } from './report.js';
import type { Settings } from './settings.js';
import type { ResourceSnapshot } from './snapshots.js';
import { Store } from './store.js';
import type { Runnable } from './subscription.js';
import type { ErrorHandler, FeedOptions } from './types.js';

export interface PollOptions<T = unknown> extends Omit<FeedOptions<T>, 'keep' | 'parse'> {
  /** Validates and types the JSON body (say, a zod schema's `parse`); a throw is retried like a garbled answer. */
  parse?: (body: unknown) => T;
  /** Called with each new body (not on `304`). */
  onData?: (data: T) => void;
  onError?: ErrorHandler;
}

/**
 * Any pollable resource of the API (`/v1/channels/{c}/stats`, `…/stats/series?…`): a conditional GET every
 * `Poll-Interval` (If-None-Match, so an unchanged answer is an empty 304 and keeps the last data), paused while the
 * page is hidden, backing off on failures. `path` may be a function: it is asked before every request (a series
 * whose `from` moves with the clock).
 */
export class ResourcePoller<T> implements Feed, Runnable {
  readonly channel = undefined;
  readonly store: Store<ResourceSnapshot<T>>;
  readonly #path: () => string;
  readonly #settings: Settings;
  readonly #options: PollOptions<T>;
  readonly #loop: OwnLoop<ResourceSnapshot<T>>;
  #requests = 0;
  #wake: (() => void) | undefined;
  #due = false;

  constructor(path: string | (() => string), options: PollOptions<T>, settings: Settings) {
    this.#path = typeof path === 'function' ? path : () => path;
    this.#settings = settings;
    this.#options = options;
    this.store = new Store<ResourceSnapshot<T>>({
      status: 'idle',
      data: undefined,
      updatedAt: undefined,
      requests: 0,
      notModified: 0,
      pollIntervalMs: undefined,
      lastError: undefined,
      nextPollAt: undefined,
    });
    this.#loop = new OwnLoop(this, settings, this.store, reportTo(options.onError), (state) => ({
      pollIntervalMs: state.pollIntervalMs,
    }));
  }

  /** Polls now (or right after the request out), whatever the interval: say, after a publish that changes it. */
  refresh(): void {
    this.#due = true;
    this.#wake?.();
  }

  due(): boolean {
    return this.#due;
  }

  readonly wake = (listener: () => void): (() => void) => {
    this.#wake = listener;
    return () => {
      this.#wake = undefined;
    };
  };

  attach(): void {
    this.#loop.attach();
  }

  detach(stopped: boolean): void {
    this.#loop.detach(stopped);
  }

  url(): string {
    this.#due = false;
    const path = this.#path();
    this.#requests += 1;
    this.store.update({ requests: this.#requests });
    return /^https?:\/\//.test(path) ? path : `${this.#settings.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  async accept(body: unknown, answer: Exchange): Promise<boolean> {
    let data: T;
    try {
      data = this.#options.parse ? this.#options.parse(body) : (body as T);
    } catch (error) {
      throw new InvalidResponseError(answer.url, answer.status, `parse refused the body: ${String(error)}`);
    }
    this.store.update({ data, updatedAt: answer.receivedAt });
    this.#options.onData?.(data);
    return false;
  }

  notModified(): void {
    this.store.update({ notModified: this.store.snapshot.notModified + 1 });
  }

  async reset(error: CursorExpiredError): Promise<void> {
    throw error;
  }
}
