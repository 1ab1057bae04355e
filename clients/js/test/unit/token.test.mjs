import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createClient, ForbiddenError, HttpError, PollfeedError, UnauthorizedError } from '../../dist/index.js';
import { events, fakeFetch, notModified, page, problem } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

const created = () => ({ status: 201, json: { channel: 'orders', events: events(1) } });
const authorization = (calls) => calls.map((call) => call.headers.get('Authorization'));

test('a token string goes as Authorization: Bearer on every poll, conditional ones included, and on publish', async () => {
  const { client, clock, calls } = unitClient(
    (call, n) => (call.method === 'POST' ? created() : n === 1 ? page([], { next: 0, etag: '"a"' }) : notModified('"a"')),
    { token: 'pfk_abc.def' },
  );
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(4000);
  await client.publish('orders', { data: 1 });
  unsubscribe();
  assert.ok(calls.length >= 3);
  assert.equal(calls[1].headers.get('If-None-Match'), '"a"');
  assert.deepEqual(new Set(authorization(calls)), new Set(['Bearer pfk_abc.def']));
});

test('a token function is called for each request: every poll and every publish attempt gets a fresh token', async () => {
  let issued = 0;
  const { client, clock, calls } = unitClient(
    (call, n) => {
      if (call.method === 'POST') return n === 4 ? problem(503, 'unavailable') : created();
      return page([], { next: 0 });
    },
    { token: () => `t${++issued}` },
  );
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(4000); // polls at 0, 2 s and 4 s
  unsubscribe();
  const publishing = client.publish('orders', { data: 1 });
  await clock.advance(2000); // the 503 is retried after its backoff
  await publishing;
  assert.deepEqual(authorization(calls), ['Bearer t1', 'Bearer t2', 'Bearer t3', 'Bearer t4', 'Bearer t5']);
  assert.equal(calls[3].headers.get('Idempotency-Key'), calls[4].headers.get('Idempotency-Key'), 'one key for both');
});

test('a token function may return a promise (an async refresh)', async () => {
  const { client, clock, calls } = unitClient(() => page([], { next: 0 }), {
    token: async () => {
      await Promise.resolve();
      return 'eyJhbGciOiJIUzI1NiJ9.e30.sig';
    },
  });
  const unsubscribe = client.subscribe('orders', recorder());
  await clock.advance(0);
  unsubscribe();
  assert.deepEqual(authorization(calls), ['Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig']);
});

test("token wins over an Authorization in headers; '' sends none, and no token sends none", async () => {
  const server = fakeFetch(created);
  const withBoth = createClient({ baseUrl: 'http://pollfeed.test', fetch: server.fetch, token: 'k', headers: { Authorization: 'Basic x', 'X-App': '1' } });
  await withBoth.publish('orders', { data: 1 });
  await createClient({ baseUrl: 'http://pollfeed.test', fetch: server.fetch, token: () => '' }).publish('orders', { data: 1 });
  await createClient({ baseUrl: 'http://pollfeed.test', fetch: server.fetch }).publish('orders', { data: 1 });
  assert.deepEqual(authorization(server.calls), ['Bearer k', null, null]);
  assert.equal(server.calls[0].headers.get('X-App'), '1');
  assert.throws(() => createClient({ baseUrl: '', token: 42 }), TypeError);
});

test('401 stops a subscription with UnauthorizedError (willRetry: false): no retry loop on bad credentials', async () => {
  const { client, clock, calls } = unitClient(() => problem(401, 'unauthorized', {}, { 'WWW-Authenticate': 'Bearer realm="pollfeed"' }));
  const record = recorder();
  client.subscribe('orders', record);
  await clock.advance(120_000);
  assert.equal(calls.length, 1);
  assert.equal(record.errors.length, 1);
  const { error, info } = record.errors[0];
  assert.ok(error instanceof UnauthorizedError && error instanceof HttpError && error instanceof PollfeedError);
  assert.equal(error.name, 'UnauthorizedError');
  assert.equal(error.status, 401);
  assert.equal(error.retryable, false);
  assert.equal(error.problem.type, 'urn:pollfeed:problem:unauthorized');
  assert.deepEqual(info, { willRetry: false, attempt: 1 });
});

test('403 stops a watch with ForbiddenError', async () => {
  const { client, clock, calls } = unitClient(() => problem(403, 'forbidden'), { token: 'eyJ.e30.sig' });
  const record = recorder();
  client.watch({ orders: 0, alerts: 0 }, record);
  await clock.advance(120_000);
  assert.equal(calls.length, 1);
  assert.ok(record.errors[0].error instanceof ForbiddenError);
  assert.equal(record.errors[0].info.willRetry, false);
});

test('publish rejects at once on 401 and 403, without retrying', async () => {
  const { client, calls } = unitClient((call, n) => (n === 1 ? problem(401, 'invalid-credentials') : problem(403, 'forbidden')), {
    token: 'revoked',
  });
  const unauthorized = await client.publish('orders', { data: 1 }).catch((e) => e);
  const forbidden = await client.publish('orders', { data: 1 }).catch((e) => e);
  assert.equal(calls.length, 2);
  assert.ok(unauthorized instanceof UnauthorizedError);
  assert.equal(unauthorized.problem.type, 'urn:pollfeed:problem:invalid-credentials');
  assert.ok(forbidden instanceof ForbiddenError);
  assert.equal(forbidden.status, 403);
});

test('a failing token function stops the subscription and rejects publish, with its error as cause; nothing is sent', async () => {
  const refresh = new Error('refresh endpoint said no');
  const { client, clock, calls } = unitClient(() => page([], { next: 0 }), {
    token: () => Promise.reject(refresh),
  });
  const record = recorder();
  client.subscribe('orders', record);
  await clock.advance(60_000);
  const rejected = await client.publish('orders', { data: 1 }).catch((e) => e);
  assert.equal(calls.length, 0);
  assert.equal(record.errors.length, 1);
  assert.ok(record.errors[0].error instanceof PollfeedError);
  assert.equal(record.errors[0].error.cause, refresh);
  assert.match(record.errors[0].error.message, /token function failed: refresh endpoint said no/);
  assert.equal(record.errors[0].info.willRetry, false);
  assert.equal(rejected.cause, refresh);
});
