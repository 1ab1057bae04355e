/**
 * The scenarios both example apps (examples/react, examples/vue) pass in real Chromium against the real server
 * jar, served behind a proxy on the app's origin. After every step the test compares the whole rendered list with
 * what was published: every event exactly once and in order, across StrictMode's double mount (React), a route
 * change that swaps channels and back, a hidden tab (no request while hidden), the server restarting on its port
 * (SIGKILL, same database), and a cursor that expired (410 -> the app's reset policy: a note, then what is left).
 * A `useChannels` counter of both channels (one request per tick) is checked against what was published, too.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { createClient } from '../../dist/index.js';
import { serveApp } from '../helpers/app-server.mjs';
import { launchChromium, visibilityControl } from '../helpers/browser.mjs';
import { psqlAvailable, pruneChannel } from '../helpers/database.mjs';
import { ADMIN_KEY, freePort, PollfeedServer, uniqueChannel } from '../helpers/server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS = join(ROOT, 'test-results');
const POLL_INTERVAL_MS = 1000;

export function exampleScenarios({ name, strictMode }) {
  let server;
  let app;
  let browser;
  let page;
  let api;
  const pageErrors = [];
  /** GET /v1/… requests the page sent: [time, path]. */
  const requests = [];
  const a = uniqueChannel(`ex-${name}-a`);
  const b = uniqueChannel(`ex-${name}-b`);
  /** What each channel's list must show, in order. */
  const expected = { [a]: [], [b]: [] };
  /** Events published after the page opened, per channel: what the useChannels counter must show. */
  const fresh = { [a]: 0, [b]: 0 };
  let opened = false;

  before(async () => {
    const started = PollfeedServer.start({ name: `example-${name}`, publicRead: '*', publicPublish: 'ex-*' });
    [server, browser] = await Promise.all([started, launchChromium()]);
    app = await serveApp(join(ROOT, 'examples', name, 'dist'), server.url, await freePort());
    api = createClient({ baseUrl: server.url, token: ADMIN_KEY });
    await browser.context.addInitScript(visibilityControl);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs failed requests itself (the 502s and refused connections while the server restarts, the 410).
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
        pageErrors.push(`console: ${message.text()}`);
      }
    });
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === 'GET' && path.startsWith('/v1/')) requests.push([Date.now(), path]);
    });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await server?.stop('SIGTERM');
  });

  const rendered = () =>
    page.$$eval('#events li', (items) =>
      items.map((item) => (item.dataset.seq ? Number(item.dataset.seq) : `reset:${item.dataset.reset}`)),
    );

  /** Waits until the list shows exactly what `expected[channel]` says (and never more). */
  async function showsExactly(channel, timeout = 8000) {
    const want = expected[channel];
    const deadline = Date.now() + timeout;
    let got;
    for (;;) {
      got = await rendered();
      if (JSON.stringify(got) === JSON.stringify(want)) break;
      assert.ok(got.length <= want.length, `more rendered than published: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      if (Date.now() > deadline) assert.deepEqual(got, want, `${channel} after ${timeout} ms`);
      await page.waitForTimeout(50);
    }
    assert.equal(new Set(got).size, got.length, 'no event rendered twice');
  }

  async function publish(channel, count) {
    const stored = await api.publish(
      channel,
      Array.from({ length: count }, (_, i) => ({ type: 'test.event', data: { i } })),
    );
    expected[channel].push(...stored.events.map((event) => event.seq));
    if (opened) fresh[channel] += count;
  }

  /** The useChannels counters (both channels, one request per tick) match what was published since opening. */
  async function countsNew() {
    for (const channel of [a, b]) {
      await page.locator(`[data-new="${channel}"]`, { hasText: new RegExp(`^${fresh[channel]}$`) }).waitFor({ timeout: 8000 });
    }
  }

  async function route(channel) {
    await page.locator(`nav a[href="#/channel/${channel}"]`).click();
    await page.locator(`nav a[aria-current="page"][href="#/channel/${channel}"]`).waitFor({ timeout: 2000 });
  }

  const status = () => page.locator('#status').getAttribute('data-status');
  const eventPolls = (channel, since) =>
    requests.filter(([at, path]) => at >= since && path === `/v1/channels/${channel}/events`).length;

  test(`${name}: follows a channel from its start, publishes from the page, shows stats; one poll loop per channel`, async () => {
    await publish(a, 3);
    await page.goto(`${app.url}/?channels=${a},${b}#/channel/${a}`);
    await page.locator('#status[data-status="live"]').waitFor({ timeout: 10_000 });
    await page.locator('#everywhere[data-status="live"]').waitFor({ timeout: 10_000 });
    opened = true;
    await showsExactly(a);
    if (strictMode) {
      assert.equal(await page.evaluate(() => window.__example.mounts), 2, 'StrictMode mounted the follower twice');
    }

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('#publish-result', { hasText: 'Stored as seq 4.' }).waitFor({ timeout: 5000 });
    expected[a].push(4);
    fresh[a] += 1;
    await publish(a, 2);
    await showsExactly(a);
    assert.equal(await page.locator('#delivered').textContent(), '6');
    assert.equal(await page.locator('#cursor').textContent(), '6');
    // The badge follows the same channel from 'now': it saw the three events published after the page opened.
    await page.locator('#badge', { hasText: /^3 new since/ }).waitFor({ timeout: 3000 });

    // Two components follow the channel, through one loop: about one request per Poll-Interval, not two.
    const since = Date.now();
    await page.waitForTimeout(4 * POLL_INTERVAL_MS);
    const polls = eventPolls(a, since);
    assert.ok(polls >= 2 && polls <= 6, `${polls} event polls in 4 s`);

    await page.locator('#stats-count', { hasText: /^6$/ }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator('#stats-head').textContent(), '6');
    await page.waitForFunction(() => Number(document.getElementById('stats-not-modified').textContent) >= 1, null, {
      timeout: 5000,
    });
    await countsNew();
    assert.ok(requests.some(([, path]) => path === '/v1/events'), 'useChannels polls GET /v1/events?channels=…');
  });

  test(`${name}: a route change swaps channels; coming back resumes where the channel was left`, async () => {
    await publish(b, 2);
    await route(b);
    await showsExactly(b);
    await publish(a, 2);
    await publish(b, 1);
    await showsExactly(b);
    const since = Date.now();
    await page.waitForTimeout(1.5 * POLL_INTERVAL_MS);
    assert.equal(eventPolls(a, since), 0, 'nobody shows a: it is not polled');
    await route(a);
    await showsExactly(a);
    await countsNew();
  });

  test(`${name}: a hidden tab polls nothing, and catches up at once when shown`, async () => {
    await page.evaluate(() => window.__pollfeedSetHidden(true));
    await page.locator('#status[data-status="paused"]').waitFor({ timeout: 2000 });
    await page.waitForTimeout(POLL_INTERVAL_MS + 300); // a request already out may finish
    const count = requests.length;
    await publish(a, 2);
    await page.waitForTimeout(3 * POLL_INTERVAL_MS);
    assert.equal(requests.length, count, 'no request of any kind while hidden (events and stats)');
    const shown = Date.now();
    await page.evaluate(() => window.__pollfeedSetHidden(false));
    await showsExactly(a, 3000);
    assert.ok(Date.now() - shown < 2 * POLL_INTERVAL_MS, 'caught up at once, not after a Poll-Interval');
    await countsNew();
  });

  test(`${name}: the server restarts on its port; the app backs off, then continues without loss or repeat`, async () => {
    await server.stop('SIGKILL');
    await page.locator('#status[data-status="backing-off"]').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('#error').textContent(), /502|failed|fetch/i);
    await server.start();
    await publish(a, 3);
    await showsExactly(a, 40_000); // backoff ceiling (30 s at most, jittered)
    await page.locator('#status[data-status="live"]').waitFor({ timeout: 5000 });
    await page.locator('#everywhere[data-status="live"]').waitFor({ timeout: 40_000 });
    await countsNew();
  });

  test(`${name}: a cursor that expired while away: 410, the app's reset policy, then what is retained`, { skip: !psqlAvailable() && 'no psql' }, async () => {
    await route(b);
    await showsExactly(b);
    await publish(a, 3);
    const lost = expected[a].splice(-3, 2); // pruned before the app reads them
    const oldest = lost[1] + 1;
    pruneChannel(a, oldest);
    await route(a);
    expected[a].splice(expected[a].length - 1, 0, `reset:${oldest}`);
    await showsExactly(a);
    await page.locator('#status[data-status="live"]').waitFor({ timeout: 5000 });
  });

  test(`${name}: screenshot; no errors in the console`, async () => {
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, `example-${name}.png`), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
}
