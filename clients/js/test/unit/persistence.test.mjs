import assert from 'node:assert/strict';
import { test } from 'node:test';

import { page, sinceOf } from '../helpers/fake-fetch.mjs';
import { memoryStorage } from '../helpers/fake-page.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('persist saves the cursor after each page and a new subscription resumes from it', async () => {
  const storage = memoryStorage();
  const first = unitClient((call) => (sinceOf(call) === '0' ? page([1, 2], { next: 2 }) : page([], { next: 2 })), { storage });
  const stop = first.client.subscribe('orders', { ...recorder(), persist: 'pf:orders' });
  await first.clock.advance(0);
  assert.equal(storage.items.get('pf:orders'), '2');
  stop();

  const second = unitClient(() => page([], { next: 2 }), { storage });
  const stopAgain = second.client.subscribe('orders', { ...recorder(), since: 0, persist: 'pf:orders' });
  await second.clock.advance(0);
  assert.equal(sinceOf(second.calls[0]), '2', 'the saved cursor wins over since');
  stopAgain();
});

test('a corrupt saved value is ignored', async () => {
  const storage = memoryStorage({ 'pf:orders': '{oops' });
  const { client, clock, calls } = unitClient(() => page([], { next: 0 }), { storage });
  const stop = client.subscribe('orders', { ...recorder(), since: 'now', persist: 'pf:orders' });
  await clock.advance(0);
  assert.equal(sinceOf(calls[0]), 'now');
  stop();
});

test('a storage that throws does not stop the feed', async () => {
  const storage = {
    getItem() {
      throw new Error('SecurityError');
    },
    setItem() {
      throw new Error('QuotaExceededError');
    },
  };
  const { client, clock, calls } = unitClient((call) => (sinceOf(call) === '0' ? page([1], { next: 1 }) : page([], { next: 1 })), { storage });
  const record = recorder();
  const stop = client.subscribe('orders', { ...record, persist: 'k' });
  await clock.advance(2000);
  assert.deepEqual(calls.map(sinceOf), ['0', '1']);
  assert.deepEqual(record.errors, []);
  stop();
});

test('watch persists every channel cursor under one key', async () => {
  const storage = memoryStorage({ 'pf:watch': JSON.stringify({ a: 3, zzz: 9 }) });
  const { client, clock, calls } = unitClient(
    () => ({
      status: 200,
      headers: { 'Poll-Interval': '2' },
      json: { channels: { a: page([4], { next: 4 }).json, b: page([], { next: 0 }).json } },
    }),
    { storage },
  );
  const stop = client.watch({ a: 0, b: 0 }, { ...recorder(), persist: 'pf:watch' });
  await clock.advance(0);
  assert.equal(new URL(calls[0].url).searchParams.get('channels'), 'a:3,b:0');
  assert.deepEqual(JSON.parse(storage.items.get('pf:watch')), { a: 4, b: 0 });
  stop();
});
