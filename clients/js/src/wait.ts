import type { Clock } from './clock.js';

export type WaitOutcome = 'elapsed' | 'woken' | 'aborted';

/** Registers a listener for "something happened, stop waiting" and returns its removal. */
export type WakeSource = (listener: () => void) => () => void;

/** Waits `ms` on `clock`; ends early when `signal` aborts or, if given, when `wake` fires. Never rejects. */
export function wait(clock: Clock, ms: number, signal: AbortSignal, wake?: WakeSource): Promise<WaitOutcome> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve('aborted');
      return;
    }
    let removeWake: () => void = () => {};
    const finish = (outcome: WaitOutcome): void => {
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      removeWake();
      resolve(outcome);
    };
    const onAbort = (): void => finish('aborted');
    const timer = clock.setTimeout(() => finish('elapsed'), Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
    if (wake) {
      removeWake = wake(() => finish('woken'));
    }
  });
}
