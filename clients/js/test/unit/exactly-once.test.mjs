import assert from 'node:assert/strict';
import { test } from 'node:test';

import { events, page, sinceOf } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('drops events at or below the cursor: a replayed page, repeats and stragglers inside a page', async () => {
  const answers = [
    page([1, 2, 3], { next: 3 }),
    // A stale cache or a retry answered with the same page again.
    page([1, 2, 3], { next: 3 }),
    // Overlap with what was delivered, a duplicate and an element out of order inside the page.
    { status: 200, headers: { 'Poll-Interval': '2' }, json: { channel: 'orders', events: events(3, 4, 4, 2, 5), next: 5, more: false } },
  ];
  const { client, clock } = unitClient((call, n) => answers[n - 1] ?? page([], { next: 5 }));
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(6000);
  assert.deepEqual(record.seqs, [1, 2, 3, 4, 5]);
  assert.deepEqual(record.batches.map((batch) => batch.seqs), [[1, 2, 3], [4, 5]], 'no empty batches');
  unsubscribe();
});

test('takes the next cursor from next, never from the events (and never moves it back)', async () => {
  const { client, clock, calls } = unitClient((call, n) => {
    if (n === 1) return page([4], { next: 7 });
    if (n === 2) return page([], { next: 5 }); // a lagging replica: next below the cursor
    return page([], { next: 7 });
  });
  const unsubscribe = client.subscribe('orders', { ...recorder(), since: 3 });
  await clock.advance(4000);
  assert.deepEqual(calls.map(sinceOf), ['3', '7', '7']);
  unsubscribe();
});

test("since 'now' starts at the head the server reports", async () => {
  const { client, clock, calls } = unitClient((call) =>
    sinceOf(call) === 'now' ? page([], { next: 41 }) : page([42], { next: 42 }),
  );
  const record = recorder();
  const unsubscribe = client.subscribe('orders', { ...record, since: 'now' });
  await clock.advance(2000);
  assert.deepEqual(calls.map(sinceOf), ['now', '41']);
  assert.deepEqual(record.seqs, [42]);
  unsubscribe();
});

test('a handler that throws stops the subscription with a HandlerError, cursor left before the page', async () => {
  const storage = new Map();
  const { client, clock, calls } = unitClient(() => page([1], { next: 1 }), {
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => storage.set(key, value) },
  });
  const errors = [];
  client.subscribe('orders', {
    persist: 'orders-cursor',
    onEvents() {
      throw new Error('boom');
    },
    onError: (error, info) => errors.push({ error, info }),
  });
  await clock.advance(10_000);
  assert.equal(calls.length, 1, 'stopped: no more polls');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].error.name, 'HandlerError');
  assert.equal(errors[0].error.cause.message, 'boom');
  assert.equal(errors[0].info.willRetry, false);
  assert.equal(storage.get('orders-cursor'), undefined, 'the cursor did not pass the unhandled page');
});
