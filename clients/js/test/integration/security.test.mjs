/**
 * The client against the real server's authorization (production profile): publishing needs credentials (the
 * admin key here), a private channel is read with an HS256 token signed by "the app's backend" (this test, with
 * node:crypto), a public one anonymously; 401 and 403 stop a subscription at once, and the caching headers say who
 * may keep an answer (`public`, or `private` with `Vary: Authorization`).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';

import { ForbiddenError, UnauthorizedError, createClient } from '../../dist/index.js';
import { ADMIN_KEY, JWT_SECRET, PollfeedServer, eventually, uniqueChannel } from '../helpers/server.mjs';

let server;

before(async () => {
  // `news-*` is public for reading; everything else is private. Nobody publishes without credentials.
  server = await PollfeedServer.start({ name: 'security', publicRead: 'news-*' });
});

after(async () => {
  await server?.stop('SIGTERM');
});

/** An HS256 JWT as a deployer's backend would sign it for a browser: `exp` is required, at most 24 h ahead. */
function signToken(claims) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

function tokenFor(read) {
  return signToken({ sub: 'u42', exp: Math.floor(Date.now() / 1000) + 300, pollfeed: { read } });
}

/** A fetch that keeps each answer's status and caching headers. */
function recordingFetch() {
  const answers = [];
  const fetchFn = async (input, init) => {
    const response = await fetch(input, init);
    answers.push({
      method: init.method,
      status: response.status,
      cacheControl: response.headers.get('Cache-Control'),
      vary: response.headers.get('Vary'),
    });
    return response;
  };
  return { fetch: fetchFn, answers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500)); // longer than one Poll-Interval

test('publishing with the admin key stores events; without credentials it is refused with 401, at once', async () => {
  const channel = uniqueChannel('user.42.inbox');
  const admin = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  const stored = await admin.publish(channel, [{ type: 'note', data: 1 }, { data: 2 }]);
  assert.deepEqual(stored.events.map((event) => event.seq), [1, 2]);

  const recorder = recordingFetch();
  const anonymous = createClient({ baseUrl: server.url, fetch: recorder.fetch });
  const refused = await anonymous.publish(channel, { data: 3 }).catch((error) => error);
  assert.ok(refused instanceof UnauthorizedError, `got ${refused}`);
  assert.equal(refused.status, 401);
  assert.equal(refused.problem.type, 'urn:pollfeed:problem:unauthorized');
  assert.equal(recorder.answers.length, 1, 'not retried');

  const wrongKey = createClient({ baseUrl: server.url, token: `${ADMIN_KEY}x` });
  const invalid = await wrongKey.publish(channel, { data: 3 }).catch((error) => error);
  assert.ok(invalid instanceof UnauthorizedError);
  assert.equal(invalid.problem.type, 'urn:pollfeed:problem:invalid-credentials');

  const reader = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  const seqs = [];
  const unsubscribe = reader.subscribe(channel, { onEvents: (events) => seqs.push(...events.map((event) => event.seq)) });
  try {
    await eventually(() => seqs.length === 2, { message: 'the two stored events, and nothing else' });
    await settle();
    assert.deepEqual(seqs, [1, 2]);
  } finally {
    unsubscribe();
  }
});

test('a private channel is read with an HS256 token; its answers are private, with Vary: Authorization', async () => {
  const channel = uniqueChannel('user.42.inbox');
  const admin = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  await admin.publish(channel, { type: 'message', data: { text: 'for user 42 only' } });

  let tokensIssued = 0;
  const recorder = recordingFetch();
  const reader = createClient({
    baseUrl: server.url,
    fetch: recorder.fetch,
    // As an app would: ask its backend for a short-lived token before each request.
    token: async () => {
      tokensIssued += 1;
      return tokenFor(['user.42.*']);
    },
  });
  const received = [];
  const errors = [];
  const unsubscribe = reader.subscribe(channel, {
    onEvents: (events) => received.push(...events),
    onError: (error) => errors.push(error),
  });
  try {
    await eventually(() => received.length === 1, { message: 'the private event' });
    await admin.publish(channel, { data: 'second' });
    await eventually(() => received.length === 2, { message: 'the next one' });
    await eventually(() => recorder.answers.some((answer) => answer.status === 304), { message: 'a 304' });
    assert.deepEqual(received[0].data, { text: 'for user 42 only' });
    assert.deepEqual(errors, []);
    assert.equal(tokensIssued, recorder.answers.length, 'a token per request');
    for (const answer of recorder.answers) {
      assert.match(answer.cacheControl, /^private, max-age=\d+/, `${answer.status}: ${answer.cacheControl}`);
      assert.match(answer.vary ?? '', /\bAuthorization\b/i);
    }
  } finally {
    unsubscribe();
  }
});

test('a private channel without a token stops with UnauthorizedError; a token for other channels with ForbiddenError', async () => {
  const channel = uniqueChannel('user.42.inbox');
  const cases = [
    { token: undefined, expected: UnauthorizedError, type: 'urn:pollfeed:problem:unauthorized' },
    { token: tokenFor(['user.43.*']), expected: ForbiddenError, type: 'urn:pollfeed:problem:forbidden' },
  ];
  for (const { token, expected, type } of cases) {
    const recorder = recordingFetch();
    const reader = createClient({ baseUrl: server.url, fetch: recorder.fetch, ...(token ? { token } : {}) });
    const errors = [];
    const unsubscribe = reader.subscribe(channel, {
      onEvents: () => assert.fail('nothing may be delivered'),
      onError: (error, info) => errors.push({ error, info }),
    });
    try {
      await eventually(() => errors.length === 1, { message: `${expected.name}` });
      await settle();
      assert.equal(errors.length, 1);
      assert.ok(errors[0].error instanceof expected, `got ${errors[0].error}`);
      assert.equal(errors[0].error.problem.type, type);
      assert.deepEqual(errors[0].info, { willRetry: false, attempt: 1 });
      assert.equal(recorder.answers.length, 1, 'polling stopped: no retries');
    } finally {
      unsubscribe();
    }
  }
});

test('a public channel is read anonymously; its answers stay Cache-Control: public', async () => {
  const channel = uniqueChannel('news');
  const admin = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  await admin.publish(channel, { type: 'headline', data: 'public news' });
  const recorder = recordingFetch();
  const reader = createClient({ baseUrl: server.url, fetch: recorder.fetch });
  const received = [];
  const unsubscribe = reader.subscribe(channel, { onEvents: (events) => received.push(...events) });
  try {
    await eventually(() => received.length === 1, { message: 'the public event' });
    await eventually(() => recorder.answers.some((answer) => answer.status === 304), { message: 'a 304' });
    for (const answer of recorder.answers) {
      assert.match(answer.cacheControl, /^public, max-age=\d+/, `${answer.status}: ${answer.cacheControl}`);
      assert.doesNotMatch(answer.vary ?? '', /Authorization/i);
    }
  } finally {
    unsubscribe();
  }
});
