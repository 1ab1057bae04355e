import type { ChannelPage } from './pages.js';
import type { Cursor, PollfeedEvent } from './types.js';

/**
 * The reading rule of protocol §5: deliver the events above the cursor, in the page's order, skipping anything at or
 * below the last seq delivered (a replayed page, a repeat after a retry, an out-of-order element); then move the
 * cursor to `next`, which never moves it back.
 */
export function eventsAfter<T>(cursor: Cursor, page: ChannelPage): { fresh: PollfeedEvent<T>[]; next: number } {
  // A `since=now` poll returns no events, only the head as `next`; there is nothing to drop yet.
  let last = cursor === 'now' ? Number.NEGATIVE_INFINITY : cursor;
  const fresh: PollfeedEvent<T>[] = [];
  for (const event of page.events) {
    if (event.seq > last) {
      fresh.push(event as PollfeedEvent<T>);
      last = event.seq;
    }
  }
  return { fresh, next: Math.max(last, page.next) };
}
