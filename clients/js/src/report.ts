import type { PollfeedError } from './errors/pollfeed-error.js';
import type { ErrorHandler, ErrorInfo } from './types.js';

export type Report = (error: PollfeedError, info: ErrorInfo) => void;

/**
 * Routes failures to the app's `onError`. An exception thrown by `onError` itself, and an error that stops a
 * subscription that has no `onError`, are re-thrown asynchronously (like an exception in an event listener) rather
 * than lost.
 */
export function reportTo(onError: ErrorHandler | undefined): Report {
  return (error, info) => {
    if (!onError) {
      if (!info.willRetry) {
        rethrowLater(error);
      }
      return;
    }
    try {
      onError(error, info);
    } catch (thrown) {
      rethrowLater(thrown);
    }
  };
}

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
