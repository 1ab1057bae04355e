import type { CursorExpiredError } from './errors/cursor-expired-error.js';
import type { PollfeedError } from './errors/pollfeed-error.js';
import type { Exchange } from './exchange.js';
import { type ChannelPage, parseChannelPage } from './pages.js';
import { type Feed, type LoopState, startPolling } from './poll-loop.js';
import type { Settings } from './settings.js';
import type { Cursor, ErrorInfo } from './types.js';
import { channelPollUrl } from './urls.js';
import type { WakeSource } from './wait.js';

/** One subscriber of a shared channel loop. */
export interface HubMember {
  /** The seq of the last event it has, or `'now'` until it knows the head. */
  readonly position: Cursor;
  /** Resolves a `'now'` start to the head the loop already knows. */
  startAt(head: number): void;
  /** Delivers what it has not seen of a page read from `since` (never called with a page it could miss events of). */
  take(page: ChannelPage): Promise<void>;
  /** A 410: moves its cursor if it is older than `error.oldest - 1`. */
  expired(error: CursorExpiredError): Promise<void>;
  loopState(state: LoopState): void;
  failure(error: PollfeedError, info: ErrorInfo): void;
}

/**
 * One poll loop per channel (and page size) and client, shared by every subscriber: it polls from the oldest
 * subscriber's cursor, and each subscriber takes only the events after its own, so each gets every event exactly
 * once from where it asked. A subscriber that starts further back pulls the shared cursor back: the loop re-reads
 * that backlog for it (the others skip it), then all move on together.
 */
export class ChannelHub implements Feed {
  readonly channel: string;
  readonly #limit: number | undefined;
  readonly #settings: Settings;
  readonly #members = new Set<HubMember>();
  readonly #wakeListeners = new Set<() => void>();
  readonly #onEmpty: () => void;
  readonly #stop = new AbortController();
  #state: LoopState | undefined;
  /** The `since` of the request out, and the head as the last page that was not full saw it. */
  #since: Cursor | undefined;
  #head: number | undefined;
  #due = false;
  #requestOut = false;
  #idleTimer: unknown;

  constructor(channel: string, limit: number | undefined, settings: Settings, onEmpty: () => void) {
    this.channel = channel;
    this.#limit = limit;
    this.#settings = settings;
    this.#onEmpty = onEmpty;
  }

  get size(): number {
    return this.#members.size;
  }

  join(member: HubMember): void {
    if (this.#idleTimer !== undefined) {
      this.#settings.clock.clearTimeout(this.#idleTimer);
      this.#idleTimer = undefined;
    }
    const wasIdle = this.#members.size === 0;
    this.#members.add(member);
    if (member.position === 'now' && this.#head !== undefined) {
      member.startAt(this.#head);
    }
    if (this.#state === undefined) {
      this.#state = { status: 'connecting', nextPollAt: undefined, lastError: undefined, pollIntervalMs: undefined };
      startPolling(this, this.#settings, this, this.#stop.signal);
    } else if (wasIdle || this.#needsBacklog(member)) {
      // It has a backlog: read it now rather than after the Poll-Interval.
      this.#due = true;
      for (const listener of [...this.#wakeListeners]) {
        listener();
      }
    }
    member.loopState(this.#state);
  }

  leave(member: HubMember): void {
    if (!this.#members.delete(member) || this.#members.size > 0) {
      return;
    }
    // A tick of grace: a component that unmounts and mounts again (React StrictMode) keeps the loop.
    this.#idleTimer = this.#settings.clock.setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#members.size === 0) {
        this.close();
      }
    }, 0);
  }

  close(): void {
    this.#stop.abort();
    this.#onEmpty();
  }

  /** Behind everyone else, and not covered by the request out. */
  #needsBacklog(joined: HubMember): boolean {
    const position = joined.position;
    if (position === 'now') {
      return false;
    }
    if (this.#requestOut && this.#since !== undefined && this.#since !== 'now' && this.#since <= position) {
      return false;
    }
    for (const member of this.#members) {
      const other = member.position;
      if (member !== joined && other !== 'now' && other <= position) {
        return false;
      }
    }
    return true;
  }

  url(): string {
    let since: Cursor = 'now';
    for (const member of this.#members) {
      let position = member.position;
      if (position === 'now' && this.#head !== undefined) {
        position = this.#head;
      }
      if (position !== 'now' && (since === 'now' || position < since)) {
        since = position;
      }
    }
    this.#since = since;
    this.#due = false;
    this.#requestOut = true;
    return channelPollUrl(this.#settings.baseUrl, this.channel, since, this.#limit);
  }

  async accept(body: unknown, answer: Exchange, signal: AbortSignal): Promise<boolean> {
    this.#requestOut = false;
    const page = parseChannelPage(body, answer);
    if (!page.more) {
      this.#head = Math.max(this.#head ?? 0, page.next);
    }
    const since = this.#since;
    for (const member of [...this.#members]) {
      if (signal.aborted) {
        break;
      }
      // Joined while the request was out, from before its `since`: it waits for the re-read (`due`).
      const position = member.position;
      if (position !== 'now' && (since === 'now' || since === undefined || position < since)) {
        continue;
      }
      if (this.#members.has(member)) {
        await member.take(page);
      }
    }
    return page.more;
  }

  async reset(error: CursorExpiredError): Promise<void> {
    this.#requestOut = false;
    for (const member of [...this.#members]) {
      await member.expired(error);
    }
  }

  idle(): boolean {
    return this.#members.size === 0;
  }

  due(): boolean {
    return this.#due;
  }

  readonly wake: WakeSource = (listener) => {
    this.#wakeListeners.add(listener);
    return () => this.#wakeListeners.delete(listener);
  };

  state(state: LoopState): void {
    this.#state = state;
    if (state.status === 'backing-off' || state.status === 'failed') {
      this.#requestOut = false;
    }
    for (const member of [...this.#members]) {
      member.loopState(state);
    }
    if (state.status === 'failed') {
      // A stopped loop serves nobody: the next subscriber starts a new one.
      this.#onEmpty();
    }
  }

  failure(error: PollfeedError, info: ErrorInfo): void {
    for (const member of [...this.#members]) {
      member.failure(error, info);
    }
  }
}

/** The client's shared loops, by channel and page size. */
export class ChannelHubs {
  readonly #hubs = new Map<string, ChannelHub>();
  readonly #settings: Settings;

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  /** Adds `member` to the channel's loop (starting it if needed); returns its removal. */
  join(channel: string, limit: number | undefined, member: HubMember): () => void {
    const key = `${channel} ${limit ?? ''}`;
    let hub = this.#hubs.get(key);
    if (!hub) {
      const created: ChannelHub = new ChannelHub(channel, limit, this.#settings, () => {
        if (this.#hubs.get(key) === created) {
          this.#hubs.delete(key);
        }
      });
      this.#hubs.set(key, created);
      hub = created;
    }
    hub.join(member);
    const joined = hub;
    return () => joined.leave(member);
  }

  /** How many loops run (for tests). */
  get size(): number {
    return this.#hubs.size;
  }
}
