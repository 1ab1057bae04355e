import type { Problem } from '../problem.js';
import { HttpError } from './http-error.js';

/**
 * `410 Gone`: the cursor is older than what the channel retains. `oldest` is the oldest seq still available;
 * resume from `oldest - 1` (losing the pruned events) or from `'now'`.
 */
export class CursorExpiredError extends HttpError {
  override readonly name: string = 'CursorExpiredError';
  readonly oldest: number;
  /** The expired channel, when known (always for `subscribe`; found by probing for `watch`). */
  readonly channel: string | undefined;

  constructor(oldest: number, channel: string | undefined, problem: Problem | undefined, url: string) {
    super(410, problem, url);
    this.oldest = oldest;
    this.channel = channel;
  }
}
