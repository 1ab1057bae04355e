import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CursorExpiredError } from '../../dist/index.js';
import { page, problem, sinceOf } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

const gone = (oldest) => problem(410, 'cursor-expired', { oldest });

test('410 calls onReset(oldest, channel) and resumes at once from the seq it returns', async () => {
  const { client, clock, calls } = unitClient((call) =>
    sinceOf(call) === '3' ? gone(120) : page([120, 121], { next: 121 }),
  );
  const resets = [];
  const record = recorder();
  const unsubscribe = client.subscribe('orders', {
    ...record,
    since: 3,
    onReset: (oldest, channel) => {
      resets.push([oldest, channel]);
      return oldest - 1;
    },
  });
  await clock.advance(0);
  assert.deepEqual(resets, [[120, 'orders']]);
  assert.deepEqual(calls.map(sinceOf), ['3', '119']);
  assert.equal(calls[1].at, calls[0].at, 'no wait after a reset');
  assert.deepEqual(record.seqs, [120, 121]);
  assert.equal(record.errors.length, 0, 'a handled reset is not an error');
  unsubscribe();
});

test("onReset may return 'now', or a promise", async () => {
  const { client, clock, calls } = unitClient((call) => (sinceOf(call) === '3' ? gone(50) : page([], { next: 80 })));
  const unsubscribe = client.subscribe('orders', { ...recorder(), since: 3, onReset: async () => 'now' });
  await clock.advance(0);
  assert.deepEqual(calls.map(sinceOf), ['3', 'now']);
  unsubscribe();
});

test('without onReset: resumes from oldest - 1 and reports the CursorExpiredError', async () => {
  const { client, clock, calls } = unitClient((call) => (sinceOf(call) === '3' ? gone(10) : page([10], { next: 10 })));
  const record = recorder();
  const unsubscribe = client.subscribe('orders', { ...record, since: 3 });
  await clock.advance(0);
  assert.deepEqual(calls.map(sinceOf), ['3', '9']);
  assert.ok(record.errors[0].error instanceof CursorExpiredError);
  assert.equal(record.errors[0].error.oldest, 10);
  assert.equal(record.errors[0].error.channel, 'orders');
  assert.equal(record.errors[0].error.problem.type, 'urn:pollfeed:problem:cursor-expired');
  assert.equal(record.errors[0].info.willRetry, true);
  unsubscribe();
});

test('an onReset that returns nonsense stops the subscription', async () => {
  const { client, clock, calls } = unitClient(() => gone(10));
  const record = recorder();
  client.subscribe('orders', { ...record, since: 3, onReset: () => -5 });
  await clock.advance(10_000);
  assert.equal(calls.length, 1);
  assert.equal(record.errors[0].error.name, 'HandlerError');
  assert.equal(record.errors[0].info.willRetry, false);
});
