import { createClient } from '../../dist/index.js';
import { fakeFetch } from './fake-fetch.mjs';
import { fakePage, memoryStorage } from './fake-page.mjs';
import { VirtualClock } from './virtual-clock.mjs';

export const BASE = 'http://pollfeed.test';

/**
 * A client wired to a virtual clock, a scripted server, a fake page and in-memory storage. `random` defaults to
 * 0.5 so that backoff delays are predictable; pass another to test the jitter.
 */
export function unitClient(respond, { random = () => 0.5, backoff, timeoutMs, hidden = false, storage, token, headers } = {}) {
  const clock = new VirtualClock();
  const server = fakeFetch(respond, clock);
  const page = fakePage({ hidden });
  const store = storage ?? memoryStorage();
  const client = createClient({
    baseUrl: BASE,
    fetch: server.fetch,
    clock,
    random,
    storage: store,
    environment: { document: page.document, window: page.window },
    ...(backoff ? { backoff } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(headers !== undefined ? { headers } : {}),
  });
  return { client, clock, calls: server.calls, page, storage: store };
}

/** Collects what a subscription delivers and reports. */
export function recorder() {
  const record = {
    batches: [],
    seqs: [],
    errors: [],
    onEvents(events, channel) {
      record.batches.push({ channel, seqs: events.map((event) => event.seq) });
      record.seqs.push(...events.map((event) => event.seq));
    },
    onError(error, info) {
      record.errors.push({ error, info });
    },
  };
  return record;
}
