import assert from 'node:assert/strict';
import { test } from 'node:test';

import { notModified, page, problem } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

const multi = (pages, { etag = '"m"', interval = 2 } = {}) => ({
  status: 200,
  headers: { ETag: etag, 'Poll-Interval': String(interval) },
  json: { channels: Object.fromEntries(Object.entries(pages).map(([name, p]) => [name, p.json])) },
});

function channelsOf(call) {
  return new URL(call.url).searchParams.get('channels');
}

test('one request for all channels; each channel delivered separately, exactly once, in order', async () => {
  const { client, clock, calls } = unitClient((call, n) => {
    if (n === 1) return multi({ orders: page([6, 7], { next: 7 }), alerts: page([], { next: 0 }), prices: page([], { next: 90 }) });
    if (n === 2) return multi({ orders: page([7, 8], { next: 8 }), alerts: page([1], { next: 1 }), prices: page([], { next: 90 }) });
    if (n === 3) return multi({ orders: page([], { next: 8 }), alerts: page([], { next: 1 }), prices: page([], { next: 90 }) }, { etag: '"m3"' });
    return notModified('"m3"');
  });
  const record = recorder();
  const unsubscribe = client.watch({ orders: 5, alerts: 0, prices: 'now' }, { ...record, limit: 50 });
  await clock.advance(6000);
  assert.deepEqual(calls.map(channelsOf), [
    'orders:5,alerts:0,prices:now',
    'orders:7,alerts:0,prices:90',
    'orders:8,alerts:1,prices:90',
    'orders:8,alerts:1,prices:90',
  ]);
  assert.ok(calls.every((call) => call.path.startsWith('/v1/events?') && call.path.endsWith('&limit=50')));
  assert.deepEqual(record.batches, [
    { channel: 'orders', seqs: [6, 7] },
    { channel: 'orders', seqs: [8] },
    { channel: 'alerts', seqs: [1] },
  ]);
  assert.equal(calls[2].headers.get('If-None-Match'), null, 'the cursors moved: a new URL');
  assert.equal(calls[3].headers.get('If-None-Match'), '"m3"', 'the same URL again: conditional');
  unsubscribe();
});

test('any full page means: poll again at once', async () => {
  const { client, clock, calls } = unitClient((call, n) =>
    n === 1 ? multi({ a: page([1], { next: 1, more: true }), b: page([], { next: 0 }) }) : multi({ a: page([2], { next: 2 }), b: page([], { next: 0 }) }),
  );
  const unsubscribe = client.watch({ a: 0, b: 0 }, recorder());
  await clock.advance(0);
  assert.equal(calls.length, 2);
  unsubscribe();
});

test('a 410 is traced to its channel by asking each alone; onReset moves only that cursor', async () => {
  const { client, clock, calls } = unitClient((call) => {
    if (call.path.startsWith('/v1/channels/a/')) return page([], { next: 4 });
    if (call.path.startsWith('/v1/channels/b/')) return problem(410, 'cursor-expired', { oldest: 30 });
    if (channelsOf(call) === 'a:4,b:2') return problem(410, 'cursor-expired', { oldest: 30 });
    return multi({ a: page([], { next: 4 }), b: page([], { next: 29 }) });
  });
  const resets = [];
  const unsubscribe = client.watch(new Map([['a', 4], ['b', 2]]), {
    ...recorder(),
    onReset: (oldest, channel) => {
      resets.push([oldest, channel]);
      return oldest - 1;
    },
  });
  await clock.advance(0);
  assert.deepEqual(resets, [[30, 'b']]);
  assert.deepEqual(calls.map((call) => call.path), [
    '/v1/events?channels=a:4,b:2',
    '/v1/channels/a/events?since=4&limit=1',
    '/v1/channels/b/events?since=2&limit=1',
    '/v1/events?channels=a:4,b:29',
  ]);
  unsubscribe();
});

test('refuses 0 or more than 50 channels and bad names', () => {
  const { client } = unitClient(() => multi({}));
  assert.throws(() => client.watch({}, recorder()), RangeError);
  const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, 0]));
  assert.throws(() => client.watch(many, recorder()), RangeError);
  assert.throws(() => client.watch({ 'a b': 0 }, recorder()), TypeError);
  assert.throws(() => client.watch({ a: 1.5 }, recorder()), TypeError);
});
