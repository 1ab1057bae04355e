import assert from 'node:assert/strict';
import { test } from 'node:test';

import { notModified, page, sinceOf } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('waits the Poll-Interval the server sends before polling again', async () => {
  const { client, clock, calls } = unitClient(() => page([], { next: 0, interval: 5 }));
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(0);
  assert.equal(calls.length, 1);

  await clock.advance(4999);
  assert.equal(calls.length, 1, 'no poll before Poll-Interval has passed');
  await clock.advance(1);
  assert.equal(calls.length, 2, 'the next poll exactly when Poll-Interval has passed');
  await clock.advance(5000);
  assert.equal(calls.length, 3);
  unsubscribe();
});

test('waits Poll-Interval after a 304 too', async () => {
  const { client, clock, calls } = unitClient((call, n) => (n === 1 ? page([], { next: 0, interval: 3, etag: '"e"' }) : notModified('"e"', 3)));
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(3000);
  assert.equal(calls.length, 2);
  await clock.advance(2999);
  assert.equal(calls.length, 2);
  await clock.advance(1);
  assert.equal(calls.length, 3);
  unsubscribe();
});

test('falls back to 2 s when the answer has no Poll-Interval', async () => {
  const { client, clock, calls } = unitClient(() => ({
    status: 200,
    json: { channel: 'orders', events: [], next: 0, more: false },
  }));
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(1999);
  assert.equal(calls.length, 1);
  await clock.advance(1);
  assert.equal(calls.length, 2);
  unsubscribe();
});

test('counts the time onEvents takes against Poll-Interval', async () => {
  let release;
  const { client, clock, calls } = unitClient((call) =>
    sinceOf(call) === '0' ? page([1], { next: 1, interval: 2 }) : page([], { next: 1, interval: 2 }),
  );
  const unsubscribe = client.subscribe('orders', {
    onEvents: () => new Promise((resolve) => (release = resolve)),
  });
  await clock.advance(500);
  release();
  await clock.advance(1499);
  assert.equal(calls.length, 1, 'still inside the 2 s after the answer');
  await clock.advance(1);
  assert.equal(calls.length, 2, 'polled 2 s after the answer arrived, not 2 s after the handler finished');
  unsubscribe();
});
