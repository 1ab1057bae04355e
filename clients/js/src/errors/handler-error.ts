import { PollfeedError } from './pollfeed-error.js';

/**
 * Your `onEvents` or `onReset` threw (or rejected); the thrown value is `cause`. The subscription stops, and the
 * cursor stays before the page it was handling, so nothing is skipped.
 */
export class HandlerError extends PollfeedError {
  override readonly name: string = 'HandlerError';
  readonly channel: string;

  constructor(channel: string, cause: unknown) {
    super(`The handler for channel '${channel}' failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.channel = channel;
  }
}
