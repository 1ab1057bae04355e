import assert from 'node:assert/strict';
import { test } from 'node:test';

import { channelServer, sinces } from '../helpers/channel-server.mjs';
import { networkError, problem } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('the snapshot: connecting, then live with cursor, delivered, kept events and the next poll time', async () => {
  const server = channelServer();
  server.publish('orders', 3);
  const { client, clock } = unitClient((call) => server.respond(call));
  const subscription = client.subscribe('orders', { ...recorder(), keep: 2 });
  const first = subscription.getSnapshot();
  assert.equal(first.status, 'connecting');
  assert.ok(Object.isFrozen(first));
  let notified = 0;
  const unlisten = subscription.subscribe(() => (notified += 1));
  await clock.advance(0);
  const live = subscription.getSnapshot();
  assert.equal(live.status, 'live');
  assert.equal(live.cursor, 3);
  assert.equal(live.delivered, 3);
  assert.deepEqual(live.events.map((event) => [event.channel, event.seq]), [['orders', 2], ['orders', 3]]);
  assert.equal(live.nextPollAt, clock.now() + 2000);
  assert.equal(live.lastError, undefined);
  assert.ok(notified >= 1);
  assert.equal(subscription.getSnapshot(), live, 'the same object until something changes');
  assert.ok(Object.isFrozen(live) && Object.isFrozen(live.events));
  unlisten();
  subscription();
  assert.equal(subscription.getSnapshot().status, 'stopped');
});

test('backing-off with the last error and the retry time, then live again', async () => {
  const server = channelServer();
  const { client, clock } = unitClient((call, n) => (n === 1 ? networkError() : server.respond(call)));
  const subscription = client.subscribe('orders', recorder());
  await clock.advance(0);
  const failing = subscription.getSnapshot();
  assert.equal(failing.status, 'backing-off');
  assert.equal(failing.lastError.name, 'NetworkError');
  assert.equal(failing.nextPollAt, clock.now() + 500, 'full jitter of 1000 ms at random 0.5');
  await clock.advance(500);
  assert.equal(subscription.getSnapshot().status, 'live');
  assert.equal(subscription.getSnapshot().lastError.name, 'NetworkError', 'the last error stays for display');
  subscription.stop();
});

test('paused the moment the page is hidden; failed after a 403', async () => {
  const server = channelServer();
  const { client, clock, page } = unitClient((call) => server.respond(call));
  const subscription = client.subscribe('orders', recorder());
  await clock.advance(0);
  page.hide();
  assert.equal(subscription.getSnapshot().status, 'paused');
  assert.equal(subscription.getSnapshot().nextPollAt, undefined);
  page.show();
  await clock.advance(0);
  assert.equal(subscription.getSnapshot().status, 'live');
  subscription();

  const refused = unitClient(() => problem(403, 'forbidden'));
  const errors = recorder();
  const locked = refused.client.subscribe('secret', errors);
  await refused.clock.advance(0);
  assert.equal(locked.getSnapshot().status, 'failed');
  assert.equal(locked.getSnapshot().lastError.status, 403);
  assert.equal(errors.errors[0].info.willRetry, false);
});

test('a lazy store polls only while observed and resumes from its own cursor', async () => {
  const server = channelServer();
  server.publish('orders', 2);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const store = client.channel('orders', { keep: 10 });
  await clock.advance(10_000);
  assert.equal(calls.length, 0, 'nobody observes it: no request (as during server-side rendering)');
  assert.equal(store.getSnapshot().status, 'idle');

  const unlisten = store.subscribe(() => {});
  await clock.advance(0);
  assert.equal(store.getSnapshot().cursor, 2);
  unlisten();
  await clock.advance(0);
  assert.equal(store.getSnapshot().status, 'idle');
  server.publish('orders', 1);
  await clock.advance(30_000);
  assert.equal(calls.length, 1, 'not observed: not polled');

  const again = store.subscribe(() => {});
  await clock.advance(0);
  assert.deepEqual(sinces(calls), ['0', '2'], 'resumed from its cursor');
  assert.deepEqual(store.getSnapshot().events.map((event) => event.seq), [1, 2, 3]);
  again();
});

test("StrictMode's subscribe, unsubscribe, subscribe sends one request, and delivers once", async () => {
  const server = channelServer();
  server.publish('orders', 2);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const seen = [];
  const store = client.channel('orders', { onEvents: (events) => seen.push(...events.map((event) => event.seq)) });
  store.subscribe(() => {})();
  const unlisten = store.subscribe(() => {});
  await clock.advance(0);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].aborted, false);
  assert.deepEqual(seen, [1, 2]);
  unlisten();
});

test('an aborted signal stops a subscription for good', async () => {
  const server = channelServer();
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const controller = new AbortController();
  const subscription = client.subscribe('orders', { ...recorder(), signal: controller.signal });
  await clock.advance(0);
  controller.abort();
  await clock.advance(0);
  assert.equal(subscription.getSnapshot().status, 'stopped');
  await clock.advance(60_000);
  assert.equal(calls.length, 1);
  assert.deepEqual(clock.pendingDelays(), []);

  const already = client.subscribe('orders', { ...recorder(), signal: AbortSignal.abort() });
  await clock.advance(0);
  assert.equal(already.getSnapshot().status, 'stopped');
  assert.equal(calls.length, 1);
});

test('headers may be async; a failing headers function stops the feed with its cause', async () => {
  const server = channelServer();
  const { client, clock, calls } = unitClient((call) => server.respond(call), {
    headers: async () => ({ 'X-Csrf': await Promise.resolve('t1') }),
  });
  const subscription = client.subscribe('orders', recorder());
  await clock.advance(0);
  assert.equal(calls[0].headers.get('X-Csrf'), 't1');
  subscription();

  const broken = unitClient((call) => server.respond(call), {
    headers: async () => {
      throw new Error('no session');
    },
  });
  const record = recorder();
  const failing = broken.client.subscribe('orders', record);
  await broken.clock.advance(0);
  assert.equal(failing.getSnapshot().status, 'failed');
  assert.match(record.errors[0].error.message, /headers function failed: no session/);
  assert.equal(broken.calls.length, 0);
});
