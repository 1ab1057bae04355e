/** Called after every change of a store's snapshot. */
export type Listener = () => void;

/**
 * The shape React's `useSyncExternalStore` and Vue's `shallowRef` glue expect: `getSnapshot()` returns the same
 * object until something changed, and every snapshot is frozen.
 */
export interface Observable<S> {
  /** Calls `listener` after each change; returns its removal. Observing a lazy store is what makes it poll. */
  subscribe(listener: Listener): () => void;
  getSnapshot(): S;
}

/** Holds one immutable snapshot and tells listeners when it is replaced. */
export class Store<S extends object> {
  #snapshot: S;
  readonly #listeners = new Set<Listener>();

  constructor(initial: S) {
    this.#snapshot = Object.freeze(initial);
  }

  get snapshot(): S {
    return this.#snapshot;
  }

  /** Replaces the snapshot if any given field differs (`Object.is`), then notifies. */
  update(change: Partial<S>): void {
    const current = this.#snapshot as Record<string, unknown>;
    const changed = Object.entries(change).some(([key, value]) => !Object.is(current[key], value));
    if (!changed) {
      return;
    }
    this.#snapshot = Object.freeze({ ...this.#snapshot, ...change });
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        // A broken listener must not stop the feed or the other listeners; it surfaces like an event listener's.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  listen(listener: Listener): () => void {
    const entry = (): void => listener();
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }
}
