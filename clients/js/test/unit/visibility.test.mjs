import assert from 'node:assert/strict';
import { test } from 'node:test';

import { networkError, page } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('does not poll while the page is hidden, and polls at once when it becomes visible', async () => {
  const { client, clock, calls, page: fake } = unitClient(() => page([], { next: 0 }), { hidden: true });
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(60_000);
  assert.equal(calls.length, 0, 'hidden from the start: no request');

  fake.show();
  await clock.advance(0);
  assert.equal(calls.length, 1, 'visible: polled at once');
  unsubscribe();
});

test('pauses when hidden during a wait, resumes at once on visibilitychange', async () => {
  const { client, clock, calls, page: fake } = unitClient(() => page([], { next: 0 }));
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(1000);
  assert.equal(calls.length, 1);

  fake.hide();
  await clock.advance(30_000);
  assert.equal(calls.length, 1, 'no poll while hidden');
  assert.deepEqual(clock.pendingDelays(), [], 'no timer ticking while paused');

  await clock.advance(700);
  fake.show();
  await clock.advance(0);
  assert.equal(calls.length, 2, 'polled the moment the page was shown');
  assert.equal(calls[1].at - calls[0].at, 31_700);
  await clock.advance(2000);
  assert.equal(calls.length, 3, 'and back to Poll-Interval');
  unsubscribe();
});

test('showing the page cuts a Poll-Interval wait short', async () => {
  const { client, clock, calls, page: fake } = unitClient(() => page([], { next: 0, interval: 30 }));
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(1000);
  fake.hide();
  fake.show();
  await clock.advance(0);
  assert.equal(calls.length, 2);
  unsubscribe();
});

test('the online event ends a network-error backoff at once', async () => {
  const { client, clock, calls, page: fake } = unitClient((call, n) => (n <= 3 ? networkError() : page([], { next: 0 })), {
    random: () => 0.999,
  });
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(999 + 1998);
  assert.equal(calls.length, 3, 'backing off: next retry due in ~4 s');
  fake.goOnline();
  await clock.advance(0);
  assert.equal(calls.length, 4, 'online: retried at once');
  unsubscribe();
});

test('pauseWhenHidden: false keeps polling in the background', async () => {
  const { createClient } = await import('../../dist/index.js');
  const { VirtualClock } = await import('../helpers/virtual-clock.mjs');
  const { fakeFetch } = await import('../helpers/fake-fetch.mjs');
  const { fakePage } = await import('../helpers/fake-page.mjs');
  const clock = new VirtualClock();
  const server = fakeFetch(() => page([], { next: 0 }), clock);
  const fake = fakePage({ hidden: true });
  const client = createClient({
    baseUrl: 'http://pollfeed.test',
    fetch: server.fetch,
    clock,
    pauseWhenHidden: false,
    storage: null,
    environment: { document: fake.document, window: fake.window },
  });
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(4000);
  assert.equal(server.calls.length, 3);
  unsubscribe();
});
