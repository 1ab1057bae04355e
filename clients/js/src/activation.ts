import type { Clock } from './clock.js';

/**
 * Reference counting of who needs a feed to run: the app (an eager `subscribe`) and every store listener (a React
 * or Vue component). The feed starts with the first hold and stops a tick after the last is released, so that
 * React StrictMode's mount, unmount, mount sends one poll rather than two. `close()` stops it for good.
 */
export class Activation {
  readonly #clock: Clock;
  readonly #start: () => void;
  readonly #stop: () => void;
  #holds = 0;
  #active = false;
  #closed = false;
  #idleTimer: unknown;

  constructor(clock: Clock, start: () => void, stop: () => void) {
    this.#clock = clock;
    this.#start = start;
    this.#stop = stop;
  }

  get closed(): boolean {
    return this.#closed;
  }

  hold(): () => void {
    if (this.#closed) {
      return () => {};
    }
    this.#holds += 1;
    this.#cancelIdle();
    if (!this.#active) {
      this.#active = true;
      this.#start();
    }
    let released = false;
    return () => {
      if (released || this.#closed) {
        return;
      }
      released = true;
      this.#holds -= 1;
      if (this.#holds === 0) {
        this.#idleTimer = this.#clock.setTimeout(() => {
          this.#idleTimer = undefined;
          if (this.#holds === 0) {
            this.#deactivate();
          }
        }, 0);
      }
    };
  }

  close(): void {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    this.#cancelIdle();
    this.#deactivate();
  }

  #deactivate(): void {
    if (this.#active) {
      this.#active = false;
      this.#stop();
    }
  }

  #cancelIdle(): void {
    if (this.#idleTimer !== undefined) {
      this.#clock.clearTimeout(this.#idleTimer);
      this.#idleTimer = undefined;
    }
  }
}
