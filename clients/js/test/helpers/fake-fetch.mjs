/**
 * A scripted server behind a `fetch` function. Each call is recorded (url, method, headers, body, signal, time)
 * and answered by `respond(call)`, which returns a response description, an Error to fail with (a network error),
 * or HANG to never answer (until the request is aborted, as a real fetch would be).
 */
export const HANG = Symbol('hang');

export function fakeFetch(respond, clock) {
  const calls = [];
  const fetch = (url, init = {}) => {
    const call = {
      url: String(url),
      path: String(url).replace(/^https?:\/\/[^/]+/, ''),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body,
      signal: init.signal,
      at: clock ? clock.now() : Date.now(),
      aborted: false,
    };
    calls.push(call);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        call.aborted = true;
        reject(init.signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
      };
      if (init.signal?.aborted) {
        onAbort();
        return;
      }
      init.signal?.addEventListener('abort', onAbort, { once: true });
      Promise.resolve()
        .then(() => respond(call, calls.length))
        .then((answer) => {
          if (answer === HANG) {
            return;
          }
          init.signal?.removeEventListener('abort', onAbort);
          if (answer instanceof Error) {
            reject(answer);
          } else {
            resolve(toResponse(answer));
          }
        }, reject);
    });
  };
  return { fetch, calls };
}

function toResponse({ status = 200, headers = {}, json, body }) {
  const text = json === undefined ? (body ?? null) : JSON.stringify(json);
  const nullBody = status === 204 || status === 304;
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(nullBody ? null : text, { status, headers: { 'Content-Type': contentType, ...headers } });
}

/** Events with the given seqs. */
export function events(...seqs) {
  return seqs.map((seq) => ({ seq, type: 'message', data: { n: seq }, time: '2026-11-28T05:00:00.000000Z' }));
}

/** A 200 poll answer for one channel. */
export function page(seqs, { next, more = false, etag, interval = 2, channel = 'orders' } = {}) {
  const list = events(...seqs);
  return {
    status: 200,
    headers: { ETag: etag ?? `"p-${seqs.join('-')}-${next ?? 'x'}"`, 'Poll-Interval': String(interval) },
    json: { channel, events: list, next: next ?? (seqs.length ? seqs[seqs.length - 1] : 0), more },
  };
}

/** A 304 answer. */
export function notModified(etag, interval = 2) {
  return { status: 304, headers: { ETag: etag, 'Poll-Interval': String(interval) } };
}

/** A problem+json error answer. */
export function problem(status, slug, extra = {}, headers = {}) {
  return {
    status,
    headers,
    json: { type: `urn:pollfeed:problem:${slug}`, title: slug, status, detail: `detail of ${slug}`, ...extra },
  };
}

/** The `since` of a poll call. */
export function sinceOf(call) {
  return new URL(call.url).searchParams.get('since');
}

export function networkError() {
  return new TypeError('fetch failed');
}
