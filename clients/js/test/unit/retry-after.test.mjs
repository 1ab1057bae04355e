import assert from 'node:assert/strict';
import { test } from 'node:test';

import { HttpError } from '../../dist/index.js';
import { page, problem } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('429 waits at least Retry-After seconds', async () => {
  const { client, clock, calls } = unitClient((call, n) =>
    n === 1 ? problem(429, 'client-error', {}, { 'Retry-After': '7' }) : page([], { next: 0 }),
  );
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(6999);
  assert.equal(calls.length, 1, 'not before Retry-After');
  await clock.advance(1);
  assert.equal(calls.length, 2);
  assert.ok(record.errors[0].error instanceof HttpError);
  assert.equal(record.errors[0].error.status, 429);
  assert.equal(record.errors[0].error.retryAfterMs, 7000);
  assert.deepEqual(record.errors[0].info, { willRetry: true, retryInMs: 7000, attempt: 1 });
  unsubscribe();
});

test('Retry-After as an HTTP date', async () => {
  const { client, clock, calls } = unitClient((call, n) =>
    n === 1
      ? problem(503, 'unavailable', {}, { 'Retry-After': new Date(clock.now() + 4000).toUTCString() })
      : page([], { next: 0 }),
  );
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(3999);
  assert.equal(calls.length, 1);
  await clock.advance(1);
  assert.equal(calls.length, 2);
  unsubscribe();
});

test('503 with Retry-After: 1 retries the same cursor after a second', async () => {
  const { client, clock, calls } = unitClient((call, n) =>
    n === 2 ? problem(503, 'concurrent-prune', {}, { 'Retry-After': '1' }) : page([1], { next: 1 }),
  );
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(2000);
  assert.equal(calls.length, 2);
  await clock.advance(1000);
  assert.equal(calls.length, 3);
  assert.equal(calls[1].url, calls[2].url, 'the retry repeats the request unchanged');
  unsubscribe();
});

test('a server-imposed wait is not cut short by the page coming online', async () => {
  const { client, clock, calls, page: fake } = unitClient((call, n) =>
    n === 1 ? problem(429, 'client-error', {}, { 'Retry-After': '10' }) : page([], { next: 0 }),
  );
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(1000);
  fake.goOnline();
  await clock.advance(1000);
  assert.equal(calls.length, 1);
  unsubscribe();
});
