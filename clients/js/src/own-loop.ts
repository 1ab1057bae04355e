import { type Feed, type LoopState, startPolling } from './poll-loop.js';
import type { Report } from './report.js';
import type { Settings } from './settings.js';
import type { FeedState } from './snapshots.js';
import type { Store } from './store.js';
import type { Runnable } from './subscription.js';

/**
 * A feed with a poll loop of its own (a `watch`, a polled resource; channel subscribers share theirs instead): runs
 * it from `attach` to `detach`, and mirrors its state into the feed's store. `extra` adds fields of the feed's own.
 */
export class OwnLoop<S extends FeedState> implements Runnable {
  readonly #feed: Feed;
  readonly #settings: Settings;
  readonly #store: Store<S>;
  readonly #report: Report;
  readonly #extra: (state: LoopState) => Partial<S>;
  #stop: AbortController | undefined;
  #failed = false;

  constructor(feed: Feed, settings: Settings, store: Store<S>, report: Report, extra: (state: LoopState) => Partial<S>) {
    this.#feed = feed;
    this.#settings = settings;
    this.#store = store;
    this.#report = report;
    this.#extra = extra;
  }

  attach(): void {
    // A loop stopped by an error retrying cannot fix stays stopped: polling again would repeat the error.
    if (this.#failed || this.#stop) {
      return;
    }
    const stop = new AbortController();
    this.#stop = stop;
    const observer = {
      state: (state: LoopState): void => {
        if (stop.signal.aborted) {
          return;
        }
        this.#failed ||= state.status === 'failed';
        this.#store.update({
          status: state.status,
          nextPollAt: state.nextPollAt,
          lastError: state.lastError ?? this.#store.snapshot.lastError,
          ...this.#extra(state),
        } as Partial<S>);
      },
      failure: this.#report,
    };
    startPolling(this.#feed, this.#settings, observer, stop.signal);
  }

  detach(stopped: boolean): void {
    this.#stop?.abort();
    this.#stop = undefined;
    if (!this.#failed) {
      this.#store.update({ status: stopped ? 'stopped' : 'idle', nextPollAt: undefined } as Partial<S>);
    }
  }
}
