import assert from 'node:assert/strict';
import { test } from 'node:test';

import { HttpError, NetworkError } from '../../dist/index.js';
import { events, networkError, problem } from '../helpers/fake-fetch.mjs';
import { unitClient } from '../helpers/unit-client.mjs';

const created = (seqs, status = 201) => ({
  status,
  headers: status === 200 ? { 'Idempotent-Replayed': 'true' } : {},
  json: { channel: 'orders', events: events(...seqs) },
});

test('POSTs JSON with a generated UUID Idempotency-Key and resolves to the stored events', async () => {
  const { client, calls } = unitClient(() => created([7]));
  const result = await client.publish('orders', { type: 'order.created', data: { id: 42 } });
  assert.equal(calls.length, 1);
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].url, 'http://pollfeed.test/v1/channels/orders/events');
  assert.equal(calls[0].headers.get('Content-Type'), 'application/json');
  assert.match(calls[0].headers.get('Idempotency-Key'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(JSON.parse(calls[0].body), { type: 'order.created', data: { id: 42 } });
  assert.equal(result.channel, 'orders');
  assert.deepEqual(result.events.map((event) => event.seq), [7]);
  assert.equal(result.replayed, false);
});

test('retries network errors and 5xx with the same key and body, with backoff', async () => {
  const { client, clock, calls } = unitClient(
    (call, n) => (n === 1 ? networkError() : n === 2 ? problem(503, 'unavailable', {}, { 'Retry-After': '1' }) : created([1, 2], 200)),
    { random: () => 0.999 },
  );
  const publishing = client.publish('orders', [{ data: 1 }, { data: 2 }]);
  await clock.advance(10_000);
  const result = await publishing;
  assert.equal(calls.length, 3);
  const keys = new Set(calls.map((call) => call.headers.get('Idempotency-Key')));
  assert.equal(keys.size, 1, 'one key for every attempt');
  assert.ok(calls.every((call) => call.body === calls[0].body));
  assert.deepEqual([calls[1].at - calls[0].at, calls[2].at - calls[1].at], [999, 1998]);
  assert.equal(result.replayed, true, 'the 200 replay of the first, lost, attempt');
});

test('each publish call gets its own key; an explicit key is sent as given', async () => {
  const { client, calls } = unitClient(() => created([1]));
  await client.publish('orders', { data: 1 });
  await client.publish('orders', { data: 1 });
  await client.publish('orders', { data: 1 }, { idempotencyKey: 'checkout-42' });
  const keys = calls.map((call) => call.headers.get('Idempotency-Key'));
  assert.notEqual(keys[0], keys[1]);
  assert.equal(keys[2], 'checkout-42');
});

test('a 4xx is not retried and rejects with HttpError carrying the problem document', async () => {
  const { client, calls } = unitClient(() => problem(422, 'idempotency-key-reused'));
  const error = await client.publish('orders', { data: 1 }, { idempotencyKey: 'k' }).catch((e) => e);
  assert.equal(calls.length, 1);
  assert.ok(error instanceof HttpError);
  assert.equal(error.status, 422);
  assert.equal(error.problem.type, 'urn:pollfeed:problem:idempotency-key-reused');
  assert.equal(error.retryable, false);
  assert.match(error.message, /^422 idempotency-key-reused: detail of idempotency-key-reused$/);
});

test('gives up after `retries` further attempts with the last error', async () => {
  const { client, clock, calls } = unitClient(() => networkError());
  const publishing = client.publish('orders', { data: 1 }, { retries: 2 }).catch((e) => e);
  await clock.advance(60_000);
  const error = await publishing;
  assert.equal(calls.length, 3);
  assert.ok(error instanceof NetworkError);
});

test('an abort signal cancels the request and the waiting', async () => {
  const { client, clock, calls } = unitClient(() => networkError());
  const controller = new AbortController();
  const publishing = client.publish('orders', { data: 1 }, { signal: controller.signal }).catch((e) => e);
  await clock.advance(0);
  controller.abort();
  const error = await publishing;
  assert.equal(error.name, 'AbortError');
  await clock.advance(60_000);
  assert.equal(calls.length, 1);
});

test('refuses empty and oversized batches, bad channels and bad keys before sending', async () => {
  const { client, calls } = unitClient(() => created([1]));
  await assert.rejects(client.publish('orders', []), RangeError);
  await assert.rejects(client.publish('orders', Array.from({ length: 101 }, () => ({ data: 1 }))), RangeError);
  await assert.rejects(client.publish('no/slash', { data: 1 }), TypeError);
  await assert.rejects(client.publish('orders', { data: 1 }, { idempotencyKey: 'ä' }), TypeError);
  assert.equal(calls.length, 0);
});
