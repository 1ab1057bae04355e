/**
 * Header names of the pollfeed v1 protocol, in one place. They mirror the server's
 * `dev.pollfeed.http.PollfeedHeaders`; HTTP header names are case-insensitive.
 */
export const PollfeedHeaders = {
  /** Seconds to wait before the next poll; on every poll answer (200 and 304). */
  POLL_INTERVAL: 'Poll-Interval',
  /** On publish: a retry with the same key on the same channel stores nothing and replays the original. */
  IDEMPOTENCY_KEY: 'Idempotency-Key',
  /** `true` on the 200 that answers a replayed Idempotency-Key. */
  IDEMPOTENT_REPLAYED: 'Idempotent-Replayed',
  ETAG: 'ETag',
  IF_NONE_MATCH: 'If-None-Match',
  CACHE_CONTROL: 'Cache-Control',
  /** Seconds (or an HTTP date) to wait before retrying; on 429 and 503. */
  RETRY_AFTER: 'Retry-After',
  /** `Bearer <API key or token>`: required to publish, and to read private channels. */
  AUTHORIZATION: 'Authorization',
  /** `Authorization` on answers for private channels: a cache keeps them per credentials. */
  VARY: 'Vary',
  CONTENT_TYPE: 'Content-Type',
  ACCEPT: 'Accept',
} as const;
