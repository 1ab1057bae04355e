import type { Cursor } from './types.js';

/** Channel names of the v1 protocol (§2); anything else would get a 400, so it is refused before any request. */
const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function checkChannel(channel: string): string {
  if (typeof channel !== 'string' || !CHANNEL_NAME.test(channel)) {
    throw new TypeError(
      `Invalid channel name ${JSON.stringify(channel)}: use 1-128 characters of [A-Za-z0-9._-], starting with a letter or digit`,
    );
  }
  return channel;
}

export function isCursor(value: unknown): value is Cursor {
  return value === 'now' || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
}

export function checkCursor(value: unknown, what: string): Cursor {
  if (!isCursor(value)) {
    throw new TypeError(`${what} must be 'now' or a whole number >= 0; got ${JSON.stringify(value)}`);
  }
  return value;
}

export function checkLimit(limit: number | undefined): number | undefined {
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) {
    throw new RangeError(`limit must be a whole number from 1 to 1000; got ${limit}`);
  }
  return limit;
}
