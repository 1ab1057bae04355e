import { loadJson, saveJson } from './cursor-storage.js';
import { CursorExpiredError } from './errors/cursor-expired-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { eventsAfter } from './exactly-once.js';
import { type Exchange, exchange } from './exchange.js';
import { httpErrorOf } from './failures.js';
import { deliver, resumeAfterExpiry } from './handlers.js';
import { PollfeedHeaders } from './headers.js';
import { parseMultiChannelPages } from './pages.js';
import { parseEvents } from './parse.js';
import { OwnLoop } from './own-loop.js';
import type { Feed } from './poll-loop.js';
import { type Report, reportTo } from './report.js';
import type { Settings } from './settings.js';
import { type ChannelEvent, keepLast, type WatchSnapshot } from './snapshots.js';
import { Store } from './store.js';
import type { Runnable } from './subscription.js';
import type { ChannelsOptions, Cursor } from './types.js';
import { channelPollUrl, multiChannelPollUrl } from './urls.js';
import { isCursor } from './validate.js';
import type { WakeSource } from './wait.js';

/**
 * Many channels in one request per tick, over `GET /v1/events?channels=a:5,b:0`. The set can change while it runs
 * (`update`): channels that stay keep their cursors, new ones start where asked, and a request out for the old set
 * still delivers to the channels that stay.
 */
export class MultiChannelFeed<T> implements Feed, Runnable {
  readonly channel = undefined;
  readonly store: Store<WatchSnapshot<T>>;
  readonly #settings: Settings;
  readonly #options: ChannelsOptions<T>;
  readonly #report: Report;
  /** In request order; the server answers in the same order. */
  #cursors: Map<string, Cursor>;
  /** The channels and cursors of the request out. */
  #requested: Map<string, Cursor> = new Map();
  #due = false;
  readonly #wakeListeners = new Set<() => void>();
  readonly #loop: OwnLoop<WatchSnapshot<T>>;
  /** Cursors of channels dropped by `update`, should they come back. */
  readonly #dropped = new Map<string, Cursor>();

