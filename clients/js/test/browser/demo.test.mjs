/**
 * The demo page at `/` in real headless Chromium against the real server: an event published through the API
 * appears on the page; hiding the page pauses polling (no requests, on the page's counter and on the wire) and
 * showing it polls at once; the page's own publish form works; the Activity panel charts the current minute's events
 * (stats/series) and shows the channel's rates (stats), polled with If-None-Match and paused with the page; no
 * console errors; a publish the server refuses (401: the page sends no credentials) is explained. Screenshots:
 * clients/js/test-results/demo.png (the whole page), demo-paused.png (the controls while hidden) and
 * demo-refused.png (the publish form after a 401).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { createClient } from '../../dist/index.js';
import { launchChromium, visibilityControl } from '../helpers/browser.mjs';
import { ADMIN_KEY, PollfeedServer, uniqueChannel } from '../helpers/server.mjs';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');
const POLL_INTERVAL_MS = 1000;

let server;
let browser;
let page;
const pageErrors = [];
const polls = [];
const channel = uniqueChannel('browser');

before(async () => {
  // As a public demo would be deployed: anyone may read, and the page (which sends no credentials) may publish to
  // the demo's channels only.
  const demoServer = PollfeedServer.start({ name: 'browser', publicRead: '*', publicPublish: 'demo,browser-*' });
  [server, browser] = await Promise.all([demoServer, launchChromium()]);
  await browser.context.addInitScript(visibilityControl);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => {
    if (request.method() === 'GET' && new URL(request.url()).pathname.startsWith('/v1/')) polls.push(Date.now());
  });
});

after(async () => {
  await browser?.close();
  await server?.stop('SIGTERM');
});

const counter = async (id) => Number(await page.locator(`#${id}`).textContent());

test('the page loads, labels its controls and starts polling', async () => {
  await page.goto(`${server.url}/?channel=${channel}`);
  assert.equal(await page.title(), 'pollfeed · live demo');
  await page.locator('#status[data-state="live"]').waitFor({ timeout: 5000 });
  assert.equal(await page.getByLabel('Channel', { exact: true }).inputValue(), channel);
  assert.equal(await page.getByLabel('Start from', { exact: true }).inputValue(), 'now');
  assert.equal(await page.locator('#events').getAttribute('aria-live'), 'polite');
  assert.ok((await counter('count-requests')) >= 1);
});

test('an event published through the API appears on the page within a few seconds', async () => {
  const api = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  const published = await api.publish(channel, { type: 'browser.test', data: { text: 'Hello from the browser test' } });
  const started = Date.now();
  const item = page.locator(`#events li[data-seq="${published.events[0].seq}"]`);
  await item.waitFor({ timeout: 5000 });
  const latency = Date.now() - started;
  assert.match(await item.textContent(), /browser\.test[\s\S]*Hello from the browser test/);
  assert.equal(await counter('count-events'), 1);
  assert.ok(latency < 5000, `arrived after ${latency} ms`);
});

test('idle polls are answered 304, counted on the page', async () => {
  await page.waitForFunction(() => Number(document.getElementById('count-not-modified').textContent) >= 1, null, {
    timeout: 5000,
  });
  // The Activity panel's stats polls, too: the rates only change once a minute.
  await page.waitForFunction(() => Number(document.getElementById('activity-not-modified').textContent) >= 1, null, {
    timeout: 5000,
  });
});

test('hiding the page pauses polling; showing it polls at once', async () => {
  await page.evaluate(() => window.__pollfeedSetHidden(true));
  await page.locator('#status[data-state="paused"]').waitFor({ timeout: 1000 });
  mkdirSync(RESULTS, { recursive: true });
  await page.locator('.controls').screenshot({ path: join(RESULTS, 'demo-paused.png') });
  // A poll already in flight may still finish; from then on, nothing.
  await page.waitForTimeout(POLL_INTERVAL_MS + 300);
  const requestsWhenPaused = await counter('count-requests');
  const statsWhenPaused = await counter('activity-requests');
  const wireWhenPaused = polls.length;
  await page.waitForTimeout(3 * POLL_INTERVAL_MS);
  assert.equal(await counter('count-requests'), requestsWhenPaused, 'the request counter stopped');
  assert.equal(await counter('activity-requests'), statsWhenPaused, 'the stats request counter stopped');
  assert.match(await page.locator('#activity-status').textContent(), /Paused/);
  assert.equal(polls.length, wireWhenPaused, 'no poll went over the wire while hidden');

  const shownAt = Date.now();
  await page.evaluate(() => window.__pollfeedSetHidden(false));
  await page.waitForFunction(
    (before) => Number(document.getElementById('count-requests').textContent) > before,
    requestsWhenPaused,
    { timeout: 2000 },
  );
  assert.ok(polls.length > wireWhenPaused, 'polling resumed over the wire');
  assert.ok(polls[wireWhenPaused] - shownAt < POLL_INTERVAL_MS / 2, 'polled at once, not after a Poll-Interval');
  await page.locator('#status[data-state="live"]').waitFor({ timeout: 2000 });
  await page.waitForFunction(
    (before) => Number(document.getElementById('activity-requests').textContent) > before,
    statsWhenPaused,
    { timeout: 2000 },
  );
});

test("the page's publish form stores an event and it arrives in the list", async () => {
  await page.getByLabel('Type', { exact: true }).fill('demo.form');
  await page.getByLabel('Data', { exact: true }).fill('{"from": "the form"}');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.locator('#publish-result[data-kind="ok"]').waitFor({ timeout: 5000 });
  assert.match(await page.locator('#publish-result').textContent(), /Stored as seq 2/);
  await page.locator('#events li[data-seq="2"]').waitFor({ timeout: 5000 });
  assert.match(await page.locator('#events li[data-seq="2"]').textContent(), /demo\.form[\s\S]*the form/);
  assert.equal(await counter('count-events'), 2);
});

test('the Activity panel charts the current minute within a few seconds and shows the rates', async () => {
  const api = createClient({ baseUrl: server.url, token: ADMIN_KEY });
  const published = await api.publish(channel, [
    { type: 'order.created', data: { id: 1 } },
    { type: 'order.created', data: { id: 2 } },
    { type: 'order.paid', data: { id: 1 } },
  ]);
  const minute = Math.floor(Date.parse(published.events[0].time) / 60_000) * 60_000;
  const handle = await page.waitForFunction(
    (minute) => {
      const bar = [...document.querySelectorAll('#activity-chart .bar')].find((g) => Date.parse(g.dataset.t) === minute);
      if (!bar || Number(bar.dataset.count) < 3) return false;
      const stacks = [...bar.querySelectorAll('rect:not(.hit)')].map((rect) => rect.getBBox().height);
      return { count: Number(bar.dataset.count), current: bar.dataset.current === 'true', stacks };
    },
    minute,
    { timeout: 5000 },
  );
  const bar = await handle.jsonValue();
  assert.equal(await page.locator('#activity-chart .bar').count(), 30, 'thirty minutes, empty ones included');
  if (Math.floor(Date.now() / 60_000) * 60_000 === minute) {
    assert.ok(bar.current, 'the bar of the minute just published in is the current one, at the right');
  }
  assert.ok(bar.stacks.reduce((sum, height) => sum + height, 0) > 0, 'the bar has a height');
  assert.ok(bar.stacks.filter((height) => height > 0).length >= 2, 'stacked by type');
  assert.match(await page.locator('#activity-legend').textContent(), /order\.created[\s\S]*order\.paid/);

  // The text alternatives: the chart's caption and the visually hidden table say the same.
  assert.equal(await page.locator('#activity-chart').getAttribute('role'), 'img');
  assert.match(await page.locator('#activity-caption').textContent(), /^\d+ events in \S+ in the last 30 minutes/);
  const rows = await page.locator('#activity-table tbody tr').allTextContents();
  assert.equal(rows.length, 30);
  assert.ok(rows.some((row) => /order\.created 2/.test(row)), 'the table lists the minute by type');

  for (const window of ['1m', '5m', '1h']) {
    assert.match(await page.locator(`#rate-${window}`).textContent(), /^\d+(\.\d+)?\/min$/, `rate ${window}`);
  }
  assert.match(await page.locator('.rates').textContent(), /Last minute[\s\S]*Last 5 minutes[\s\S]*Last hour/);
  // And the batch reaches the event list too, so that the screenshot shows both.
  await page.locator(`#events li[data-seq="${published.events[2].seq}"]`).waitFor({ timeout: 5000 });
});

test('screenshot, and no errors in the console', async () => {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, 'demo.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('a publish the server refuses says why: 401, no credentials, and what to do', async () => {
  const locked = uniqueChannel('locked');
  const errorsBefore = pageErrors.length;
  await page.getByLabel('Channel', { exact: true }).fill(locked);
  await page.getByRole('button', { name: 'Follow' }).click();
  await page.locator('#status[data-state="live"]').waitFor({ timeout: 5000 });
  await page.getByRole('button', { name: 'Publish' }).click();
  const result = page.locator('#publish-result[data-kind="error"]');
  await result.waitFor({ timeout: 5000 });
  assert.match(await result.textContent(), /^Not published: Publishing to 'locked-\S+' needs credentials, and this page sends none \(401\)\./);
  assert.match(await result.textContent(), /POLLFEED_SECURITY_PUBLIC_PUBLISH/);
  await page.locator('#publish-form').screenshot({ path: join(RESULTS, 'demo-refused.png') });
  // Chromium logs the refused request itself; nothing else may have gone wrong.
  const newErrors = pageErrors.slice(errorsBefore);
  assert.ok(newErrors.every((text) => /status of 401/.test(text)), newErrors.join('\n'));
});
