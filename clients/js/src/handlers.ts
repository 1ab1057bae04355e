import type { CursorExpiredError } from './errors/cursor-expired-error.js';
import { HandlerError } from './errors/handler-error.js';
import type { Report } from './report.js';
import type { Cursor, EventsHandler, PollfeedEvent, ResetHandler } from './types.js';
import { isCursor } from './validate.js';

/** Calls `onEvents` and waits for it; the cursor moves only after it returns. */
export async function deliver<T>(onEvents: EventsHandler<T>, events: PollfeedEvent<T>[], channel: string): Promise<void> {
  try {
    await onEvents(events, channel);
  } catch (error) {
    throw new HandlerError(channel, error);
  }
}

/**
 * Where to resume after `410 Gone`: what `onReset` returns, or, without one, `oldest - 1` (everything still
 * retained), reporting the loss to `onError`.
 */
export async function resumeAfterExpiry(
  error: CursorExpiredError,
  channel: string,
  onReset: ResetHandler | undefined,
  report: Report,
): Promise<Cursor> {
  if (!onReset) {
    report(error, { willRetry: true, retryInMs: 0, attempt: 1 });
    return error.oldest - 1;
  }
  let decided: unknown;
  try {
    decided = await onReset(error.oldest, channel);
  } catch (thrown) {
    throw new HandlerError(channel, thrown);
  }
  if (!isCursor(decided)) {
    throw new HandlerError(
      channel,
      new TypeError(`onReset must return 'now' or a whole number >= 0; got ${JSON.stringify(decided)}`),
    );
  }
  return decided;
}
