import { PollfeedHeaders } from './headers.js';

/** The server's default when a poll answer carries no usable Poll-Interval. */
export const DEFAULT_POLL_INTERVAL_MS = 2000;

/** `Poll-Interval` (seconds) in milliseconds. */
export function pollIntervalMs(headers: Headers): number {
  const seconds = Number(headers.get(PollfeedHeaders.POLL_INTERVAL) ?? Number.NaN);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : DEFAULT_POLL_INTERVAL_MS;
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if absent. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const value = headers.get(PollfeedHeaders.RETRY_AFTER)?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
