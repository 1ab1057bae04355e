/**
 * Exactly once across a crash: the server is killed (SIGKILL) while a writer publishes and a reader follows,
 * then started again on the same port and database. The writer's retries reuse each publish's Idempotency-Key
 * and the reader resumes from its cursor, so the reader sees every seq once, in order, and every published
 * value once.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { createClient } from '../../dist/index.js';
import { ADMIN_KEY, PollfeedServer, eventually, uniqueChannel } from '../helpers/server.mjs';

let server;

after(async () => {
  await server?.stop('SIGTERM');
});

test('exactly once, in order, across a server crash and restart mid-stream', async (t) => {
  server = await PollfeedServer.start({ name: 'restart' });
  const channel = uniqueChannel('restart');
  const total = 120;
  const killAfter = 40;
  const fastRetries = { backoff: { baseMs: 100, maxMs: 500 }, timeoutMs: 5000 };

  const reader = createClient({ baseUrl: server.url, ...fastRetries });
  const seqs = [];
  const values = [];
  const readerErrors = [];
  const unsubscribe = reader.subscribe(channel, {
    limit: 25,
    onEvents: (events) => {
      for (const event of events) {
        seqs.push(event.seq);
        values.push(event.data.n);
      }
    },
    onError: (error) => readerErrors.push(error),
  });

  const writer = createClient({ baseUrl: server.url, token: ADMIN_KEY, ...fastRetries });
  let published = 0;
  let replays = 0;
  const writing = (async () => {
    for (let n = 1; n <= total; n += 1) {
      const result = await writer.publish(channel, { type: 'tick', data: { n } }, { retries: 200 });
      if (result.replayed) replays += 1;
      published = n;
    }
  })();
  try {
    // Crash while the writer keeps publishing (a publish is usually in flight) and the reader keeps polling.
    await eventually(() => published >= killAfter, { message: `${killAfter} events published` });
    await server.stop('SIGKILL');
    const publishedAtCrash = published;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.start();
    await writing;
    assert.ok(publishedAtCrash < total, 'the crash happened mid-stream');

    await eventually(() => values.length >= total, { message: `${total} events`, timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // anything extra would arrive within a poll
    assert.deepEqual(seqs, Array.from({ length: total }, (_, i) => i + 1), 'every seq once, in order');
    assert.deepEqual(values, Array.from({ length: total }, (_, i) => i + 1), 'every published value once');
    assert.ok(readerErrors.some((error) => error.name === 'NetworkError'), 'the reader saw the server go away');
    t.diagnostic(
      `crash after ${publishedAtCrash} of ${total} publishes; ${replays} replayed; reader errors: ${readerErrors.length}`,
    );
    assert.ok(replays <= 1, `at most the one publish cut off by the crash is replayed (${replays})`);
  } finally {
    unsubscribe();
  }
});
