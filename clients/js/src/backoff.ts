/** Exponential backoff settings, shared by polling and publishing. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay; doubles with every further failure. Default 1000 ms. */
  baseMs?: number;
  /** The ceiling never grows beyond this. Default 30000 ms. */
  maxMs?: number;
}

export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

export function resolveBackoff(options: BackoffOptions | undefined): Backoff {
  const baseMs = options?.baseMs ?? 1000;
  const maxMs = options?.maxMs ?? 30_000;
  if (!(baseMs > 0) || !(maxMs >= baseMs)) {
    throw new RangeError(`backoff needs 0 < baseMs <= maxMs; got baseMs=${baseMs}, maxMs=${maxMs}`);
  }
  return { baseMs, maxMs };
}

/**
 * "Full jitter": a uniformly random delay in [0, min(maxMs, baseMs * 2^(attempt-1))). Spreading retries over the
 * whole window keeps many clients that failed together from retrying together. `attempt` counts from 1.
 */
export function fullJitter(attempt: number, backoff: Backoff, random: () => number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The delay before retry number `attempt`: full jitter, but never sooner than the server's Retry-After. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, backoff: Backoff, random: () => number): number {
  const jitter = fullJitter(attempt, backoff, random);
  return retryAfterMs === undefined ? jitter : Math.max(retryAfterMs, jitter);
}
