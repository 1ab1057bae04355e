/**
 * A clock whose time only moves when a test says so. Timers run in time order as the clock passes them; between
 * timers every pending promise job and I/O callback of the client is let run, so `await clock.advance(5000)`
 * behaves like five real seconds without any sleeping.
 */
export class VirtualClock {
  #now;
  #timers = new Map();
  #nextId = 1;

  constructor(start = Date.parse('2026-11-28T05:00:00Z')) {
    this.#now = start;
  }

  now() {
    return this.#now;
  }

  setTimeout(callback, ms) {
    const id = this.#nextId++;
    this.#timers.set(id, { id, at: this.#now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(id) {
    this.#timers.delete(id);
  }

  /** Delays of the timers still pending, from now. */
  pendingDelays() {
    return [...this.#timers.values()].map((timer) => timer.at - this.#now).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, running each timer that falls due on the way. */
  async advance(ms) {
    const target = this.#now + ms;
    for (;;) {
      await settle();
      const due = [...this.#timers.values()]
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) {
        break;
      }
      this.#timers.delete(due.id);
      this.#now = due.at;
      due.callback();
    }
    this.#now = target;
    await settle();
  }
}

/** Lets every queued promise job and immediate callback run (response bodies are read through a few of them). */
export async function settle() {
  for (let round = 0; round < 20; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
