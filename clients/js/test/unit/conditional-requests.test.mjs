import assert from 'node:assert/strict';
import { test } from 'node:test';

import { notModified, page, sinceOf } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('repeats the last ETag as If-None-Match, and a 304 delivers nothing and keeps the cursor', async () => {
  const { client, clock, calls } = unitClient((call, n) => {
    if (n === 1) return page([1, 2], { next: 2, etag: '"since0"' });
    if (n === 2) return page([], { next: 2, etag: '"since2"' });
    if (n <= 4) return notModified('"since2"');
    return page([3], { next: 3, etag: '"since2-new"' });
  });
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(8000);

  assert.deepEqual(
    calls.map((call) => [sinceOf(call), call.headers.get('If-None-Match')]),
    [
      ['0', null],
      ['2', null],
      ['2', '"since2"'],
      ['2', '"since2"'],
      ['2', '"since2"'],
    ],
  );
  assert.deepEqual(record.seqs, [1, 2, 3]);
  assert.equal(record.errors.length, 0);
  unsubscribe();
});

test('sends no If-None-Match on a URL the tag did not come from (it could not match)', async () => {
  const { client, clock, calls } = unitClient((call) =>
    sinceOf(call) === '0' ? page([1], { next: 1, etag: '"a"' }) : page([], { next: 1, etag: '"b"' }),
  );
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(2000);
  assert.equal(calls[1].headers.get('If-None-Match'), null);
  assert.equal(sinceOf(calls[1]), '1');
  unsubscribe();
});

test('asks for JSON and sends the client headers on every poll', async () => {
  const { client, clock, calls } = unitClient(() => page([], { next: 0 }));
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(0);
  assert.equal(calls[0].headers.get('Accept'), 'application/json');
  assert.equal(calls[0].url, 'http://pollfeed.test/v1/channels/orders/events?since=0');
  unsubscribe();
});
