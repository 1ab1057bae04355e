import assert from 'node:assert/strict';
import { test } from 'node:test';

import { channelServer, sinces } from '../helpers/channel-server.mjs';
import { problem } from '../helpers/fake-fetch.mjs';
import { unitClient } from '../helpers/unit-client.mjs';

test('for await yields every event once, in order; break stops polling', async () => {
  const server = channelServer();
  server.publish('orders', 3);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const seen = [];
  const consumer = (async () => {
    for await (const event of client.events('orders')) {
      seen.push(event.seq);
      if (event.seq === 5) break;
    }
  })();
  await clock.advance(0);
  server.publish('orders', 2);
  await clock.advance(2000);
  await consumer;
  assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  const polls = calls.length;
  await clock.advance(60_000);
  assert.equal(calls.length, polls, 'no poll after break');
});

test('back-pressure: the loop waits for a slow consumer; the cursor moves once the buffer has room', async () => {
  const server = channelServer();
  server.publish('orders', 10);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const stream = client.events('orders', { limit: 4, highWaterMark: 4 });
  await clock.advance(10_000);
  assert.deepEqual(sinces(calls), ['0'], 'one full page buffered: no further request until it is consumed');
  assert.equal(stream.getSnapshot().cursor, 0, 'not consumed yet: a persisted cursor would not skip them');
  const first = await stream.next();
  assert.equal(first.value.seq, 1);
  await clock.advance(0);
  assert.deepEqual(sinces(calls), ['0', '4']);
  const rest = [];
  for (let i = 0; i < 9; i += 1) {
    const next = stream.next();
    await clock.advance(0);
    rest.push((await next).value.seq);
  }
  assert.deepEqual(rest, [2, 3, 4, 5, 6, 7, 8, 9, 10]);
  await stream.return();
});

test('a signal ends the iteration; an error that stops the feed is thrown from it', async () => {
  const server = channelServer();
  const { client, clock } = unitClient((call) => server.respond(call));
  const controller = new AbortController();
  const stream = client.events('orders', { signal: controller.signal });
  const next = stream.next();
  await clock.advance(0);
  controller.abort();
  assert.deepEqual(await next, { value: undefined, done: true });

  const refused = unitClient(() => problem(401, 'unauthorized'));
  const failing = refused.client.events('orders');
  const attempt = assert.rejects(failing.next(), { name: 'UnauthorizedError' });
  await refused.clock.advance(0);
  await attempt;
});
