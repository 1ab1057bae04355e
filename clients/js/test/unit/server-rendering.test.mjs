// The adapters without a browser: server-side rendering of both (no polling, the idle snapshot), and Vue's
// composables in an effect scope (mount to unmount, reactive arguments).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createSSRApp, h } from 'vue';
import { renderToString as renderVueToString } from 'vue/server-renderer';

import { useChannel as useReactChannel, usePoll as useReactPoll } from '../../dist/react.js';
import { useChannel as useVueChannel, usePoll as useVuePoll } from '../../dist/vue.js';
import { channelServer } from '../helpers/channel-server.mjs';
import { unitClient } from '../helpers/unit-client.mjs';

test('React on the server: the hooks render the idle snapshot and start no polling', async () => {
  const server = channelServer();
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  function Feed() {
    const feed = useReactChannel(client, 'orders', { since: 0 });
    const stats = useReactPoll(client, '/v1/channels/orders/stats');
    return createElement('p', null, `${feed.status} ${String(feed.cursor)} ${feed.events.length} ${stats.status}`);
  }
  const html = renderToString(createElement(Feed));
  assert.equal(html, '<p>idle 0 0 idle</p>');
  await clock.advance(10_000);
  assert.equal(calls.length, 0);
  assert.deepEqual(clock.pendingDelays(), []);
});

test('Vue on the server: the composables render the idle snapshot and start no polling', async () => {
  const server = channelServer();
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const app = createSSRApp({
    setup() {
      const feed = useVueChannel(client, 'orders');
      const { state } = useVuePoll(client, '/v1/channels/orders/stats');
      return () => h('p', `${feed.value.status} ${String(feed.value.cursor)} ${state.value.status}`);
    },
  });
  assert.equal(await renderVueToString(app), '<p>idle 0 idle</p>');
  await clock.advance(10_000);
  assert.equal(calls.length, 0);
});

test('Vue in the client: a composable polls from mount to unmount, and swaps channels keeping what stays', async () => {
  const server = channelServer();
  server.publish('a', 2);
  server.publish('b', 1);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const { effectScope, ref } = await import('vue');
  const scope = effectScope();
  const channel = ref('a');
  const feed = scope.run(() => useVueChannel(client, channel));
  await clock.advance(0);
  assert.equal(feed.value.status, 'live');
  assert.deepEqual(feed.value.events.map((event) => event.seq), [1, 2]);
  channel.value = 'b';
  await clock.advance(0);
  assert.equal(feed.value.channel, 'b');
  assert.deepEqual(feed.value.events.map((event) => event.seq), [1]);
  scope.stop();
  await clock.advance(0);
  const polls = calls.length;
  await clock.advance(60_000);
  assert.equal(calls.length, polls, 'no polling after the scope ended');
});

test('Vue useChannels: a reactive channel set, one request per tick, cursors of channels that stay kept', async () => {
  const server = channelServer();
  server.publish('a', 2);
  server.publish('b', 1);
  server.publish('c', 3);
  const { client, clock, calls } = unitClient((call) => server.respond(call));
  const { effectScope, ref } = await import('vue');
  const { useChannels } = await import('../../dist/vue.js');
  const scope = effectScope();
  const channels = ref({ a: 0, b: 0 });
  const feed = scope.run(() => useChannels(client, channels));
  await clock.advance(0);
  assert.deepEqual(feed.value.cursors, { a: 2, b: 1 });
  channels.value = { a: 0, c: 1 };
  await clock.advance(0);
  assert.deepEqual(feed.value.cursors, { a: 2, c: 3 });
  assert.equal(new URL(calls.at(-1).url).searchParams.get('channels'), 'a:2,c:1');
  assert.deepEqual(feed.value.events.map((event) => `${event.channel}:${event.seq}`), ['a:1', 'a:2', 'b:1', 'c:2', 'c:3']);
  scope.stop();
});