  constructor(cursors: Map<string, Cursor>, options: ChannelsOptions<T>, settings: Settings) {
    this.#settings = settings;
    this.#options = options;
    this.#report = reportTo(options.onError);
    this.#cursors = this.#withSaved(cursors);
    this.store = new Store<WatchSnapshot<T>>({
      status: 'idle',
      cursors: Object.freeze(Object.fromEntries(this.#cursors)),
      delivered: 0,
      events: [],
      lastError: undefined,
      nextPollAt: undefined,
    });
    this.#loop = new OwnLoop(this, settings, this.store, this.#report, () => ({}));
  }

  /** Follows `channels` from now on: the cursors of channels already followed win over the ones given. */
  update(channels: ReadonlyMap<string, Cursor>): void {
    if ([...channels.keys()].join(',') === [...this.#cursors.keys()].join(',')) {
      return;
    }
    const next = new Map<string, Cursor>();
    const added = new Map<string, Cursor>();
    for (const [channel, cursor] of this.#cursors) {
      if (!channels.has(channel)) {
        this.#dropped.set(channel, cursor);
      }
    }
    for (const [channel, since] of channels) {
      const current = this.#cursors.get(channel) ?? this.#dropped.get(channel);
      if (current === undefined) {
        added.set(channel, since);
      } else {
        next.set(channel, current);
      }
    }
    for (const [channel, cursor] of this.#withSaved(added)) {
      next.set(channel, cursor);
    }
    this.#cursors = next;
    this.#publishCursors();
    this.#due = true;
    for (const listener of [...this.#wakeListeners]) {
      listener();
    }
  }

  attach(): void {
    this.#loop.attach();
  }

  detach(stopped: boolean): void {
    this.#loop.detach(stopped);
  }

  url(): string {
    this.#requested = new Map(this.#cursors);
    this.#due = false;
    return multiChannelPollUrl(this.#settings.baseUrl, this.#requested, this.#options.limit);
  }

  due(): boolean {
    return this.#due;
  }

  readonly wake: WakeSource = (listener) => {
    this.#wakeListeners.add(listener);
    return () => this.#wakeListeners.delete(listener);
  };

  async accept(body: unknown, answer: Exchange, signal: AbortSignal): Promise<boolean> {
    const pages = parseMultiChannelPages(body, this.#requested.keys(), answer);
    let more = false;
    for (const [channel, page] of pages) {
      const cursor = this.#cursors.get(channel);
      // Dropped, or re-added from elsewhere, while the request was out.
      if (signal.aborted || cursor === undefined || cursor !== this.#requested.get(channel)) {
        continue;
      }
      const { fresh, next } = eventsAfter(cursor, page);
      const events = parseEvents<T>(fresh, channel, this.#options.parse);
      if (events.length > 0 && this.#options.onEvents) {
        await deliver(this.#options.onEvents, events, channel);
      }
      this.#moveTo(channel, next, events);
      more ||= page.more;
    }
    return more;
  }

  async reset(error: CursorExpiredError, signal: AbortSignal): Promise<void> {
    const expired = await this.#expired(error, signal);
    if (!expired?.channel) {
      throw new InvalidResponseError(error.url, 410, 'the cursor expired, but no channel polled alone says so');
    }
    this.#moveTo(expired.channel, await resumeAfterExpiry(expired, expired.channel, this.#options.onReset, this.#report), []);
  }

  /**
   * Which channel's cursor expired. A multi-channel 410 carries only `oldest` of the first expired channel in
   * request order; unless the server names it, or there is only one, each channel is asked alone, in that order.
   */
  async #expired(error: CursorExpiredError, signal: AbortSignal): Promise<CursorExpiredError | undefined> {
    if (error.channel !== undefined && this.#cursors.has(error.channel)) {
      return error;
    }
    const [only, ...others] = this.#cursors.keys();
    if (only !== undefined && others.length === 0) {
      return new CursorExpiredError(error.oldest, only, error.problem, error.url);
    }
    for (const [channel, cursor] of this.#cursors) {
      if (cursor === 'now') {
        continue;
      }
      const answer = await exchange(
        channelPollUrl(this.#settings.baseUrl, channel, cursor, 1),
        { method: 'GET', headers: await this.#settings.headers({ [PollfeedHeaders.ACCEPT]: 'application/json' }) },
        { fetch: this.#settings.fetch, clock: this.#settings.clock, timeoutMs: this.#settings.timeoutMs, signal },
      );
      if (answer.status !== 200) {
        const failure = httpErrorOf(answer, channel);
        if (failure instanceof CursorExpiredError) {
          return failure;
        }
        throw failure;
      }
    }
    return undefined;
  }

  #withSaved(cursors: Map<string, Cursor>): Map<string, Cursor> {
    const saved = loadJson(this.#settings.storage, this.#options.persist);
    if (typeof saved === 'object' && saved !== null) {
      for (const [channel, cursor] of Object.entries(saved)) {
        if (cursors.has(channel) && isCursor(cursor)) {
          cursors.set(channel, cursor);
        }
      }
    }
    return cursors;
  }

  #moveTo(channel: string, cursor: Cursor, events: readonly ChannelEvent<T>[]): void {
    this.#cursors.set(channel, cursor);
    this.#publishCursors(events);
  }

  #publishCursors(events: readonly ChannelEvent<T>[] = []): void {
    const cursors = Object.fromEntries(this.#cursors);
    saveJson(this.#settings.storage, this.#options.persist, cursors);
    const snapshot = this.store.snapshot;
    this.store.update({
      cursors: Object.freeze(cursors),
      delivered: snapshot.delivered + events.length,
      events: keepLast(snapshot.events, events, this.#options.keep ?? 0),
    });
  }
}
