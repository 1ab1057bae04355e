import { loadJson, saveJson } from './cursor-storage.js';
import type { CursorExpiredError } from './errors/cursor-expired-error.js';
import { eventsAfter } from './exactly-once.js';
import type { Exchange } from './exchange.js';
import { deliver, resumeAfterExpiry } from './handlers.js';
import { parseChannelPage } from './pages.js';
import type { Feed } from './poll-loop.js';
import type { Report } from './report.js';
import type { Settings } from './settings.js';
import type { Cursor, SubscribeOptions } from './types.js';
import { channelPollUrl } from './urls.js';
import { isCursor } from './validate.js';

/** One channel over `GET /v1/channels/{channel}/events?since=…`. */
export class ChannelFeed<T> implements Feed {
  readonly channel: string;
  readonly #settings: Settings;
  readonly #options: SubscribeOptions<T>;
  readonly #report: Report;
  #cursor: Cursor;

  constructor(channel: string, options: SubscribeOptions<T>, settings: Settings, report: Report) {
    this.channel = channel;
    this.#settings = settings;
    this.#options = options;
    this.#report = report;
    const saved = loadJson(settings.storage, options.persist);
    this.#cursor = isCursor(saved) ? saved : (options.since ?? 0);
  }

  url(): string {
    return channelPollUrl(this.#settings.baseUrl, this.channel, this.#cursor, this.#options.limit);
  }

  async accept(body: unknown, answer: Exchange, signal: AbortSignal): Promise<boolean> {
    const page = parseChannelPage(body, answer);
    const { fresh, next } = eventsAfter<T>(this.#cursor, page);
    if (fresh.length > 0 && !signal.aborted) {
      await deliver(this.#options.onEvents, fresh, this.channel);
    }
    this.#moveTo(next);
    return page.more;
  }

  async reset(error: CursorExpiredError): Promise<void> {
    this.#moveTo(await resumeAfterExpiry(error, this.channel, this.#options.onReset, this.#report));
  }

  #moveTo(cursor: Cursor): void {
    this.#cursor = cursor;
    saveJson(this.#settings.storage, this.#options.persist, cursor);
  }
}
