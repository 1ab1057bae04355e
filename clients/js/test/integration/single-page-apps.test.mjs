/**
 * What the React and Vue adapters stand on, against the real server jar with Poll-Interval 1 s: subscribers of one
 * channel share one poll loop (a late one starting at 0 gets its backlog, the others nothing twice); a lazy store
 * polls only while observed; `watch.update` swaps channels keeping cursors; `events()` iterates with a signal; the
 * generic poller reads channel stats with If-None-Match and gets 304 while nothing changes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createClient } from '../../dist/index.js';
import { ADMIN_KEY, PollfeedServer, countingFetch, eventually, uniqueChannel } from '../helpers/server.mjs';

let server;
let writer;

before(async () => {
  server = await PollfeedServer.start({ name: 'spa' });
  writer = createClient({ baseUrl: server.url, token: ADMIN_KEY });
});

after(async () => {
  await server?.stop('SIGTERM');
});

const publish = (channel, count) =>
  writer.publish(channel, Array.from({ length: count }, (_, i) => ({ data: { i } })));

test('three subscribers of one channel, one loop: each gets every event once from where it asked', async () => {
  const channel = uniqueChannel('shared');
  const { fetch, counts } = countingFetch();
  const reader = createClient({ baseUrl: server.url, fetch });
  const seen = { first: [], second: [], late: [] };
  const follow = (name, since) =>
    reader.subscribe(channel, { since, onEvents: (events) => seen[name].push(...events.map((event) => event.seq)) });
  await publish(channel, 3);
  const subscriptions = [follow('first', 0), follow('second', 'now')];
  try {
    await eventually(() => seen.first.length === 3, { message: 'first has the backlog' });
    await publish(channel, 2);
    await eventually(() => seen.second.length === 2, { message: 'second has the new events' });
    subscriptions.push(follow('late', 1));
    await eventually(() => seen.late.length === 4, { message: 'late has its backlog' });
    await publish(channel, 1);
    await eventually(() => seen.first.length === 6 && seen.second.length === 3 && seen.late.length === 5);
    assert.deepEqual(seen.first, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(seen.second, [4, 5, 6]);
    assert.deepEqual(seen.late, [2, 3, 4, 5, 6]);
    const requests = counts.requests;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.ok(counts.requests - requests <= 4, `${counts.requests - requests} polls in 3 s for three subscribers`);
    assert.ok(subscriptions.every((subscription) => subscription.getSnapshot().status === 'live'));
    assert.deepEqual(subscriptions.map((subscription) => subscription.getSnapshot().cursor), [6, 6, 6]);
  } finally {
    subscriptions.forEach((stop) => stop());
  }
});

test('a lazy store polls while observed only, and resumes from its cursor', async () => {
  const channel = uniqueChannel('lazy');
  const { fetch, counts } = countingFetch();
  const reader = createClient({ baseUrl: server.url, fetch });
  const store = reader.channel(channel, { keep: 10 });
  await publish(channel, 2);
  await new Promise((resolve) => setTimeout(resolve, 1200));
  assert.equal(counts.requests, 0);
  let unlisten = store.subscribe(() => {});
  await eventually(() => store.getSnapshot().cursor === 2);
  unlisten();
  await publish(channel, 1);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const whileAway = counts.requests;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(counts.requests, whileAway, 'unobserved: not polled');
  unlisten = store.subscribe(() => {});
  await eventually(() => store.getSnapshot().cursor === 3);
  assert.deepEqual(store.getSnapshot().events.map((event) => event.seq), [1, 2, 3]);
  unlisten();
});

test('watch.update swaps channels on the real server; cursors of channels that stay are kept', async () => {
  const [a, b, c] = ['a', 'b', 'c'].map((name) => uniqueChannel(`swap-${name}`));
  const reader = createClient({ baseUrl: server.url });
  const seen = [];
  const watch = reader.watch({ [a]: 0, [b]: 0 }, { onEvents: (events, channel) => seen.push(...events.map((e) => `${channel}:${e.seq}`)) });
  try {
    await Promise.all([publish(a, 2), publish(b, 1), publish(c, 1)]);
    await eventually(() => seen.length === 3);
    watch.update({ [a]: 0, [c]: 0 });
    await publish(a, 1);
    await eventually(() => seen.length === 5, { message: 'a:3 and c:1' });
    assert.deepEqual(seen.slice(3).sort(), [`${a}:3`, `${c}:1`]);
    assert.deepEqual(watch.getSnapshot().cursors, { [a]: 3, [c]: 1 });
  } finally {
    watch();
  }
});

test('for await over events(), ended by a signal', async () => {
  const channel = uniqueChannel('iterate');
  const reader = createClient({ baseUrl: server.url });
  const controller = new AbortController();
  await publish(channel, 3);
  const seen = [];
  for await (const event of reader.events(channel, { signal: controller.signal })) {
    seen.push(event.seq);
    if (seen.length === 3) setTimeout(() => publish(channel, 1), 100);
    if (seen.length === 4) controller.abort();
  }
  assert.deepEqual(seen, [1, 2, 3, 4]);
});

test('the generic poller reads channel stats conditionally: 304 while unchanged, new data after a publish', async () => {
  const channel = uniqueChannel('stats');
  await publish(channel, 2);
  const reader = createClient({ baseUrl: server.url });
  const stats = reader.poll(`/v1/channels/${channel}/stats`);
  try {
    await eventually(() => stats.getSnapshot().data?.count === 2, { message: 'the stats arrive' });
    await eventually(() => stats.getSnapshot().notModified >= 1, { message: 'a 304' });
    const unchanged = stats.getSnapshot().data;
    assert.equal(stats.getSnapshot().status, 'live');
    assert.ok(stats.getSnapshot().pollIntervalMs > 0);
    await publish(channel, 1);
    await eventually(() => stats.getSnapshot().data?.count === 3, { message: 'the stats change' });
    assert.notEqual(stats.getSnapshot().data, unchanged);
    assert.equal(stats.getSnapshot().data.head, 3);
  } finally {
    stats.stop();
  }
});
