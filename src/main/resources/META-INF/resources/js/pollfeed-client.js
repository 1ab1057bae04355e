// @generated @pollfeed/client 0.2.0 from clients/js/src by `npm run build:demo`. Do not edit.
// sources-sha256: d1759dac74e15d13e0c2390bb18e66de5dc7140b417114647dcf16eb14317901

// dist/cursor-storage.js
function defaultCursorStorage() {
  try {
    return globalThis.sessionStorage;
  } catch {
    return void 0;
  }
}
function loadJson(storage, key) {
  if (!storage || key === void 0) {
    return void 0;
  }
  try {
    const text = storage.getItem(key);
    return text === null ? void 0 : JSON.parse(text);
  } catch {
    return void 0;
  }
}
function saveJson(storage, key, value) {
  if (!storage || key === void 0) {
    return;
  }
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
  }
}

// dist/errors/pollfeed-error.js
var PollfeedError = class extends Error {
  name = "PollfeedError";
  constructor(message, options) {
    super(message, options);
  }
};

// dist/errors/http-error.js
var HttpError = class extends PollfeedError {
  name = "HttpError";
  status;
  problem;
  url;
  /** The server's `Retry-After`, in milliseconds, on 429 and 503. */
  retryAfterMs;
  constructor(status, problem, url, retryAfterMs2) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
    this.url = url;
    this.retryAfterMs = retryAfterMs2;
  }
  /** 429 and 5xx are worth retrying unchanged; any other 4xx is a client bug (protocol §5). */
  get retryable() {
    return this.status === 429 || this.status >= 500;
  }
};
function describe(status, problem) {
  const title = problem?.title ?? `HTTP ${status}`;
  return problem?.detail ? `${status} ${title}: ${problem.detail}` : `${status} ${title}`;
}

// dist/errors/cursor-expired-error.js
var CursorExpiredError = class extends HttpError {
  name = "CursorExpiredError";
  oldest;
  /** The expired channel, when known (always for `subscribe`; found by probing for `watch`). */
  channel;
  constructor(oldest, channel, problem, url) {
    super(410, problem, url);
    this.oldest = oldest;
    this.channel = channel;
  }
};

// dist/exactly-once.js
function eventsAfter(cursor, page2) {
  let last = cursor === "now" ? Number.NEGATIVE_INFINITY : cursor;
  const fresh = [];
  for (const event of page2.events) {
    if (event.seq > last) {
      fresh.push(event);
      last = event.seq;
    }
  }
  return { fresh, next: Math.max(last, page2.next) };
}

// dist/errors/forbidden-error.js
var ForbiddenError = class extends HttpError {
  name = "ForbiddenError";
  constructor(problem, url) {
    super(403, problem, url);
  }
};

// dist/errors/invalid-response-error.js
var InvalidResponseError = class extends PollfeedError {
  name = "InvalidResponseError";
  url;
  status;
  constructor(url, status, reason) {
    super(`Unexpected ${status} answer from ${url}: ${reason}`);
    this.url = url;
    this.status = status;
  }
};

// dist/errors/network-error.js
var NetworkError = class extends PollfeedError {
  name = "NetworkError";
  url;
  constructor(url, cause, message = `Request to ${url} failed: ${describe2(cause)}`) {
    super(message, { cause });
    this.url = url;
  }
};
function describe2(cause) {
  return cause instanceof Error ? cause.message : String(cause);
}

// dist/errors/unauthorized-error.js
var UnauthorizedError = class extends HttpError {
  name = "UnauthorizedError";
  constructor(problem, url) {
    super(401, problem, url);
  }
};

