// @pollfeed/client 0.1.0: generated from clients/js/src by `npm run build:demo`. Do not edit.

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

// dist/errors/pollfeed-error.js
var PollfeedError = class extends Error {
  name = "PollfeedError";
  constructor(message, options) {
    super(message, options);
  }
};

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

// dist/channel-feed.js
var ChannelFeed = class {
  channel;
  #settings;
  #options;
  #report;
  #cursor;
  constructor(channel, options, settings, report) {
    this.channel = channel;
    this.#settings = settings;
    this.#options = options;
    this.#report = report;
    const saved = loadJson(settings.storage, options.persist);
    this.#cursor = isCursor(saved) ? saved : options.since ?? 0;
  }
  url() {
    return channelPollUrl(this.#settings.baseUrl, this.channel, this.#cursor, this.#options.limit);
  }
  async accept(body, answer, signal) {
    const page2 = parseChannelPage(body, answer);
    const { fresh, next } = eventsAfter(this.#cursor, page2);
    if (fresh.length > 0 && !signal.aborted) {
      await deliver(this.#options.onEvents, fresh, this.channel);
    }
    this.#moveTo(next);
    return page2.more;
  }
  async reset(error) {
    this.#moveTo(await resumeAfterExpiry(error, this.channel, this.#options.onReset, this.#report));
  }
  #moveTo(cursor) {
    this.#cursor = cursor;
    saveJson(this.#settings.storage, this.#options.persist, cursor);
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

// dist/errors/forbidden-error.js
var ForbiddenError = class extends HttpError {
  name = "ForbiddenError";
  constructor(problem, url) {
    super(403, problem, url);
  }
};

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

// dist/multi-channel-feed.js
var MultiChannelFeed = class {
  channel = void 0;
  #settings;
  #handlers;
  #report;
  /** In request order; the server answers in the same order. */
  #cursors;
  constructor(cursors, handlers, settings, report) {
    this.#settings = settings;
    this.#handlers = handlers;
    this.#report = report;
    this.#cursors = cursors;
    const saved = loadJson(settings.storage, handlers.persist);
    if (typeof saved === "object" && saved !== null) {
      for (const [channel, cursor] of Object.entries(saved)) {
        if (cursors.has(channel) && isCursor(cursor)) {
          cursors.set(channel, cursor);
        }
      }
    }
  }
  url() {
    return multiChannelPollUrl(this.#settings.baseUrl, this.#cursors, this.#handlers.limit);
  }
  async accept(body, answer, signal) {
    const pages = parseMultiChannelPages(body, this.#cursors.keys(), answer);
    let more = false;
    for (const [channel, page2] of pages) {
      if (signal.aborted) {
        break;
      }
      const { fresh, next } = eventsAfter(this.#cursors.get(channel) ?? 0, page2);
      if (fresh.length > 0) {
        await deliver(this.#handlers.onEvents, fresh, channel);
      }
      this.#moveTo(channel, next);
      more ||= page2.more;
    }
    return more;
  }
  async reset(error, signal) {
    const expired = await this.#expired(error, signal);
    if (!expired?.channel) {
      throw new InvalidResponseError(error.url, 410, "the cursor expired, but no channel polled alone says so");
    }
    this.#moveTo(expired.channel, await resumeAfterExpiry(expired, expired.channel, this.#handlers.onReset, this.#report));
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
  #moveTo(channel, cursor) {
    this.#cursors.set(channel, cursor);
    saveJson(this.#settings.storage, this.#handlers.persist, Object.fromEntries(this.#cursors));
  }
};

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
function startPolling(feed, settings, report) {
  const stop = new AbortController();
  void pollLoop(feed, settings, report, stop.signal);
  return () => stop.abort();
}
async function pollLoop(feed, settings, report, signal) {
  const { clock, lifecycle } = settings;
  let failures = 0;
  let lastTag;
  while (!signal.aborted) {
    if (lifecycle.hidden) {
      await lifecycle.untilVisible(signal);
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
        lastTag = void 0;
        await feed.reset(error, signal);
        failures = 0;
        continue;
      }
    } catch (thrown) {
      if (signal.aborted) {
        return;
      }
      const error = asPollfeedError(thrown);
      if (!isRetryable(error)) {
        report(error, { willRetry: false, attempt: failures + 1 });
        return;
      }
      failures += 1;
      const retryAfter = error instanceof HttpError ? error.retryAfterMs : void 0;
      const ms = retryDelay(failures, retryAfter, settings.backoff, settings.random);
      report(error, { willRetry: true, retryInMs: ms, attempt: failures });
      pause = { ms, wakeable: !(error instanceof HttpError) };
    }
    await wait(clock, pause.ms, signal, pause.wakeable ? lifecycle.onResume : void 0);
  }
}

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
      const headers = new Headers(typeof custom === "function" ? custom() : custom);
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

// dist/client.js
var MAX_WATCHED_CHANNELS = 50;
function createClient(options) {
  const settings = resolveSettings(options);
  return {
    subscribe(channel, subscription) {
      checkChannel(channel);
      checkHandlers(subscription);
      checkCursor(subscription.since ?? 0, "since");
      checkLimit(subscription.limit);
      const report = reportTo(subscription.onError);
      return startPolling(new ChannelFeed(channel, subscription, settings, report), settings, report);
    },
    watch(channels, handlers) {
      checkHandlers(handlers);
      checkLimit(handlers.limit);
      const cursors = new Map(channels instanceof Map ? channels : Object.entries(channels));
      if (cursors.size < 1 || cursors.size > MAX_WATCHED_CHANNELS) {
        throw new RangeError(`watch follows 1 to ${MAX_WATCHED_CHANNELS} channels; got ${cursors.size}`);
      }
      for (const [channel, since] of cursors) {
        checkChannel(channel);
        checkCursor(since, `since of channel '${channel}'`);
      }
      const report = reportTo(handlers.onError);
      return startPolling(new MultiChannelFeed(cursors, handlers, settings, report), settings, report);
    },
    publish(channel, events2, publishOptions) {
      return publish(settings, channel, events2, publishOptions);
    }
  };
}
function checkHandlers(handlers) {
  if (typeof handlers?.onEvents !== "function") {
    throw new TypeError("onEvents must be a function");
  }
}
export {
  CursorExpiredError,
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
