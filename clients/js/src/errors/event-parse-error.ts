import { PollfeedError } from './pollfeed-error.js';

/**
 * Your `parse` refused an event's `data` (what it threw is `cause`). The subscription stops with its cursor before
 * that event: retrying would refuse the same bytes again, and skipping it would lose it silently.
 */
export class EventParseError extends PollfeedError {
  override readonly name: string = 'EventParseError';
  readonly channel: string;
  readonly seq: number;

  constructor(channel: string, seq: number, cause: unknown) {
    super(
      `The data of event ${seq} in channel '${channel}' was refused by parse: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.channel = channel;
    this.seq = seq;
  }
}
