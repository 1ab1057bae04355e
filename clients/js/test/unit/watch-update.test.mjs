import assert from 'node:assert/strict';
import { test } from 'node:test';

import { channelServer } from '../helpers/channel-server.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

const channelsOf = (call) => new URL(call.url).searchParams.get('channels');

test('update swaps the channel set: channels that stay keep their cursors, new ones start where asked', async () => {
  const server = channelServer();
  server.publish('a', 3);
  server.publish('b', 2);
  server.publish('c', 5);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const record = recorder();
  const watch = client.watch({ a: 0, b: 0 }, { ...record, keep: 50 });
  await clock.advance(0);
  watch.update({ a: 0, c: 4 });
  await clock.advance(0);
  assert.deepEqual(calls.map(channelsOf), ['a:0,b:0', 'a:3,c:4'], 'polled at once, a kept its cursor');
  assert.deepEqual(watch.getSnapshot().cursors, { a: 3, c: 5 });
  server.publish('a', 1);
  server.publish('b', 1);
  await clock.advance(2000);
  watch.update({ a: 0, b: 0 });
  await clock.advance(0);
  assert.equal(channelsOf(calls.at(-1)), 'a:4,b:2', 'b comes back where it left');
  assert.deepEqual(
    record.batches,
    [
      { channel: 'a', seqs: [1, 2, 3] },
      { channel: 'b', seqs: [1, 2] },
      { channel: 'c', seqs: [5] },
      { channel: 'a', seqs: [4] },
      { channel: 'b', seqs: [3] },
    ],
  );
  assert.equal(watch.getSnapshot().delivered, 8);
  watch();
});

test('an answer for the old set, arriving after update, delivers only to the channels that stay', async () => {
  const server = channelServer();
  server.publish('a', 1);
  server.publish('b', 1);
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const { client, clock, calls } = unitClient(async (call, n) => {
    if (n === 1) await gate;
    return server.respond(call);
  });
  const record = recorder();
  const watch = client.watch({ a: 0, b: 0 }, record);
  await clock.advance(0);
  watch.update({ a: 0 });
  release();
  await clock.advance(0);
  assert.deepEqual(record.batches, [{ channel: 'a', seqs: [1] }]);
  assert.deepEqual(calls.map(channelsOf), ['a:0,b:0', 'a:1']);
  watch();
});
