/**
 * The demo page at `/` in real headless Chromium against the real server: an event published through the API
 * appears on the page; hiding the page pauses polling (no requests, on the page's counter and on the wire) and
 * showing it polls at once; the page's own publish form works; no console errors. Screenshots:
 * clients/js/test-results/demo.png (the whole page) and demo-paused.png (the controls while hidden).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { createClient } from '../../dist/index.js';
import { launchChromium, visibilityControl } from '../helpers/browser.mjs';
import { PollfeedServer, uniqueChannel } from '../helpers/server.mjs';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');
const POLL_INTERVAL_MS = 1000;

let server;
let browser;
let page;
const pageErrors = [];
const polls = [];
const channel = uniqueChannel('browser');

before(async () => {
  [server, browser] = await Promise.all([PollfeedServer.start({ name: 'browser' }), launchChromium()]);
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
  const api = createClient({ baseUrl: server.url });
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
});

test('hiding the page pauses polling; showing it polls at once', async () => {
  await page.evaluate(() => window.__pollfeedSetHidden(true));
  await page.locator('#status[data-state="paused"]').waitFor({ timeout: 1000 });
  mkdirSync(RESULTS, { recursive: true });
  await page.locator('.controls').screenshot({ path: join(RESULTS, 'demo-paused.png') });
  // A poll already in flight may still finish; from then on, nothing.
  await page.waitForTimeout(POLL_INTERVAL_MS + 300);
  const requestsWhenPaused = await counter('count-requests');
  const wireWhenPaused = polls.length;
  await page.waitForTimeout(3 * POLL_INTERVAL_MS);
  assert.equal(await counter('count-requests'), requestsWhenPaused, 'the request counter stopped');
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

test('screenshot, and no errors in the console', async () => {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, 'demo.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});
