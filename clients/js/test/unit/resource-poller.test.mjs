import assert from 'node:assert/strict';
import { test } from 'node:test';

import { networkError, notModified, problem } from '../helpers/fake-fetch.mjs';
import { unitClient } from '../helpers/unit-client.mjs';

const stats = (total, etag) => ({ status: 200, headers: { ETag: etag, 'Poll-Interval': '5' }, json: { total } });

test('polls a resource with If-None-Match; a 304 keeps the data; every Poll-Interval', async () => {
  const { client, clock, calls } = unitClient((call, n) => {
    if (n === 1) return stats(1, '"s1"');
    if (n === 2) return notModified('"s1"', 5);
    return stats(2, '"s2"');
  });
  const seen = [];
  const poller = client.poll('/v1/channels/orders/stats', { parse: (body) => ({ ...body, checked: true }), onData: (data) => seen.push(data.total) });
  await clock.advance(0);
  const first = poller.getSnapshot();
  assert.deepEqual(first.data, { total: 1, checked: true });
  assert.equal(first.status, 'live');
  assert.equal(first.pollIntervalMs, 5000);
  await clock.advance(5000);
  assert.equal(calls[1].headers.get('If-None-Match'), '"s1"');
  assert.equal(poller.getSnapshot().data, first.data, '304: the same data object');
  assert.equal(poller.getSnapshot().notModified, 1);
  await clock.advance(5000);
  assert.deepEqual(poller.getSnapshot().data, { total: 2, checked: true });
  assert.deepEqual(seen, [1, 2]);
  assert.equal(poller.getSnapshot().requests, 3);
  assert.ok(calls.every((call) => call.path === '/v1/channels/orders/stats'));
  poller();
});

test('a path function is asked before every request; refresh() polls at once', async () => {
  let minute = 1;
  const { client, clock, calls } = unitClient((call, n) => stats(n, `"e${n}"`));
  const poller = client.poll(() => `/v1/channels/a/stats/series?from=${minute}`);
  await clock.advance(0);
  minute = 2;
  poller.refresh();
  await clock.advance(0);
  assert.deepEqual(calls.map((call) => call.path), ['/v1/channels/a/stats/series?from=1', '/v1/channels/a/stats/series?from=2']);
  poller.stop();
});

test('backs off on failures (503 with Retry-After), pauses while hidden, fails on 404', async () => {
  const { client, clock, calls, page } = unitClient((call, n) => {
    if (n === 1) return problem(503, 'unavailable', {}, { 'Retry-After': '3' });
    if (n === 2) return networkError();
    return stats(n, `"e${n}"`);
  });
  const poller = client.poll('/v1/channels/a/stats');
  await clock.advance(0);
  assert.equal(poller.getSnapshot().status, 'backing-off');
  assert.equal(poller.getSnapshot().nextPollAt, clock.now() + 3000);
  await clock.advance(3000);
  assert.equal(calls.length, 2);
  await clock.advance(1000);
  assert.equal(poller.getSnapshot().status, 'live');
  page.hide();
  assert.equal(poller.getSnapshot().status, 'paused');
  const before = calls.length;
  await clock.advance(60_000);
  assert.equal(calls.length, before);
  page.show();
  await clock.advance(0);
  assert.equal(calls.length, before + 1);
  poller();

  const missing = unitClient(() => problem(404, 'not-found'));
  const gone = missing.client.poll('/v1/nothing', { onError: () => {} });
  await missing.clock.advance(0);
  assert.equal(gone.getSnapshot().status, 'failed');
  assert.equal(gone.getSnapshot().lastError.status, 404);
});

test('a lazy resource polls only while observed', async () => {
  const { client, clock, calls } = unitClient((call, n) => stats(n, `"e${n}"`));
  const resource = client.resource('/v1/channels/a/stats');
  await clock.advance(10_000);
  assert.equal(calls.length, 0);
  const unlisten = resource.subscribe(() => {});
  await clock.advance(0);
  assert.equal(calls.length, 1);
  unlisten();
  await clock.advance(60_000);
  assert.equal(calls.length, 1);
  assert.equal(resource.getSnapshot().status, 'idle');
});
