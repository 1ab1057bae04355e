import assert from 'node:assert/strict';
import { test } from 'node:test';

import { channelServer, sinces } from '../helpers/channel-server.mjs';
import { problem } from '../helpers/fake-fetch.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('two subscribers of one channel share one poll loop; each gets every event exactly once', async () => {
  const server = channelServer();
  server.publish('orders', 3);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const first = recorder();
  const second = recorder();
  const a = client.subscribe('orders', first);
  const b = client.subscribe('orders', second);
  await clock.advance(0);
  server.publish('orders', 2);
  await clock.advance(2000);
  server.publish('orders', 1);
  await clock.advance(2000);
  assert.deepEqual(first.seqs, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(second.seqs, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(sinces(calls), ['0', '3', '5'], 'one request per tick for both');
  a();
  b();
});

test('a subscriber that starts further back is served its backlog first; the others see nothing twice', async () => {
  const server = channelServer();
  server.publish('orders', 5);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const live = recorder();
  const a = client.subscribe('orders', { ...live, since: 'now' });
  await clock.advance(500);
  assert.deepEqual(sinces(calls), ['now']);
  const late = recorder();
  const b = client.subscribe('orders', { ...late, since: 2 });
  await clock.advance(0);
  assert.deepEqual(sinces(calls), ['now', '2'], 'the backlog is read at once, not after Poll-Interval');
  assert.deepEqual(late.seqs, [3, 4, 5]);
  assert.deepEqual(live.seqs, []);
  server.publish('orders', 1);
  await clock.advance(2000);
  assert.deepEqual(late.seqs, [3, 4, 5, 6]);
  assert.deepEqual(live.seqs, [6]);
  assert.deepEqual(sinces(calls), ['now', '2', '5']);
  a();
  b();
});

test("a 'now' subscriber joining a running loop starts at the head it knows", async () => {
  const server = channelServer();
  server.publish('orders', 4);
  const { client, clock } = unitClient((call) => server.respond(call));
  const first = recorder();
  const a = client.subscribe('orders', first);
  await clock.advance(500);
  const second = recorder();
  const b = client.subscribe('orders', { ...second, since: 'now' });
  assert.equal(b.getSnapshot().cursor, 4);
  server.publish('orders', 1);
  await clock.advance(2000);
  assert.deepEqual(first.seqs, [1, 2, 3, 4, 5]);
  assert.deepEqual(second.seqs, [5]);
  a();
  b();
});

test('the loop keeps running for the subscribers left, and stops a tick after the last leaves', async () => {
  const server = channelServer();
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const a = client.subscribe('orders', recorder());
  const kept = recorder();
  const b = client.subscribe('orders', kept);
  await clock.advance(0);
  a();
  server.publish('orders', 1);
  await clock.advance(2000);
  assert.deepEqual(kept.seqs, [1]);
  const polls = calls.length;
  b();
  await clock.advance(0);
  assert.deepEqual(clock.pendingDelays(), [], 'no timer left');
  await clock.advance(60_000);
  assert.equal(calls.length, polls);
});

test('a failing handler stops only its own subscription', async () => {
  const server = channelServer();
  server.publish('orders', 2);
  const { client, clock } = unitClient((call) => server.respond(call));
  const good = recorder();
  const bad = recorder();
  const a = client.subscribe('orders', good);
  const b = client.subscribe('orders', {
    ...bad,
    onEvents() {
      throw new Error('render failed');
    },
  });
  await clock.advance(0);
  assert.equal(b.getSnapshot().status, 'failed');
  assert.equal(b.getSnapshot().lastError.name, 'HandlerError');
  assert.equal(b.getSnapshot().cursor, 0, 'the cursor stays before the page it failed on');
  assert.equal(bad.errors[0].info.willRetry, false);
  server.publish('orders', 1);
  await clock.advance(2000);
  assert.deepEqual(good.seqs, [1, 2, 3]);
  assert.equal(a.getSnapshot().status, 'live');
  a();
});

test('a 410 resets only the subscribers whose cursor expired, each by its own policy', async () => {
  const server = channelServer();
  server.publish('orders', 10);
  const { client, clock } = unitClient((call) => server.respond(call));
  const ahead = recorder();
  const a = client.subscribe('orders', { ...ahead, since: 8 });
  await clock.advance(0);
  server.prune('orders', 6);
  const behind = recorder();
  const resets = [];
  const b = client.subscribe('orders', {
    ...behind,
    since: 2,
    onReset(oldest, channel) {
      resets.push([oldest, channel]);
      return 'now';
    },
  });
  await clock.advance(0);
  assert.deepEqual(resets, [[6, 'orders']]);
  assert.deepEqual(ahead.seqs, [9, 10]);
  assert.deepEqual(behind.seqs, []);
  server.publish('orders', 1);
  await clock.advance(2000);
  assert.deepEqual(ahead.seqs, [9, 10, 11]);
  assert.deepEqual(behind.seqs, [11]);
  a();
  b();
});

test('a 401 stops every subscriber of the loop; a later subscriber starts a new one', async () => {
  let refuse = true;
  const server = channelServer();
  const { client, clock, calls } = unitClient((call) => (refuse ? problem(401, 'unauthorized') : server.respond(call)));
  const a = client.subscribe('orders', recorder());
  const b = client.subscribe('orders', recorder());
  await clock.advance(0);
  assert.equal(a.getSnapshot().status, 'failed');
  assert.equal(b.getSnapshot().status, 'failed');
  assert.equal(a.getSnapshot().lastError.name, 'UnauthorizedError');
  refuse = false;
  const c = client.subscribe('orders', recorder());
  await clock.advance(0);
  assert.equal(c.getSnapshot().status, 'live');
  assert.equal(calls.length, 2);
  c();
});
