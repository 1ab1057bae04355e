/**
 * The client against the real server (POLLFEED_SERVER_JAR) and PostgreSQL (QUARKUS_DATASOURCE_*), with
 * Poll-Interval 1 s: publish from one client and receive in another, the 304 path, a 1,000-event backlog,
 * many channels with watch, and a 410 after retention. Readers are anonymous (the server lets anyone read every
 * channel, as for public feeds); writers publish with the admin key. security.test.mjs covers private channels.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { createClient } from '../../dist/index.js';
import { ADMIN_KEY, PollfeedServer, countingFetch, eventually, uniqueChannel } from '../helpers/server.mjs';
import { pruneChannel, psqlAvailable } from '../helpers/database.mjs';

let server;

before(async () => {
  server = await PollfeedServer.start({ name: 'integration' });
});

after(async () => {
  await server?.stop('SIGTERM');
});

test('an event published by one client reaches a subscriber in another, once, with its data', async () => {
  const channel = uniqueChannel('orders');
  const reader = createClient({ baseUrl: server.url });
  const writer = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  const received = [];
  const errors = [];
  const unsubscribe = reader.subscribe(channel, {
    onEvents: (events) => received.push(...events),
    onError: (error) => errors.push(error),
  });
  try {
    const published = await writer.publish(channel, { type: 'order.created', data: { id: 42, total: 129.9 } });
    assert.equal(published.replayed, false);
    assert.deepEqual(published.events.map((event) => event.seq), [1]);

    await eventually(() => received.length === 1, { message: 'the event arrives' });
    assert.equal(received[0].seq, 1);
    assert.equal(received[0].type, 'order.created');
    assert.deepEqual(received[0].data, { id: 42, total: 129.9 });
    assert.match(received[0].time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    await writer.publish(channel, [{ data: 'a' }, { data: 'b' }]);
    await eventually(() => received.length === 3, { message: 'the batch arrives' });
    assert.deepEqual(received.map((event) => event.seq), [1, 2, 3]);
    assert.deepEqual(errors, []);
  } finally {
    unsubscribe();
  }
});

test('a repeated Idempotency-Key is replayed by the server, not stored twice', async () => {
  const channel = uniqueChannel('idem');
  const writer = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  const first = await writer.publish(channel, { data: { n: 1 } }, { idempotencyKey: 'same-key' });
  const again = await writer.publish(channel, { data: { n: 1 } }, { idempotencyKey: 'same-key' });
  assert.equal(first.replayed, false);
  assert.equal(again.replayed, true);
  assert.deepEqual(again.events, first.events);
  const error = await writer.publish(channel, { data: { n: 2 } }, { idempotencyKey: 'same-key' }).catch((e) => e);
  assert.equal(error.status, 422);
  assert.equal(error.problem.type, 'urn:pollfeed:problem:idempotency-key-reused');
});

test('an idle subscription is answered 304 Not Modified, and sends If-None-Match', async () => {
  const channel = uniqueChannel('idle');
  const counter = countingFetch();
  const sentTags = [];
  const reader = createClient({
    baseUrl: server.url,
    fetch: (input, init) => {
      sentTags.push(new Headers(init.headers).get('If-None-Match'));
      return counter.fetch(input, init);
    },
  });
  const unsubscribe = reader.subscribe(channel, { onEvents() {}, since: 'now' });
  try {
    await eventually(() => (counter.counts.byStatus.get(304) ?? 0) >= 2, { message: 'two 304s', timeoutMs: 20_000 });
    assert.ok(sentTags.some((tag) => tag !== null && /^".+"$/.test(tag)));
    assert.ok(counter.counts.requests >= 3);
  } finally {
    unsubscribe();
  }
  const counted = counter.counts.requests;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(counter.counts.requests, counted, 'nothing polled after unsubscribe');
});

test('a 1,000-event backlog (10 batches of 100) is delivered exactly once, in order, without Poll-Interval waits', async () => {
  const channel = uniqueChannel('backlog');
  const writer = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  for (let batch = 0; batch < 10; batch += 1) {
    const events = Array.from({ length: 100 }, (_, i) => ({ type: 'backlog', data: { n: batch * 100 + i + 1 } }));
    const result = await writer.publish(channel, events);
    assert.equal(result.events.length, 100);
  }

  const counter = countingFetch();
  const reader = createClient({ baseUrl: server.url, fetch: counter.fetch });
  const seqs = [];
  const numbers = [];
  const pages = [];
  const started = Date.now();
  let finished;
  const unsubscribe = reader.subscribe(channel, {
    limit: 100,
    onEvents: (events) => {
      pages.push(events.length);
      for (const event of events) {
        seqs.push(event.seq);
        numbers.push(event.data.n);
      }
      if (seqs.length === 1000) finished = Date.now();
    },
  });
  try {
    await eventually(() => seqs.length >= 1000, { message: '1,000 events', timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1200)); // one more Poll-Interval: nothing else may come
    assert.equal(seqs.length, 1000);
    assert.deepEqual(seqs, Array.from({ length: 1000 }, (_, i) => i + 1));
    assert.deepEqual(numbers, seqs, 'each event carries the data it was published with');
    assert.deepEqual(pages, Array(10).fill(100), 'ten full pages of 100');
    assert.ok(finished - started < 1000, `paged through without waiting Poll-Interval (${finished - started} ms)`);
  } finally {
    unsubscribe();
  }
});

test('watch follows several channels with one request per tick', async () => {
  const a = uniqueChannel('watch-a');
  const b = uniqueChannel('watch-b');
  const writer = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  await writer.publish(a, { data: 'before' });
  const counter = countingFetch();
  const reader = createClient({ baseUrl: server.url, fetch: counter.fetch });
  const received = [];
  const unsubscribe = reader.watch({ [a]: 0, [b]: 'now' }, {
    onEvents: (events, channel) => received.push(...events.map((event) => `${channel === a ? 'a' : 'b'}${event.seq}`)),
  });
  try {
    await eventually(() => received.length === 1, { message: 'the backlog of a' });
    await writer.publish(b, [{ data: 1 }, { data: 2 }]);
    await writer.publish(a, { data: 'after' });
    await eventually(() => received.length === 4, { message: 'new events of a and b' });
    assert.deepEqual(received.filter((id) => id.startsWith('a')), ['a1', 'a2']);
    assert.deepEqual(received.filter((id) => id.startsWith('b')), ['b1', 'b2']);
  } finally {
    unsubscribe();
  }
});

test('a cursor behind retention gets 410; onReset(oldest) resumes from what it returns', { skip: !psqlAvailable() && 'psql not found' }, async () => {
  const channel = uniqueChannel('retained');
  const writer = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  await writer.publish(channel, Array.from({ length: 20 }, (_, i) => ({ data: i + 1 })));
  pruneChannel(channel, 11); // as retention would: seqs 1..10 are gone, oldest = 11

  const reader = createClient({ baseUrl: server.url });
  const resets = [];
  const seqs = [];
  const unsubscribe = reader.subscribe(channel, {
    since: 2,
    onEvents: (events) => seqs.push(...events.map((event) => event.seq)),
    onReset: (oldest, name) => {
      resets.push([oldest, name]);
      return oldest - 1;
    },
  });
  try {
    await eventually(() => seqs.length === 10, { message: 'the retained events' });
    assert.deepEqual(resets, [[11, channel]]);
    assert.deepEqual(seqs, Array.from({ length: 10 }, (_, i) => i + 11));
  } finally {
    unsubscribe();
  }
});
