import assert from 'node:assert/strict';
import { test } from 'node:test';

import { channelServer } from '../helpers/channel-server.mjs';
import { recorder, unitClient } from '../helpers/unit-client.mjs';

test('parse types and validates data; a refused event stops the subscription right before it', async () => {
  const server = channelServer();
  server.publish('orders', 4);
  const { client, clock } = unitClient((call) => server.respond(call));
  const record = recorder();
  const data = [];
  const subscription = client.subscribe('orders', {
    ...record,
    onEvents(events, channel) {
      record.onEvents(events, channel);
      data.push(...events.map((event) => event.data));
    },
    parse(raw, event) {
      if (event.seq === 3) throw new TypeError('n must be even');
      return { n: raw.n, doubled: raw.n * 2 };
    },
  });
  await clock.advance(0);
  assert.deepEqual(record.seqs, [1, 2]);
  assert.deepEqual(data, [{ n: 1, doubled: 2 }, { n: 2, doubled: 4 }]);
  const snapshot = subscription.getSnapshot();
  assert.equal(snapshot.status, 'failed');
  assert.equal(snapshot.cursor, 2);
  assert.equal(snapshot.lastError.name, 'EventParseError');
  assert.equal(snapshot.lastError.seq, 3);
  assert.match(snapshot.lastError.message, /n must be even/);
  assert.equal(record.errors[0].info.willRetry, false);
});
