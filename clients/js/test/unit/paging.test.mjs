import assert from 'node:assert/strict';
import { test } from 'node:test';

import { page, sinceOf } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('more: true fetches the next page at once, without waiting Poll-Interval', async () => {
  const { client, clock, calls } = unitClient((call) => {
    const since = Number(sinceOf(call));
    if (since < 9) return page([since + 1, since + 2, since + 3], { next: since + 3, more: since + 3 < 9 });
    return page([], { next: 9 });
  });
  const record = recorder();
  const unsubscribe = client.subscribe('orders', { ...record, limit: 3 });
  await clock.advance(0);

  assert.deepEqual(
    calls.map((call) => call.path),
    [
      '/v1/channels/orders/events?since=0&limit=3',
      '/v1/channels/orders/events?since=3&limit=3',
      '/v1/channels/orders/events?since=6&limit=3',
    ],
  );
  assert.ok(calls.every((call) => call.at === calls[0].at), 'all three pages at the same instant');
  assert.deepEqual(record.seqs, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(clockWaits(clock), [2000], 'after the last, partial page: Poll-Interval');
  unsubscribe();
});

test('each page is handed over as one batch, the next page only after the handler finished', async () => {
  const order = [];
  const { client, clock, calls } = unitClient((call) =>
    sinceOf(call) === '0' ? page([1, 2], { next: 2, more: true }) : page([3], { next: 3 }),
  );
  let release;
  const unsubscribe = client.subscribe('orders', {
    onEvents: (events) => {
      order.push(events.map((event) => event.seq));
      if (events[0].seq === 1) return new Promise((resolve) => (release = resolve));
      return undefined;
    },
  });
  await clock.advance(0);
  assert.equal(calls.length, 1, 'the next page waits for the async handler');
  release();
  await clock.advance(0);
  assert.equal(calls.length, 2);
  assert.deepEqual(order, [[1, 2], [3]]);
  unsubscribe();
});

test('limit is validated', () => {
  const { client } = unitClient(() => page([], { next: 0 }));
  assert.throws(() => client.subscribe('orders', { onEvents() {}, limit: 0 }), RangeError);
  assert.throws(() => client.subscribe('orders', { onEvents() {}, limit: 1001 }), RangeError);
  assert.throws(() => client.subscribe('orders', { onEvents() {}, since: -1 }), TypeError);
  assert.throws(() => client.subscribe('bad name', { onEvents() {} }), TypeError);
  assert.throws(() => client.subscribe('orders', {}), TypeError);
});

function clockWaits(clock) {
  return clock.pendingDelays();
}