// dist/problem.js
function parseProblem(body) {
  if (body.trim() === "") {
    return void 0;
  }
  try {
    const value = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}

// dist/headers.js
var PollfeedHeaders = {
  /** Seconds to wait before the next poll; on every poll answer (200 and 304). */
  POLL_INTERVAL: "Poll-Interval",
  /** On publish: a retry with the same key on the same channel stores nothing and replays the original. */
  IDEMPOTENCY_KEY: "Idempotency-Key",
  /** `true` on the 200 that answers a replayed Idempotency-Key. */
  IDEMPOTENT_REPLAYED: "Idempotent-Replayed",
  ETAG: "ETag",
  IF_NONE_MATCH: "If-None-Match",
  CACHE_CONTROL: "Cache-Control",
  /** Seconds (or an HTTP date) to wait before retrying; on 429 and 503. */
  RETRY_AFTER: "Retry-After",
  /** `Bearer <API key or token>`: required to publish, and to read private channels. */
  AUTHORIZATION: "Authorization",
  /** `Authorization` on answers for private channels: a cache keeps them per credentials. */
  VARY: "Vary",
  CONTENT_TYPE: "Content-Type",
  ACCEPT: "Accept"
};

// dist/response-headers.js
var DEFAULT_POLL_INTERVAL_MS = 2e3;
function pollIntervalMs(headers) {
  const seconds = Number(headers.get(PollfeedHeaders.POLL_INTERVAL) ?? Number.NaN);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1e3) : DEFAULT_POLL_INTERVAL_MS;
}
function retryAfterMs(headers, now) {
  const value = headers.get(PollfeedHeaders.RETRY_AFTER)?.trim();
  if (!value) {
    return void 0;
  }
  if (/^\d+$/.test(value)) {
    return Number(value) * 1e3;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}

// dist/failures.js
function httpErrorOf(answer, channel) {
  const problem = parseProblem(answer.body);
  if (answer.status === 401) {
    return new UnauthorizedError(problem, answer.url);
  }
  if (answer.status === 403) {
    return new ForbiddenError(problem, answer.url);
  }
  const oldest = problem?.["oldest"];
  if (answer.status === 410 && typeof oldest === "number" && Number.isSafeInteger(oldest) && oldest >= 1) {
    const named = problem?.["channel"];
    return new CursorExpiredError(oldest, typeof named === "string" ? named : channel, problem, answer.url);
  }
  return new HttpError(answer.status, problem, answer.url, retryAfterMs(answer.headers, answer.receivedAt));
}
function isRetryable(error) {
  if (error instanceof HttpError) {
    return error.retryable;
  }
  return error instanceof NetworkError || error instanceof InvalidResponseError;
}
function asPollfeedError(error) {
  return error instanceof PollfeedError ? error : new PollfeedError(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
function jsonBody(answer) {
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new InvalidResponseError(answer.url, answer.status, "the body is not JSON");
  }
}

// dist/errors/handler-error.js
var HandlerError = class extends PollfeedError {
  name = "HandlerError";
  channel;
  constructor(channel, cause) {
    super(`The handler for channel '${channel}' failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause
    });
    this.channel = channel;
  }
};

// dist/validate.js
var CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
function checkChannel(channel) {
  if (typeof channel !== "string" || !CHANNEL_NAME.test(channel)) {
    throw new TypeError(`Invalid channel name ${JSON.stringify(channel)}: use 1-128 characters of [A-Za-z0-9._-], starting with a letter or digit`);
  }
  return channel;
}
function isCursor(value) {
  return value === "now" || typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
function checkCursor(value, what) {
  if (!isCursor(value)) {
    throw new TypeError(`${what} must be 'now' or a whole number >= 0; got ${JSON.stringify(value)}`);
  }
  return value;
}
function checkLimit(limit) {
  if (limit !== void 0 && !(Number.isInteger(limit) && limit >= 1 && limit <= 1e3)) {
    throw new RangeError(`limit must be a whole number from 1 to 1000; got ${limit}`);
  }
  return limit;
}

// dist/handlers.js
async function deliver(onEvents, events2, channel) {
  try {
    await onEvents(events2, channel);
  } catch (error) {
    throw new HandlerError(channel, error);
  }
}
async function resumeAfterExpiry(error, channel, onReset, report) {
  if (!onReset) {
    report(error, { willRetry: true, retryInMs: 0, attempt: 1 });
    return error.oldest - 1;
  }
  let decided;
  try {
    decided = await onReset(error.oldest, channel);
  } catch (thrown) {
    throw new HandlerError(channel, thrown);
  }
  if (!isCursor(decided)) {
    throw new HandlerError(channel, new TypeError(`onReset must return 'now' or a whole number >= 0; got ${JSON.stringify(decided)}`));
  }
  return decided;
}

// dist/errors/event-parse-error.js
var EventParseError = class extends PollfeedError {
  name = "EventParseError";
  channel;
  seq;
  constructor(channel, seq, cause) {
    super(`The data of event ${seq} in channel '${channel}' was refused by parse: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.channel = channel;
    this.seq = seq;
  }
};

// dist/parse.js
function parseEvents(events2, channel, parse) {
  return events2.map((event) => {
    let data = event.data;
    if (parse) {
      try {
        data = parse(event.data, event);
      } catch (error) {
        throw new EventParseError(channel, event.seq, error);
      }
    }
    return Object.freeze({ ...event, data, channel });
  });
}

// dist/report.js
function reportTo(onError) {
  return (error, info) => {
    if (!onError) {
      if (!info.willRetry) {
        rethrowLater(error);
      }
      return;
    }
    try {
      onError(error, info);
    } catch (thrown) {
      rethrowLater(thrown);
    }
  };
}
function rethrowLater(error) {
  queueMicrotask(() => {
    throw error;
  });
}

// dist/snapshots.js
function keepLast(previous, added, keep) {
  if (keep <= 0 || added.length === 0) {
    return previous;
  }
  const all = previous.length + added.length <= keep ? [...previous, ...added] : [...previous, ...added].slice(-keep);
  return Object.freeze(all);
}

// dist/store.js
var Store = class {
  #snapshot;
  #listeners = /* @__PURE__ */ new Set();
  constructor(initial) {
    this.#snapshot = Object.freeze(initial);
  }
  get snapshot() {
    return this.#snapshot;
  }
  /** Replaces the snapshot if any given field differs (`Object.is`), then notifies. */
  update(change) {
    const current = this.#snapshot;
    const changed = Object.entries(change).some(([key, value]) => !Object.is(current[key], value));
    if (!changed) {
      return;
    }
    this.#snapshot = Object.freeze({ ...this.#snapshot, ...change });
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
  listen(listener) {
    const entry = () => listener();
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }
};

// dist/channel-follower.js
var ChannelFollower = class {
  channel;
  store;
  #options;
  #settings;
  #hubs;
  #report;
  #position;
  #leave;
  #attached = false;
  #failed = false;
  constructor(channel, options, settings, hubs) {
    this.channel = channel;
    this.#options = options;
    this.#settings = settings;
    this.#hubs = hubs;
    this.#report = reportTo(options.onError);
    const saved = loadJson(settings.storage, options.persist);
    this.#position = isCursor(saved) ? saved : options.since ?? 0;
    this.store = new Store({
      status: "idle",
      channel,
      cursor: this.#position,
      delivered: 0,
      events: [],
      lastError: void 0,
      nextPollAt: void 0
    });
  }
  get position() {
    return this.#position;
  }
  attach() {
    if (this.#failed) {
      return;
    }
    this.#attached = true;
    this.#leave = this.#hubs.join(this.channel, this.#options.limit, this);
  }
  detach(stopped) {
    this.#attached = false;
    this.#leave?.();
    this.#leave = void 0;
    if (!this.#failed) {
      this.store.update({ status: stopped ? "stopped" : "idle", nextPollAt: void 0 });
    }
  }
  startAt(head) {
    this.#moveTo(head, []);
  }
  async take(page2) {
    if (this.#position === "now") {
      if (!page2.more) {
        this.#moveTo(page2.next, []);
      }
      return;
    }
    const { fresh, next } = eventsAfter(this.#position, page2);
    let events2;
    try {
      events2 = parseEvents(fresh, this.channel, this.#options.parse);
    } catch (error) {
      const valid = [];
      for (const event of fresh) {
        try {
          valid.push(...parseEvents([event], this.channel, this.#options.parse));
        } catch {
          break;
        }
      }
      if (await this.#deliver(valid)) {
        this.#fail(asPollfeedError(error));
      }
      return;
    }
    if (await this.#deliver(events2)) {
      this.#moveTo(next, []);
    }
  }
  /** Hands `events` to `onEvents` and moves past them; false if the handler failed (this follower then stops). */
  async #deliver(events2) {
    const last = events2[events2.length - 1];
    if (!last) {
      return true;
    }
    try {
      if (this.#options.onEvents) {
        await deliver(this.#options.onEvents, events2, this.channel);
      }
    } catch (error) {
      this.#fail(asPollfeedError(error));
      return false;
    }
    this.#moveTo(last.seq, events2);
    return true;
  }
  async expired(error) {
    const position = this.#position;
    if (position === "now" || position >= error.oldest - 1) {
      return;
    }
    const mine = new CursorExpiredError(error.oldest, this.channel, error.problem, error.url);
    try {
      this.#moveTo(await resumeAfterExpiry(mine, this.channel, this.#options.onReset, this.#report), []);
    } catch (thrown) {
      this.#fail(asPollfeedError(thrown));
    }
  }
  loopState(state) {
    if (!this.#failed && this.#attached) {
      this.store.update({
        status: state.status,
        nextPollAt: state.nextPollAt,
        lastError: state.lastError ?? this.store.snapshot.lastError
      });
    }
  }
  failure(error, info) {
    this.#report(error, info);
  }
  #fail(error) {
    this.#failed = true;
    this.#attached = false;
    this.#leave?.();
    this.#leave = void 0;
    this.store.update({ status: "failed", lastError: error, nextPollAt: void 0 });
    this.#report(error, { willRetry: false, attempt: 1 });
  }
  #moveTo(cursor, events2) {
    this.#position = cursor;
    saveJson(this.#settings.storage, this.#options.persist, cursor);
    const snapshot = this.store.snapshot;
    this.store.update({
      cursor,
      delivered: snapshot.delivered + events2.length,
      events: keepLast(snapshot.events, events2, this.#options.keep ?? 0)
    });
  }
};

// dist/pages.js
function invalidFor(answer) {
  return (reason) => new InvalidResponseError(answer.url, answer.status, reason);
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isSeq(value) {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
function events(value, invalid) {
  if (!Array.isArray(value)) {
    throw invalid("'events' is not an array");
  }
  for (const event of value) {
    if (!isObject(event) || !isSeq(event["seq"]) || typeof event["type"] !== "string" || !("data" in event)) {
      throw invalid("an event lacks seq, type or data");
    }
  }
  return value;
}
function page(value, invalid) {
  if (!isObject(value) || !isSeq(value["next"]) || typeof value["more"] !== "boolean") {
    throw invalid("a page lacks 'next' or 'more'");
  }
  return { events: events(value["events"], invalid), next: value["next"], more: value["more"] };
}
function parseChannelPage(body, answer) {
  return page(body, invalidFor(answer));
}
function parseMultiChannelPages(body, channels, answer) {
  const invalid = invalidFor(answer);
  const pages = isObject(body) ? body["channels"] : void 0;
  if (!isObject(pages)) {
    throw invalid("'channels' is not an object");
  }
  const result = /* @__PURE__ */ new Map();
  for (const channel of channels) {
    if (!Object.hasOwn(pages, channel)) {
      throw invalid(`no page for channel '${channel}'`);
    }
    result.set(channel, page(pages[channel], invalid));
  }
  return result;
}
function parsePublished(body, answer, replayed) {
  const invalid = invalidFor(answer);
  if (!isObject(body) || typeof body["channel"] !== "string") {
    throw invalid("the publish answer lacks 'channel'");
  }
  return { channel: body["channel"], events: events(body["events"], invalid), replayed };
}

// dist/backoff.js
function resolveBackoff(options) {
  const baseMs = options?.baseMs ?? 1e3;
  const maxMs = options?.maxMs ?? 3e4;
  if (!(baseMs > 0) || !(maxMs >= baseMs)) {
    throw new RangeError(`backoff needs 0 < baseMs <= maxMs; got baseMs=${baseMs}, maxMs=${maxMs}`);
  }
  return { baseMs, maxMs };
}
function fullJitter(attempt, backoff, random) {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
function retryDelay(attempt, retryAfterMs2, backoff, random) {
  const jitter = fullJitter(attempt, backoff, random);
  return retryAfterMs2 === void 0 ? jitter : Math.max(retryAfterMs2, jitter);
}

// dist/errors/timeout-error.js
var TimeoutError = class extends NetworkError {
  name = "TimeoutError";
  timeoutMs;
  constructor(url, timeoutMs) {
    super(url, void 0, `Request to ${url} got no answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
};

// dist/exchange.js
async function exchange(url, init, options) {
  const { signal, clock } = options;
  signal.throwIfAborted();
  const request = new AbortController();
  const onAbort = () => request.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
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
    signal.removeEventListener("abort", onAbort);
  }
}

// dist/wait.js
function wait(clock, ms, signal, wake) {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve("aborted");
      return;
    }
    let removeWake = () => {
    };
    const finish = (outcome) => {
      clock.clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      removeWake();
      resolve(outcome);
    };
    const onAbort = () => finish("aborted");
    const timer = clock.setTimeout(() => finish("elapsed"), Math.max(0, ms));
    signal.addEventListener("abort", onAbort, { once: true });
    if (wake) {
      removeWake = wake(() => finish("woken"));
    }
  });
}

// dist/poll-loop.js
function startPolling(feed, settings, observer, signal) {
  void pollLoop(feed, settings, observer, signal);
}
var MAX_TIMER_MS = 2 ** 31 - 1;
async function pollLoop(feed, settings, observer, signal) {
  const { clock, lifecycle } = settings;
  let failures = 0;
  let state = { status: "connecting", nextPollAt: void 0, lastError: void 0, pollIntervalMs: void 0 };
  const show = (change) => {
    state = { ...state, ...change };
    if (!signal.aborted) {
      observer.state(state);
    }
  };
  let beforePause = "connecting";
  const stopWatchingVisibility = lifecycle.onVisibilityChange(() => {
    if (lifecycle.hidden && state.status !== "paused" && state.status !== "failed") {
      beforePause = state.status;
      show({ status: "paused", nextPollAt: void 0 });
    } else if (!lifecycle.hidden && state.status === "paused") {
      show({ status: beforePause });
    }
  });
  signal.addEventListener("abort", stopWatchingVisibility, { once: true });
  let lastTag;
  show({});
  try {
    while (!signal.aborted) {
      if (lifecycle.hidden) {
        if (state.status !== "paused") {
          beforePause = state.status;
          show({ status: "paused", nextPollAt: void 0 });
        }
        await lifecycle.untilVisible(signal);
        continue;
      }
      if (feed.idle?.()) {
        await wait(clock, MAX_TIMER_MS, signal, feed.wake);
        continue;
      }
      let pause;
      try {
        const url = feed.url();
        const conditional = lastTag?.url === url ? { [PollfeedHeaders.IF_NONE_MATCH]: lastTag.etag } : {};
        const headers = await settings.headers({ [PollfeedHeaders.ACCEPT]: "application/json", ...conditional });
        const answer = await exchange(url, { method: "GET", headers }, { fetch: settings.fetch, clock, timeoutMs: settings.timeoutMs, signal });
        if (answer.status === 200) {
          const more = await feed.accept(jsonBody(answer), answer, signal);
          failures = 0;
          const etag = answer.headers.get(PollfeedHeaders.ETAG);
          lastTag = etag ? { url, etag } : void 0;
          const interval = pollIntervalMs(answer.headers);
          if (more || feed.due?.()) {
            show({ status: lifecycle.hidden ? "paused" : "live", nextPollAt: clock.now(), pollIntervalMs: interval });
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
          lastTag = void 0;
          await feed.reset(error, signal);
          failures = 0;
          continue;
        }
        show({ status: lifecycle.hidden ? "paused" : "live", nextPollAt: clock.now() + Math.max(0, pause.ms) });
      } catch (thrown) {
        if (signal.aborted) {
          return;
        }
        const error = asPollfeedError(thrown);
        if (!isRetryable(error)) {
          show({ status: "failed", nextPollAt: void 0, lastError: error });
          observer.failure(error, { willRetry: false, attempt: failures + 1 });
          return;
        }
        failures += 1;
        const retryAfter = error instanceof HttpError ? error.retryAfterMs : void 0;
        const ms = retryDelay(failures, retryAfter, settings.backoff, settings.random);
        show({ status: lifecycle.hidden ? "paused" : "backing-off", nextPollAt: clock.now() + ms, lastError: error });
        observer.failure(error, { willRetry: true, retryInMs: ms, attempt: failures });
        pause = { ms, wakeable: !(error instanceof HttpError) };
      }
      await wait(clock, pause.ms, signal, pause.wakeable ? either(lifecycle.onResume, feed.wake) : void 0);
    }
  } finally {
    stopWatchingVisibility();
  }
}
function either(first, second) {
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

// dist/urls.js
function trimBaseUrl(baseUrl) {
  return baseUrl.replace(/\/+$/, "");
}
function channelEventsUrl(baseUrl, channel) {
  return `${baseUrl}/v1/channels/${encodeURIComponent(channel)}/events`;
}
function channelPollUrl(baseUrl, channel, since, limit) {
  const limitParameter = limit === void 0 ? "" : `&limit=${limit}`;
  return `${channelEventsUrl(baseUrl, channel)}?since=${since}${limitParameter}`;
}
function multiChannelPollUrl(baseUrl, cursors, limit) {
  const entries = [...cursors].map(([channel, since]) => `${encodeURIComponent(channel)}:${since}`).join(",");
  const limitParameter = limit === void 0 ? "" : `&limit=${limit}`;
  return `${baseUrl}/v1/events?channels=${entries}${limitParameter}`;
}

// dist/channel-hub.js
var ChannelHub = class {
  channel;
  #limit;
  #settings;
  #members = /* @__PURE__ */ new Set();
  #wakeListeners = /* @__PURE__ */ new Set();
  #onEmpty;
  #stop = new AbortController();
  #state;
  /** The `since` of the request out, and the head as the last page that was not full saw it. */
  #since;
  #head;
  #due = false;
  #requestOut = false;
  #idleTimer;
  constructor(channel, limit, settings, onEmpty) {
    this.channel = channel;
    this.#limit = limit;
    this.#settings = settings;
    this.#onEmpty = onEmpty;
  }
  get size() {
    return this.#members.size;
  }
  join(member) {
    if (this.#idleTimer !== void 0) {
      this.#settings.clock.clearTimeout(this.#idleTimer);
      this.#idleTimer = void 0;
    }
    const wasIdle = this.#members.size === 0;
    this.#members.add(member);
    if (member.position === "now" && this.#head !== void 0) {
      member.startAt(this.#head);
    }
    if (this.#state === void 0) {
      this.#state = { status: "connecting", nextPollAt: void 0, lastError: void 0, pollIntervalMs: void 0 };
      startPolling(this, this.#settings, this, this.#stop.signal);
    } else if (wasIdle || this.#needsBacklog(member)) {
      this.#due = true;
      for (const listener of [...this.#wakeListeners]) {
        listener();
      }
    }
    member.loopState(this.#state);
  }
  leave(member) {
    if (!this.#members.delete(member) || this.#members.size > 0) {
      return;
    }
    this.#idleTimer = this.#settings.clock.setTimeout(() => {
      this.#idleTimer = void 0;
      if (this.#members.size === 0) {
        this.close();
      }
    }, 0);
  }
  close() {
    this.#stop.abort();
    this.#onEmpty();
  }
  /** Behind everyone else, and not covered by the request out. */
  #needsBacklog(joined) {
    const position = joined.position;
    if (position === "now") {
      return false;
    }
    if (this.#requestOut && this.#since !== void 0 && this.#since !== "now" && this.#since <= position) {
      return false;
    }
    for (const member of this.#members) {
      const other = member.position;
      if (member !== joined && other !== "now" && other <= position) {
        return false;
      }
    }
    return true;
  }
  url() {
    let since = "now";
    for (const member of this.#members) {
      let position = member.position;
      if (position === "now" && this.#head !== void 0) {
        position = this.#head;
      }
      if (position !== "now" && (since === "now" || position < since)) {
        since = position;
      }
    }
    this.#since = since;
    this.#due = false;
    this.#requestOut = true;
    return channelPollUrl(this.#settings.baseUrl, this.channel, since, this.#limit);
  }
  async accept(body, answer, signal) {
    this.#requestOut = false;
    const page2 = parseChannelPage(body, answer);
    if (!page2.more) {
      this.#head = Math.max(this.#head ?? 0, page2.next);
    }
    const since = this.#since;
    for (const member of [...this.#members]) {
      if (signal.aborted) {
        break;
      }
      const position = member.position;
      if (position !== "now" && (since === "now" || since === void 0 || position < since)) {
        continue;
      }
      if (this.#members.has(member)) {
        await member.take(page2);
      }
    }
    return page2.more;
  }
  async reset(error) {
    this.#requestOut = false;
    for (const member of [...this.#members]) {
      await member.expired(error);
    }
  }
  idle() {
    return this.#members.size === 0;
  }
  due() {
    return this.#due;
  }
  wake = (listener) => {
    this.#wakeListeners.add(listener);
    return () => this.#wakeListeners.delete(listener);
  };
  state(state) {
    this.#state = state;
    if (state.status === "backing-off" || state.status === "failed") {
      this.#requestOut = false;
    }
    for (const member of [...this.#members]) {
      member.loopState(state);
    }
    if (state.status === "failed") {
      this.#onEmpty();
    }
  }
  failure(error, info) {
    for (const member of [...this.#members]) {
      member.failure(error, info);
    }
  }
};
var ChannelHubs = class {
  #hubs = /* @__PURE__ */ new Map();
  #settings;
  constructor(settings) {
    this.#settings = settings;
  }
  /** Adds `member` to the channel's loop (starting it if needed); returns its removal. */
  join(channel, limit, member) {
    const key = `${channel} ${limit ?? ""}`;
    let hub = this.#hubs.get(key);
    if (!hub) {
      const created = new ChannelHub(channel, limit, this.#settings, () => {
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
  get size() {
    return this.#hubs.size;
  }
};

// dist/activation.js
var Activation = class {
  #clock;
  #start;
  #stop;
  #holds = 0;
  #active = false;
  #closed = false;
  #idleTimer;
  constructor(clock, start, stop) {
    this.#clock = clock;
    this.#start = start;
    this.#stop = stop;
  }
  get closed() {
    return this.#closed;
  }
  hold() {
    if (this.#closed) {
      return () => {
      };
    }
    this.#holds += 1;
    this.#cancelIdle();
    if (!this.#active) {
      this.#active = true;
      this.#start();
    }
    let released = false;
    return () => {
      if (released || this.#closed) {
        return;
      }
      released = true;
      this.#holds -= 1;
      if (this.#holds === 0) {
        this.#idleTimer = this.#clock.setTimeout(() => {
          this.#idleTimer = void 0;
          if (this.#holds === 0) {
            this.#deactivate();
          }
        }, 0);
      }
    };
  }
  close() {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    this.#cancelIdle();
    this.#deactivate();
  }
  #deactivate() {
    if (this.#active) {
      this.#active = false;
      this.#stop();
    }
  }
  #cancelIdle() {
    if (this.#idleTimer !== void 0) {
      this.#clock.clearTimeout(this.#idleTimer);
      this.#idleTimer = void 0;
    }
  }
};

// dist/subscription.js
function subscriptionOf(store, feed, clock, options, extra) {
  let stopped = false;
  const activation = new Activation(clock, () => feed.attach(), () => feed.detach(stopped));
  const stop = () => {
    stopped = true;
    activation.close();
    feed.detach(true);
    options.onStop?.();
  };
  const subscription = Object.assign(stop, {
    stop,
    getSnapshot: () => store.snapshot,
    subscribe(listener) {
      const release = activation.hold();
      const unlisten = store.listen(listener);
      return () => {
        unlisten();
        release();
      };
    },
    ...extra
  });
  if (options.signal?.aborted) {
    stop();
    return subscription;
  }
  options.signal?.addEventListener("abort", stop, { once: true });
  if (options.eager) {
    activation.hold();
  }
  return subscription;
}

// dist/event-stream.js
function eventStream(channel, options, settings, hubs) {
  const highWaterMark = options.highWaterMark ?? 100;
  const queue = [];
  let failure;
  let done = false;
  let consumerWaiting;
  let drained;
  const notify = () => {
    consumerWaiting?.();
    consumerWaiting = void 0;
  };
  const follower = new ChannelFollower(channel, {
    ...options,
    async onEvents(events2) {
      queue.push(...events2);
      notify();
      while (queue.length >= highWaterMark && !done) {
        await new Promise((resolve) => drained = resolve);
      }
    },
    onError(error, info) {
      if (!info.willRetry) {
        failure = error;
        notify();
      }
      options.onError?.(error, info);
    }
  }, settings, hubs);
  const finish = () => {
    done = true;
    notify();
    drained?.();
  };
  const signal = options.signal;
  const iterator = {
    async next() {
      for (; ; ) {
        const event = queue.shift();
        if (event) {
          if (queue.length < highWaterMark) {
            drained?.();
            drained = void 0;
          }
          return { value: event, done: false };
        }
        if (failure) {
          const error = failure;
          failure = void 0;
          subscription.stop();
          throw error;
        }
        if (done || signal?.aborted) {
          return { value: void 0, done: true };
        }
        await new Promise((resolve) => consumerWaiting = resolve);
      }
    },
    async return() {
      subscription.stop();
      return { value: void 0, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    }
  };
  const subscription = subscriptionOf(follower.store, follower, settings.clock, { eager: true, signal, onStop: finish }, {
    channel
  });
  return Object.assign(subscription, {
    next: iterator.next,
    return: iterator.return,
    [Symbol.asyncIterator]: () => subscription
  });
}

// dist/own-loop.js
var OwnLoop = class {
  #feed;
  #settings;
  #store;
  #report;
  #extra;
  #stop;
  #failed = false;
  constructor(feed, settings, store, report, extra) {
    this.#feed = feed;
    this.#settings = settings;
    this.#store = store;
    this.#report = report;
    this.#extra = extra;
  }
  attach() {
    if (this.#failed || this.#stop) {
      return;
    }
    const stop = new AbortController();
    this.#stop = stop;
    const observer = {
      state: (state) => {
        if (stop.signal.aborted) {
          return;
        }
        this.#failed ||= state.status === "failed";
        this.#store.update({
          status: state.status,
          nextPollAt: state.nextPollAt,
          lastError: state.lastError ?? this.#store.snapshot.lastError,
          ...this.#extra(state)
        });
      },
      failure: this.#report
    };
    startPolling(this.#feed, this.#settings, observer, stop.signal);
  }
  detach(stopped) {
    this.#stop?.abort();
    this.#stop = void 0;
    if (!this.#failed) {
      this.#store.update({ status: stopped ? "stopped" : "idle", nextPollAt: void 0 });
    }
  }
};

// dist/multi-channel-feed.js
var MultiChannelFeed = class {
  channel = void 0;
  store;
  #settings;
  #options;
  #report;
  /** In request order; the server answers in the same order. */
  #cursors;
  /** The channels and cursors of the request out. */
  #requested = /* @__PURE__ */ new Map();
  #due = false;
  #wakeListeners = /* @__PURE__ */ new Set();
  #loop;
  /** Cursors of channels dropped by `update`, should they come back. */
  #dropped = /* @__PURE__ */ new Map();
  constructor(cursors, options, settings) {
    this.#settings = settings;
    this.#options = options;
    this.#report = reportTo(options.onError);
    this.#cursors = this.#withSaved(cursors);
    this.store = new Store({
      status: "idle",
      cursors: Object.freeze(Object.fromEntries(this.#cursors)),
      delivered: 0,
      events: [],
      lastError: void 0,
      nextPollAt: void 0
    });
    this.#loop = new OwnLoop(this, settings, this.store, this.#report, () => ({}));
  }
  /** Follows `channels` from now on: the cursors of channels already followed win over the ones given. */
  update(channels) {
    if ([...channels.keys()].join(",") === [...this.#cursors.keys()].join(",")) {
      return;
    }
    const next = /* @__PURE__ */ new Map();
    const added = /* @__PURE__ */ new Map();
    for (const [channel, cursor] of this.#cursors) {
      if (!channels.has(channel)) {
        this.#dropped.set(channel, cursor);
      }
    }
    for (const [channel, since] of channels) {
      const current = this.#cursors.get(channel) ?? this.#dropped.get(channel);
      if (current === void 0) {
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
  attach() {
    this.#loop.attach();
  }
  detach(stopped) {
    this.#loop.detach(stopped);
  }
  url() {
    this.#requested = new Map(this.#cursors);
    this.#due = false;
    return multiChannelPollUrl(this.#settings.baseUrl, this.#requested, this.#options.limit);
  }
  due() {
    return this.#due;
  }
  wake = (listener) => {
    this.#wakeListeners.add(listener);
    return () => this.#wakeListeners.delete(listener);
  };
  async accept(body, answer, signal) {
    const pages = parseMultiChannelPages(body, this.#requested.keys(), answer);
    let more = false;
    for (const [channel, page2] of pages) {
      const cursor = this.#cursors.get(channel);
      if (signal.aborted || cursor === void 0 || cursor !== this.#requested.get(channel)) {
        continue;
      }
      const { fresh, next } = eventsAfter(cursor, page2);
      const events2 = parseEvents(fresh, channel, this.#options.parse);
      if (events2.length > 0 && this.#options.onEvents) {
        await deliver(this.#options.onEvents, events2, channel);
      }
      this.#moveTo(channel, next, events2);
      more ||= page2.more;
    }
    return more;
  }
  async reset(error, signal) {
    const expired = await this.#expired(error, signal);
    if (!expired?.channel) {
      throw new InvalidResponseError(error.url, 410, "the cursor expired, but no channel polled alone says so");
    }
    this.#moveTo(expired.channel, await resumeAfterExpiry(expired, expired.channel, this.#options.onReset, this.#report), []);
  }
  /**
   * Which channel's cursor expired. A multi-channel 410 carries only `oldest` of the first expired channel in
   * request order; unless the server names it, or there is only one, each channel is asked alone, in that order.
   */
  async #expired(error, signal) {
    if (error.channel !== void 0 && this.#cursors.has(error.channel)) {
      return error;
    }
    const [only, ...others] = this.#cursors.keys();
    if (only !== void 0 && others.length === 0) {
      return new CursorExpiredError(error.oldest, only, error.problem, error.url);
    }
    for (const [channel, cursor] of this.#cursors) {
      if (cursor === "now") {
        continue;
      }
      const answer = await exchange(channelPollUrl(this.#settings.baseUrl, channel, cursor, 1), { method: "GET", headers: await this.#settings.headers({ [PollfeedHeaders.ACCEPT]: "application/json" }) }, { fetch: this.#settings.fetch, clock: this.#settings.clock, timeoutMs: this.#settings.timeoutMs, signal });
      if (answer.status !== 200) {
        const failure = httpErrorOf(answer, channel);
        if (failure instanceof CursorExpiredError) {
          return failure;
        }
        throw failure;
      }
    }
    return void 0;
  }
  #withSaved(cursors) {
    const saved = loadJson(this.#settings.storage, this.#options.persist);
    if (typeof saved === "object" && saved !== null) {
      for (const [channel, cursor] of Object.entries(saved)) {
        if (cursors.has(channel) && isCursor(cursor)) {
          cursors.set(channel, cursor);
        }
      }
    }
    return cursors;
  }
  #moveTo(channel, cursor, events2) {
    this.#cursors.set(channel, cursor);
    this.#publishCursors(events2);
  }
  #publishCursors(events2 = []) {
    const cursors = Object.fromEntries(this.#cursors);
    saveJson(this.#settings.storage, this.#options.persist, cursors);
    const snapshot = this.store.snapshot;
    this.store.update({
      cursors: Object.freeze(cursors),
      delivered: snapshot.delivered + events2.length,
      events: keepLast(snapshot.events, events2, this.#options.keep ?? 0)
    });
  }
};

// dist/idempotency-key.js
function newIdempotencyKey() {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === "function") {
    return crypto.randomUUID();
  }
  if (typeof crypto?.getRandomValues !== "function") {
    throw new Error("No crypto.getRandomValues here: pass an idempotencyKey to publish()");
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = bytes[6] & 15 | 64;
  bytes[8] = bytes[8] & 63 | 128;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// dist/publish.js
var PRINTABLE_ASCII = /^[\x20-\x7E]{1,255}$/;
async function publish(settings, channel, events2, options = {}) {
  checkChannel(channel);
  const count = Array.isArray(events2) ? events2.length : 1;
  if (count < 1 || count > 100) {
    throw new RangeError(`publish sends 1 to 100 events at once; got ${count}`);
  }
  const key = options.idempotencyKey ?? newIdempotencyKey();
  if (!PRINTABLE_ASCII.test(key)) {
    throw new TypeError("idempotencyKey must be 1-255 printable ASCII characters");
  }
  const retries = options.retries ?? 4;
  const signal = options.signal ?? new AbortController().signal;
  const url = channelEventsUrl(settings.baseUrl, channel);
  const body = JSON.stringify(events2);
  for (let attempt = 1; ; attempt += 1) {
    let error;
    try {
      const headers = await settings.headers({
        [PollfeedHeaders.CONTENT_TYPE]: "application/json",
        [PollfeedHeaders.ACCEPT]: "application/json",
        [PollfeedHeaders.IDEMPOTENCY_KEY]: key
      });
      const answer = await exchange(url, { method: "POST", body, headers }, {
        fetch: settings.fetch,
        clock: settings.clock,
        timeoutMs: settings.timeoutMs,
        signal
      });
      if (answer.status === 200 || answer.status === 201) {
        const replayed = answer.status === 200 || answer.headers.get(PollfeedHeaders.IDEMPOTENT_REPLAYED) === "true";
        return parsePublished(jsonBody(answer), answer, replayed);
      }
      throw httpErrorOf(answer);
    } catch (thrown) {
      signal.throwIfAborted();
      error = asPollfeedError(thrown);
    }
    if (!isRetryable(error) || attempt > retries) {
      throw error;
    }
    const retryAfter = error instanceof HttpError ? error.retryAfterMs : void 0;
    await wait(settings.clock, retryDelay(attempt, retryAfter, settings.backoff, settings.random), signal);
    signal.throwIfAborted();
  }
}

// dist/resource-poller.js
var ResourcePoller = class {
  channel = void 0;
  store;
  #path;
  #settings;
  #options;
  #loop;
  #requests = 0;
  #wake;
  #due = false;
  constructor(path, options, settings) {
    this.#path = typeof path === "function" ? path : () => path;
    this.#settings = settings;
    this.#options = options;
    this.store = new Store({
      status: "idle",
      data: void 0,
      updatedAt: void 0,
      requests: 0,
      notModified: 0,
      pollIntervalMs: void 0,
      lastError: void 0,
      nextPollAt: void 0
    });
    this.#loop = new OwnLoop(this, settings, this.store, reportTo(options.onError), (state) => ({
      pollIntervalMs: state.pollIntervalMs
    }));
  }
  /** Polls now (or right after the request out), whatever the interval: say, after a publish that changes it. */
  refresh() {
    this.#due = true;
    this.#wake?.();
  }
  due() {
    return this.#due;
  }
  wake = (listener) => {
    this.#wake = listener;
    return () => {
      this.#wake = void 0;
    };
  };
  attach() {
    this.#loop.attach();
  }
  detach(stopped) {
    this.#loop.detach(stopped);
  }
  url() {
    this.#due = false;
    const path = this.#path();
    this.#requests += 1;
    this.store.update({ requests: this.#requests });
    return /^https?:\/\//.test(path) ? path : `${this.#settings.baseUrl}${path.startsWith("/") ? "" : "/"}${path}`;
  }
  async accept(body, answer) {
    let data;
    try {
      data = this.#options.parse ? this.#options.parse(body) : body;
    } catch (error) {
      throw new InvalidResponseError(answer.url, answer.status, `parse refused the body: ${String(error)}`);
    }
    this.store.update({ data, updatedAt: answer.receivedAt });
    this.#options.onData?.(data);
    return false;
  }
  notModified() {
    this.store.update({ notModified: this.store.snapshot.notModified + 1 });
  }
  async reset(error) {
    throw error;
  }
};

// dist/clock.js
var systemClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle)
};

// dist/page-lifecycle.js
var PageLifecycle = class {
  #document;
  #window;
  constructor(environment, pauseWhenHidden) {
    const global = globalThis;
    const document = environment?.document === void 0 ? global.document : environment.document;
    const window = environment?.window === void 0 ? typeof global.addEventListener === "function" ? global : void 0 : environment.window;
    this.#document = pauseWhenHidden ? document ?? void 0 : void 0;
    this.#window = window ?? void 0;
  }
  get hidden() {
    return this.#document?.visibilityState === "hidden";
  }
  /** Fires when the page becomes visible or the browser reports it is online again. */
  onResume = (listener) => {
    const onVisibilityChange = () => {
      if (!this.hidden) {
        listener();
      }
    };
    this.#document?.addEventListener("visibilitychange", onVisibilityChange);
    this.#window?.addEventListener("online", listener);
    return () => {
      this.#document?.removeEventListener("visibilitychange", onVisibilityChange);
      this.#window?.removeEventListener("online", listener);
    };
  };
  /** Fires on every change of visibility; returns its removal. */
  onVisibilityChange(listener) {
    const document = this.#document;
    document?.addEventListener("visibilitychange", listener);
    return () => document?.removeEventListener("visibilitychange", listener);
  }
  /** Resolves once the page is visible (at once if it is), or when `signal` aborts. */
  untilVisible(signal) {
    return new Promise((resolve) => {
      if (!this.hidden || signal.aborted || !this.#document) {
        resolve();
        return;
      }
      const document = this.#document;
      const done = () => {
        document.removeEventListener("visibilitychange", onVisibilityChange);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const onVisibilityChange = () => {
        if (!this.hidden) {
          done();
        }
      };
      document.addEventListener("visibilitychange", onVisibilityChange);
      signal.addEventListener("abort", done, { once: true });
    });
  }
};

// dist/settings.js
function resolveSettings(options) {
  if (typeof options?.baseUrl !== "string") {
    throw new TypeError("createClient needs { baseUrl }, e.g. 'https://api.example.com' or '' for this page's origin");
  }
  const timeoutMs = options.timeoutMs ?? 3e4;
  if (!(timeoutMs > 0)) {
    throw new RangeError(`timeoutMs must be > 0; got ${timeoutMs}`);
  }
  const custom = options.headers;
  const token = options.token;
  if (token !== void 0 && typeof token !== "string" && typeof token !== "function") {
    throw new TypeError("token must be a string or a function that returns one (or a promise of one)");
  }
  return {
    baseUrl: trimBaseUrl(options.baseUrl),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    backoff: resolveBackoff(options.backoff),
    timeoutMs,
    lifecycle: new PageLifecycle(options.environment, options.pauseWhenHidden ?? true),
    storage: options.storage === void 0 ? defaultCursorStorage() : options.storage ?? void 0,
    async headers(extra) {
      const headers = new Headers(typeof custom === "function" ? await currentHeaders(custom) : custom);
      const bearer = typeof token === "function" ? await currentToken(token) : token;
      if (bearer) {
        headers.set(PollfeedHeaders.AUTHORIZATION, `Bearer ${bearer}`);
      }
      for (const [name, value] of Object.entries(extra)) {
        headers.set(name, value);
      }
      return headers;
    }
  };
}
async function currentToken(token) {
  let value;
  try {
    value = await token();
  } catch (error) {
    throw new PollfeedError(`The token function failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error
    });
  }
  if (typeof value !== "string") {
    throw new PollfeedError(`The token function must return a string; got ${typeof value}`);
  }
  return value;
}
async function currentHeaders(headers) {
  try {
    return await headers();
  } catch (error) {
    throw new PollfeedError(`The headers function failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error
    });
  }
}

// dist/client.js
var MAX_WATCHED_CHANNELS = 50;
function createClient(options) {
  const settings = resolveSettings(options);
  const hubs = new ChannelHubs(settings);
  return {
    subscribe(channel, subscription) {
      checkHandlers(subscription);
      return followChannel(channel, subscription, settings, hubs, true);
    },
    channel(channel, subscription = {}) {
      return followChannel(channel, subscription, settings, hubs, false);
    },
    events(channel, streamOptions = {}) {
      checkChannelOptions(channel, streamOptions);
      return eventStream(channel, streamOptions, settings, hubs);
    },
    watch(channels, handlers) {
      checkHandlers(handlers);
      return watchChannels(channels, handlers, settings, true);
    },
    channels(channels, watchOptions = {}) {
      return watchChannels(channels, watchOptions, settings, false);
    },
    poll(path, pollOptions = {}) {
      return pollResource(path, pollOptions, settings, true);
    },
    resource(path, pollOptions = {}) {
      return pollResource(path, pollOptions, settings, false);
    },
    publish(channel, events2, publishOptions) {
      return publish(settings, channel, events2, publishOptions);
    }
  };
}
function followChannel(channel, options, settings, hubs, eager) {
  checkChannelOptions(channel, options);
  const follower = new ChannelFollower(channel, options, settings, hubs);
  return subscriptionOf(follower.store, follower, settings.clock, { eager, signal: options.signal }, { channel });
}
function watchChannels(channels, options, settings, eager) {
  checkLimit(options.limit);
  checkKeep(options.keep);
  const feed = new MultiChannelFeed(checkedCursors(channels), options, settings);
  return subscriptionOf(feed.store, feed, settings.clock, { eager, signal: options.signal }, {
    update(next) {
      feed.update(checkedCursors(next));
    }
  });
}
function pollResource(path, options, settings, eager) {
  if (typeof path !== "string" && typeof path !== "function") {
    throw new TypeError("poll needs a path such as '/v1/channels/orders/stats', or a function that returns one");
  }
  const poller = new ResourcePoller(path, options, settings);
  return subscriptionOf(poller.store, poller, settings.clock, { eager, signal: options.signal }, {
    refresh: () => poller.refresh()
  });
}
function checkedCursors(channels) {
  const cursors = new Map(channels instanceof Map ? channels : Object.entries(channels));
  if (cursors.size < 1 || cursors.size > MAX_WATCHED_CHANNELS) {
    throw new RangeError(`watch follows 1 to ${MAX_WATCHED_CHANNELS} channels; got ${cursors.size}`);
  }
  for (const [channel, since] of cursors) {
    checkChannel(channel);
    checkCursor(since, `since of channel '${channel}'`);
  }
  return cursors;
}
function checkChannelOptions(channel, options) {
  checkChannel(channel);
  checkCursor(options.since ?? 0, "since");
  checkLimit(options.limit);
  checkKeep(options.keep);
}
function checkKeep(keep) {
  if (keep !== void 0 && !(Number.isInteger(keep) && keep >= 0)) {
    throw new RangeError(`keep must be a whole number >= 0; got ${keep}`);
  }
}
function checkHandlers(handlers) {
  if (typeof handlers?.onEvents !== "function") {
    throw new TypeError("onEvents must be a function");
  }
}
export {
  CursorExpiredError,
  EventParseError,
  ForbiddenError,
  HandlerError,
  HttpError,
  InvalidResponseError,
  NetworkError,
  PollfeedError,
  PollfeedHeaders,
  TimeoutError,
  UnauthorizedError,
  createClient
};
