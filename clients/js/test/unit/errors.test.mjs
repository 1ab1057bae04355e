import assert from 'node:assert/strict';
import { test } from 'node:test';

import { HttpError, InvalidResponseError, PollfeedError } from '../../dist/index.js';
import { page, problem } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('a 4xx other than 410/429 stops the subscription: it is a client bug, not to be retried unchanged', async () => {
  const { client, clock, calls } = unitClient(() => problem(400, 'invalid-cursor'));
  const record = recorder();
  client.subscribe('orders', record);
  await clock.advance(60_000);
  assert.equal(calls.length, 1);
  assert.equal(record.errors.length, 1);
  const { error, info } = record.errors[0];
  assert.ok(error instanceof HttpError && error instanceof PollfeedError);
  assert.equal(error.status, 400);
  assert.equal(error.problem.type, 'urn:pollfeed:problem:invalid-cursor');
  assert.equal(error.url, 'http://pollfeed.test/v1/channels/orders/events?since=0');
  assert.deepEqual(info, { willRetry: false, attempt: 1 });
});

test('a 200 that is not a page is retried as InvalidResponseError, without moving the cursor', async () => {
  const { client, clock, calls } = unitClient((call, n) =>
    n === 1 ? { status: 200, body: '<html>proxy login</html>' } : n === 2 ? { status: 200, json: { events: 'no' } } : page([1], { next: 1 }),
  );
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(5000);
  assert.ok(record.errors[0].error instanceof InvalidResponseError);
  assert.ok(record.errors[1].error instanceof InvalidResponseError);
  assert.equal(new URL(calls[2].url).searchParams.get('since'), '0');
  assert.deepEqual(record.seqs, [1]);
  unsubscribe();
});

test('an error body that is not JSON still gives an HttpError, without a problem', async () => {
  const { client, clock } = unitClient((call, n) => (n === 1 ? { status: 502, body: 'Bad Gateway' } : page([], { next: 0 })));
  const record = recorder();
  const unsubscribe = client.subscribe('orders', record);
  await clock.advance(0);
  assert.equal(record.errors[0].error.status, 502);
  assert.equal(record.errors[0].error.problem, undefined);
  assert.equal(record.errors[0].error.message, '502 HTTP 502');
  unsubscribe();
});

test('an exception in onError does not break the loop; it is re-thrown asynchronously', async () => {
  // The client re-throws from a microtask, like an exception in an event listener. Catch it there, so that the
  // test runner does not count it as a stray uncaught exception.
  const rethrown = [];
  const queueMicrotask = globalThis.queueMicrotask;
  globalThis.queueMicrotask = (job) => {
    try {
      job();
    } catch (error) {
      rethrown.push(error);
    }
  };
  try {
    const { client, clock, calls } = unitClient((call, n) => (n === 1 ? problem(503, 'unavailable') : page([], { next: 0 })));
    const unsubscribe = client.subscribe('orders', {
      onEvents() {},
      onError() {
        throw new Error('bad handler');
      },
    });
    await clock.advance(1000);
    assert.equal(calls.length, 2, 'still polling');
    assert.equal(rethrown[0]?.message, 'bad handler');
    unsubscribe();
  } finally {
    globalThis.queueMicrotask = queueMicrotask;
  }
});

test('extra headers from createClient go on every request; a function is called each time', async () => {
  let token = 1;
  const { createClient } = await import('../../dist/index.js');
  const { fakeFetch } = await import('../helpers/fake-fetch.mjs');
  const server = fakeFetch(() => ({ status: 201, json: { channel: 'orders', events: [] } }));
  const client = createClient({ baseUrl: 'http://pollfeed.test/', fetch: server.fetch, headers: () => ({ Authorization: `Bearer ${token++}` }) });
  await client.publish('orders', { data: 1 });
  await client.publish('orders', { data: 1 });
  assert.deepEqual(server.calls.map((call) => call.headers.get('Authorization')), ['Bearer 1', 'Bearer 2']);
  assert.equal(server.calls[0].url, 'http://pollfeed.test/v1/channels/orders/events', 'trailing slash of baseUrl dropped');
});
