import type { ChannelHubs, HubMember } from './channel-hub.js';
import { loadJson, saveJson } from './cursor-storage.js';
import { CursorExpiredError } from './errors/cursor-expired-error.js';
import type { PollfeedError } from './errors/pollfeed-error.js';
import { eventsAfter } from './exactly-once.js';
import { asPollfeedError } from './failures.js';
import { deliver, resumeAfterExpiry } from './handlers.js';
import type { ChannelPage } from './pages.js';
import { parseEvents } from './parse.js';
import type { LoopState } from './poll-loop.js';
import { type Report, reportTo } from './report.js';
import type { Settings } from './settings.js';
import { type ChannelEvent, type ChannelSnapshot, keepLast } from './snapshots.js';
import { Store } from './store.js';
import type { Runnable } from './subscription.js';
import type { ChannelOptions, Cursor, ErrorInfo } from './types.js';
import { isCursor } from './validate.js';

/** One subscriber of one channel: its own cursor, handlers and snapshot, on the channel's shared loop. */
export class ChannelFollower<T> implements HubMember, Runnable {
  readonly channel: string;
  readonly store: Store<ChannelSnapshot<T>>;
  readonly #options: ChannelOptions<T>;
  readonly #settings: Settings;
  readonly #hubs: ChannelHubs;
  readonly #report: Report;
  #position: Cursor;
  #leave: (() => void) | undefined;
  #attached = false;
  #failed = false;

  constructor(channel: string, options: ChannelOptions<T>, settings: Settings, hubs: ChannelHubs) {
    this.channel = channel;
    this.#options = options;
    this.#settings = settings;
    this.#hubs = hubs;
    this.#report = reportTo(options.onError);
    const saved = loadJson(settings.storage, options.persist);
    this.#position = isCursor(saved) ? saved : (options.since ?? 0);
    this.store = new Store<ChannelSnapshot<T>>({
      status: 'idle',
      channel,
      cursor: this.#position,
      delivered: 0,
      events: [],
      lastError: undefined,
      nextPollAt: undefined,
    });
  }

  get position(): Cursor {
    return this.#position;
  }

  attach(): void {
    if (this.#failed) {
      return;
    }
    this.#attached = true;
    this.#leave = this.#hubs.join(this.channel, this.#options.limit, this);
  }

  detach(stopped: boolean): void {
    this.#attached = false;
    this.#leave?.();
    this.#leave = undefined;
    if (!this.#failed) {
      this.store.update({ status: stopped ? 'stopped' : 'idle', nextPollAt: undefined });
    }
  }

  startAt(head: number): void {
    this.#moveTo(head, []);
  }

  async take(page: ChannelPage): Promise<void> {
    if (this.#position === 'now') {
      if (!page.more) {
        this.#moveTo(page.next, []);
      }
      return;
    }
    const { fresh, next } = eventsAfter(this.#position, page);
    let events: ChannelEvent<T>[];
    try {
      events = parseEvents<T>(fresh, this.channel, this.#options.parse);
    } catch (error) {
      // Deliver what came before the refused event, then stop there.
      const valid: ChannelEvent<T>[] = [];
      for (const event of fresh) {
        try {
          valid.push(...parseEvents<T>([event], this.channel, this.#options.parse));
        } catch {
          break;
        }
      }
      if (await this.#deliver(valid)) {
        this.#fail(asPollfeedError(error));
      }
      return;
    }
    if (await this.#deliver(events)) {
      this.#moveTo(next, []);
    }
  }

  /** Hands `events` to `onEvents` and moves past them; false if the handler failed (this follower then stops). */
  async #deliver(events: ChannelEvent<T>[]): Promise<boolean> {
    const last = events[events.length - 1];
    if (!last) {
      return true;
    }
    try {
      if (this.#options.onEvents) {
        await deliver(this.#options.onEvents, events, this.channel);
      }
    } catch (error) {
      this.#fail(asPollfeedError(error));
      return false;
    }
    this.#moveTo(last.seq, events);
    return true;
  }

  async expired(error: CursorExpiredError): Promise<void> {
    const position = this.#position;
    if (position === 'now' || position >= error.oldest - 1) {
      return;
    }
    const mine = new CursorExpiredError(error.oldest, this.channel, error.problem, error.url);
    try {
      this.#moveTo(await resumeAfterExpiry(mine, this.channel, this.#options.onReset, this.#report), []);
    } catch (thrown) {
      this.#fail(asPollfeedError(thrown));
    }
  }

  loopState(state: LoopState): void {
    if (!this.#failed && this.#attached) {
      this.store.update({
        status: state.status,
        nextPollAt: state.nextPollAt,
        lastError: state.lastError ?? this.store.snapshot.lastError,
      });
    }
  }

  failure(error: PollfeedError, info: ErrorInfo): void {
    this.#report(error, info);
  }

  #fail(error: PollfeedError): void {
    this.#failed = true;
    this.#attached = false;
    this.#leave?.();
    this.#leave = undefined;
    this.store.update({ status: 'failed', lastError: error, nextPollAt: undefined });
    this.#report(error, { willRetry: false, attempt: 1 });
  }

  #moveTo(cursor: Cursor, events: readonly ChannelEvent<T>[]): void {
    this.#position = cursor;
    saveJson(this.#settings.storage, this.#options.persist, cursor);
    const snapshot = this.store.snapshot;
    this.store.update({
      cursor,
      delivered: snapshot.delivered + events.length,
      events: keepLast(snapshot.events, events, this.#options.keep ?? 0),
    });
  }
}
