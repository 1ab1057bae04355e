import assert from 'node:assert/strict';
import { test } from 'node:test';

import { NetworkError } from '../../dist/index.js';
import { fullJitter, retryDelay } from '../../dist/backoff.js';
import { networkError, page, problem } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

const backoff = { baseMs: 1000, maxMs: 30_000 };

test('full jitter: uniform in [0, min(max, base * 2^(attempt-1)))', () => {
  assert.equal(fullJitter(1, backoff, () => 0), 0);
  assert.equal(fullJitter(1, backoff, () => 0.5), 500);
  assert.equal(fullJitter(2, backoff, () => 0.5), 1000);
  assert.equal(fullJitter(3, backoff, () => 0.999), 3996);
  assert.equal(fullJitter(50, backoff, () => 0.999), 29_970, 'capped at maxMs');
  assert.equal(fullJitter(5000, backoff, () => 0.5), 15_000, 'no overflow for huge attempt counts');
  for (let attempt = 1; attempt < 40; attempt += 1) {
    const delay = fullJitter(attempt, backoff, Math.random);
    assert.ok(delay >= 0 && delay < Math.min(30_000, 1000 * 2 ** (attempt - 1)), `attempt ${attempt}: ${delay}`);
  }
});

test('Retry-After is a floor under the jitter', () => {
  assert.equal(retryDelay(1, 7000, backoff, () => 0.5), 7000);
  assert.equal(retryDelay(6, 1000, backoff, () => 0.5), 15_000);
  assert.equal(retryDelay(1, undefined, backoff, () => 0.5), 500);
});

test('network errors are retried with growing, jittered, bounded delays, reported to onError', async () => {
  const { client, clock, calls } = unitClient(() => networkError(), { random: () => 0.999 });
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(120_000);

  const gaps = calls.slice(1).map((call, i) => call.at - calls[i].at);
  assert.deepEqual(gaps.slice(0, 6), [999, 1998, 3996, 7992, 15_984, 29_970]);
  assert.ok(gaps.every((gap) => gap <= 30_000), 'never above maxMs');
  assert.ok(record.errors.every(({ error }) => error instanceof NetworkError));
  assert.deepEqual(
    record.errors.slice(0, 3).map(({ info }) => info),
    [
      { willRetry: true, retryInMs: 999, attempt: 1 },
      { willRetry: true, retryInMs: 1998, attempt: 2 },
      { willRetry: true, retryInMs: 3996, attempt: 3 },
    ],
  );
  unsubscribe();
});

test('the jitter comes from the random source: a run of failures spreads over the window', async () => {
  const draws = [0.1, 0.9, 0.4];
  const { client, clock, calls } = unitClient(() => networkError(), { random: () => draws.shift() ?? 0.5 });
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(10_000);
  const gaps = calls.slice(1, 4).map((call, i) => call.at - calls[i].at);
  assert.deepEqual(gaps, [100, 1800, 1600]);
  unsubscribe();
});

test('5xx is retried like a network error; a success resets the backoff', async () => {
  const { client, clock, calls } = unitClient(
    (call, n) => {
      if (n <= 3) return problem(500, 'server-error');
      if (n === 4) return page([], { next: 0, interval: 2 });
      return problem(502, 'server-error');
    },
    { random: () => 0.999 },
  );
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(20_000);
  const gaps = calls.slice(1, 7).map((call, i) => call.at - calls[i].at);
  assert.deepEqual(gaps, [999, 1998, 3996, 2000, 999, 1998], 'after the 200: Poll-Interval, then attempt 1 again');
  assert.equal(record.errors[3].info.attempt, 1);
  assert.equal(record.errors[0].error.status, 500);
  unsubscribe();
});

test('custom backoff settings are used', async () => {
  const { client, clock, calls } = unitClient(() => networkError(), {
    random: () => 0.999,
    backoff: { baseMs: 100, maxMs: 250 },
  });
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(2000);
  const gaps = calls.slice(1, 5).map((call, i) => call.at - calls[i].at);
  assert.deepEqual(gaps, [99, 199, 249, 249]);
  unsubscribe();
});
