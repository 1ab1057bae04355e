import { loadJson, saveJson } from './cursor-storage.js';
import { CursorExpiredError } from './errors/cursor-expired-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { eventsAfter } from './exactly-once.js';
import { type Exchange, exchange } from './exchange.js';
import { httpErrorOf } from './failures.js';
import { deliver, resumeAfterExpiry } from './handlers.js';
import { PollfeedHeaders } from './headers.js';
import { parseMultiChannelPages } from './pages.js';
import type { Feed } from './poll-loop.js';
import type { Report } from './report.js';
import type { Settings } from './settings.js';
import type { Cursor, WatchHandlers } from './types.js';
import { channelPollUrl, multiChannelPollUrl } from './urls.js';
import { isCursor } from './validate.js';

/** Many channels in one request per tick, over `GET /v1/events?channels=a:5,b:0`. */
export class MultiChannelFeed<T> implements Feed {
  readonly channel = undefined;
  readonly #settings: Settings;
  readonly #handlers: WatchHandlers<T>;
  readonly #report: Report;
  /** In request order; the server answers in the same order. */
  readonly #cursors: Map<string, Cursor>;

  constructor(cursors: Map<string, Cursor>, handlers: WatchHandlers<T>, settings: Settings, report: Report) {
    this.#settings = settings;
    this.#handlers = handlers;
    this.#report = report;
    this.#cursors = cursors;
    const saved = loadJson(settings.storage, handlers.persist);
    if (typeof saved === 'object' && saved !== null) {
      for (const [channel, cursor] of Object.entries(saved)) {
        if (cursors.has(channel) && isCursor(cursor)) {
          cursors.set(channel, cursor);
        }
      }
    }
  }

  url(): string {
    return multiChannelPollUrl(this.#settings.baseUrl, this.#cursors, this.#handlers.limit);
  }

  async accept(body: unknown, answer: Exchange, signal: AbortSignal): Promise<boolean> {
    const pages = parseMultiChannelPages(body, this.#cursors.keys(), answer);
    let more = false;
    for (const [channel, page] of pages) {
      if (signal.aborted) {
        break;
      }
      const { fresh, next } = eventsAfter<T>(this.#cursors.get(channel) ?? 0, page);
      if (fresh.length > 0) {
        await deliver(this.#handlers.onEvents, fresh, channel);
      }
      this.#moveTo(channel, next);
      more ||= page.more;
    }
    return more;
  }

  async reset(error: CursorExpiredError, signal: AbortSignal): Promise<void> {
    const expired = await this.#expired(error, signal);
    if (!expired?.channel) {
      throw new InvalidResponseError(error.url, 410, 'the cursor expired, but no channel polled alone says so');
    }
    this.#moveTo(expired.channel, await resumeAfterExpiry(expired, expired.channel, this.#handlers.onReset, this.#report));
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

  #moveTo(channel: string, cursor: Cursor): void {
    this.#cursors.set(channel, cursor);
    saveJson(this.#settings.storage, this.#handlers.persist, Object.fromEntries(this.#cursors));
  }
}
