import assert from 'node:assert/strict';
import { test } from 'node:test';

import { HANG, page } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('unsubscribe aborts the request in flight and nothing is delivered or requested after it', async () => {
  const { client, clock, calls } = unitClient(() => HANG);
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(0);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].signal.aborted, false);

  unsubscribe();
  await clock.advance(0);
  assert.equal(calls[0].signal.aborted, true, 'the fetch was aborted');
  assert.equal(calls[0].aborted, true);
  await clock.advance(120_000);
  assert.equal(calls.length, 1);
  assert.deepEqual(record.seqs, []);
  assert.deepEqual(record.errors, [], 'an abort is not an error');
  assert.deepEqual(clock.pendingDelays(), [], 'no timer left behind (not even the request timeout)');
});

test('unsubscribe while waiting Poll-Interval cancels the wait', async () => {
  const { client, clock, calls } = unitClient(() => page([], { next: 0 }));
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(0);
  assert.deepEqual(clock.pendingDelays(), [2000]);
  unsubscribe();
  unsubscribe();
  await clock.advance(0);
  assert.deepEqual(clock.pendingDelays(), []);
  await clock.advance(60_000);
  assert.equal(calls.length, 1);
});

test('unsubscribe from inside onEvents: no further page is fetched', async () => {
  const { client, clock, calls } = unitClient(() => page([1], { next: 1, more: true }));
  let seen = 0;
  const unsubscribe = client.subscribe('orders', {
    onEvents: () => {
      seen += 1;
      unsubscribe();
    },
  });
  await clock.advance(10_000);
  assert.equal(seen, 1);
  assert.equal(calls.length, 1);
});

test('a request that never answers times out, is reported and retried', async () => {
  const { client, clock, calls } = unitClient((call, n) => (n === 1 ? HANG : page([], { next: 0 })), {
    timeoutMs: 5000,
  });
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(5000);
  assert.equal(calls[0].signal.aborted, true);
  assert.equal(record.errors[0].error.name, 'TimeoutError');
  await clock.advance(500);
  assert.equal(calls.length, 2);
  unsubscribe();
});
