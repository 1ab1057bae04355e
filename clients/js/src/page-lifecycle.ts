import type { WakeSource } from './wait.js';

/** The part of an EventTarget the client uses (so tests can pass a plain `new EventTarget()`). */
export interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** The part of `document` the client uses: Page Visibility. */
export interface VisibilityDocument extends EventSource {
  readonly visibilityState: string;
}

/**
 * The page around the client. By default the global `document` (for `visibilitychange`) and the global object
 * (for `online`); in Node there is neither, so polling never pauses. `null` turns one off.
 */
export interface PageEnvironment {
  document?: VisibilityDocument | null;
  window?: EventSource | null;
}

/** Pauses polling while the page is hidden; wakes it when the page becomes visible or the browser comes online. */
export class PageLifecycle {
  readonly #document: VisibilityDocument | undefined;
  readonly #window: EventSource | undefined;

  constructor(environment: PageEnvironment | undefined, pauseWhenHidden: boolean) {
    const global = globalThis as { document?: VisibilityDocument; addEventListener?: unknown };
    const document = environment?.document === undefined ? global.document : environment.document;
    const window =
      environment?.window === undefined
        ? typeof global.addEventListener === 'function'
          ? (global as unknown as EventSource)
          : undefined
        : environment.window;
    this.#document = pauseWhenHidden ? (document ?? undefined) : undefined;
    this.#window = window ?? undefined;
  }

  get hidden(): boolean {
    return this.#document?.visibilityState === 'hidden';
  }

  /** Fires when the page becomes visible or the browser reports it is online again. */
  readonly onResume: WakeSource = (listener) => {
    const onVisibilityChange = (): void => {
      if (!this.hidden) {
        listener();
      }
    };
    this.#document?.addEventListener('visibilitychange', onVisibilityChange);
    this.#window?.addEventListener('online', listener);
    return () => {
      this.#document?.removeEventListener('visibilitychange', onVisibilityChange);
      this.#window?.removeEventListener('online', listener);
    };
  };

  /** Fires on every change of visibility; returns its removal. */
  onVisibilityChange(listener: () => void): () => void {
    const document = this.#document;
    document?.addEventListener('visibilitychange', listener);
    return () => document?.removeEventListener('visibilitychange', listener);
  }

  /** Resolves once the page is visible (at once if it is), or when `signal` aborts. */
  untilVisible(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (!this.hidden || signal.aborted || !this.#document) {
        resolve();
        return;
      }
      const document = this.#document;
      const done = (): void => {
        document.removeEventListener('visibilitychange', onVisibilityChange);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const onVisibilityChange = (): void => {
        if (!this.hidden) {
          done();
        }
      };
      document.addEventListener('visibilitychange', onVisibilityChange);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
