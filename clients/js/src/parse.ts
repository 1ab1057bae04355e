import { EventParseError } from './errors/event-parse-error.js';
import type { ChannelEvent } from './snapshots.js';
import type { ParseData, PollfeedEvent } from './types.js';

/** The page's events with `data` validated by the app's `parse` (as they are without one), and their channel. */
export function parseEvents<T>(
  events: readonly PollfeedEvent[],
  channel: string,
  parse: ParseData<T> | undefined,
): ChannelEvent<T>[] {
  return events.map((event) => {
    let data: unknown = event.data;
    if (parse) {
      try {
        data = parse(event.data, event);
      } catch (error) {
        throw new EventParseError(channel, event.seq, error);
      }
    }
    return Object.freeze({ ...event, data: data as T, channel });
  });
}
