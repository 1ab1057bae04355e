// The live demo at `/`: follows one channel with @pollfeed/client and shows what polling costs. No framework;
// the client is the same code as clients/js (bundled into pollfeed-client.js by `npm run build:demo`).
import { createActivity } from './activity.js';
import { createClient, ForbiddenError, UnauthorizedError } from './pollfeed-client.js';

const MAX_SHOWN_EVENTS = 100;
const byId = (id) => document.getElementById(id);

const view = {
  followForm: byId('follow-form'),
  channel: byId('channel'),
  start: byId('start'),
  status: byId('status'),
  requests: byId('count-requests'),
  notModified: byId('count-not-modified'),
  events: byId('count-events'),
  lastSeq: byId('last-seq'),
  publishForm: byId('publish-form'),
  eventType: byId('event-type'),
  eventData: byId('event-data'),
  publishResult: byId('publish-result'),
  list: byId('events'),
  empty: byId('events-empty'),
  curlExample: byId('curl-example'),
};

/** What the page shows; everything is rendered from here. */
const state = {
  channel: '',
  requests: 0,
  notModified: 0,
  events: 0,
  lastSeq: undefined,
  pollIntervalSeconds: undefined,
  /** The last failure and what the client does about it, until the next successful poll. */
  failure: undefined,
};

/** Counts polls and their 304s, and reads Poll-Interval: the client takes any fetch, so the page wraps it. */
async function countingFetch(input, init = {}) {
  const isPoll = (init.method ?? 'GET') === 'GET';
  if (isPoll) {
    state.requests += 1;
    render();
  }
  const response = await fetch(input, init);
  if (isPoll && (response.ok || response.status === 304)) {
    if (response.status === 304) {
      state.notModified += 1;
    }
    state.pollIntervalSeconds = Number(response.headers.get('Poll-Interval')) || state.pollIntervalSeconds;
    state.failure = undefined;
    render();
  }
  return response;
}

const client = createClient({ baseUrl: location.origin, fetch: countingFetch });
let unsubscribe = () => {};

/** The Activity panel polls the stats endpoints with the client's conditional poller, on its own counters. */
const activity = createActivity(createClient({ baseUrl: location.origin }), {
  chart: byId('activity-chart'),
  caption: byId('activity-caption'),
  legend: byId('activity-legend'),
  table: byId('activity-table'),
  rates: { '1m': byId('rate-1m'), '5m': byId('rate-5m'), '1h': byId('rate-1h') },
  status: byId('activity-status'),
  requests: byId('activity-requests'),
  notModified: byId('activity-not-modified'),
});

function follow(channel, since) {
  unsubscribe();
  Object.assign(state, { channel, requests: 0, notModified: 0, events: 0, lastSeq: undefined, failure: undefined });
  view.list.replaceChildren();
  const url = new URL(location.href);
  url.searchParams.set('channel', channel);
  history.replaceState(null, '', url);
  render();
  activity.follow(channel);
  unsubscribe = client.subscribe(channel, {
    since,
    onEvents(events) {
      state.events += events.length;
      state.lastSeq = events[events.length - 1].seq;
      showEvents(events);
      render();
    },
    onError(error, info) {
      state.failure = { message: refusal(error, 'read') ?? error.message, ...info };
      render();
    },
    onReset(oldest) {
      showNote(`Events before seq ${oldest} are no longer retained; continuing from ${oldest}.`);
      return oldest - 1;
    },
  });
}

function showEvents(events) {
  const items = events.map((event) => {
    const item = document.createElement('li');
    item.className = 'event';
    item.dataset.seq = String(event.seq);
    const seq = element('span', 'event-seq', `#${event.seq}`);
    const type = element('span', 'event-type', event.type);
    const time = element('time', 'event-time', new Date(event.time).toLocaleTimeString());
    time.dateTime = event.time;
    const data = element('pre', 'event-data', JSON.stringify(event.data, null, 2));
    item.append(seq, type, time, data);
    return item;
  });
  view.list.prepend(...items.reverse());
  while (view.list.children.length > MAX_SHOWN_EVENTS) {
    view.list.lastElementChild.remove();
  }
}

function showNote(text) {
  view.list.prepend(element('li', 'note', text));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function statusOf() {
  if (document.visibilityState === 'hidden') {
    return ['paused', 'Paused: the page is hidden, so nothing is polled.'];
  }
  const failure = state.failure;
  if (failure && !failure.willRetry) {
    return ['stopped', `Stopped: ${failure.message}`];
  }
  if (failure) {
    const seconds = Math.max(1, Math.round(failure.retryInMs / 1000));
    return ['retrying', `Retrying in ${seconds} s (failure ${failure.attempt}): ${failure.message}`];
  }
  if (state.pollIntervalSeconds === undefined) {
    return ['starting', 'Connecting…'];
  }
  return ['live', `Live: polling every ${state.pollIntervalSeconds} s, as the server's Poll-Interval says.`];
}

function render() {
  const [name, text] = statusOf();
  if (view.status.dataset.state !== name || view.status.textContent !== text) {
    view.status.dataset.state = name;
    view.status.textContent = text;
  }
  view.requests.textContent = String(state.requests);
  view.notModified.textContent = String(state.notModified);
  view.events.textContent = String(state.events);
  view.lastSeq.textContent = state.lastSeq === undefined ? '–' : String(state.lastSeq);
  view.empty.hidden = view.list.children.length > 0;
  for (const label of document.querySelectorAll('[data-channel-name]')) {
    label.textContent = state.channel;
  }
  view.curlExample.textContent =
    `curl -X POST -H 'Content-Type: application/json' -d '{"data": "hi"}' ` +
    `${location.origin}/v1/channels/${state.channel}/events`;
}

view.followForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (view.channel.reportValidity()) {
    follow(view.channel.value.trim(), view.start.value === 'now' ? 'now' : 0);
  }
});

view.publishForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!view.eventType.reportValidity()) {
    return;
  }
  const button = view.publishForm.querySelector('button');
  button.disabled = true;
  view.publishResult.dataset.kind = '';
  view.publishResult.textContent = 'Publishing…';
  try {
    const result = await client.publish(state.channel, {
      type: view.eventType.value.trim() || undefined,
      data: parseData(view.eventData.value),
    });
    view.publishResult.dataset.kind = 'ok';
    view.publishResult.textContent = `Stored as seq ${result.events.map((stored) => stored.seq).join(', ')}.`;
    activity.refresh(); // Show it in the chart now rather than at the next tick.
  } catch (error) {
    view.publishResult.dataset.kind = 'error';
    view.publishResult.textContent = `Not published: ${refusal(error, 'publish') ?? error.message}`;
  } finally {
    button.disabled = false;
  }
});

/**
 * What to say when the server refuses: this page sends no credentials, so outside dev mode it may only read and
 * publish what the deployment made public (POLLFEED_SECURITY_PUBLIC_READ and _PUBLIC_PUBLISH).
 */
const REFUSALS = {
  read: ['Reading', 'Make it public with POLLFEED_SECURITY_PUBLIC_READ, or follow a public channel.'],
  publish: ['Publishing to', 'Publish from your backend with an API key, or allow it with POLLFEED_SECURITY_PUBLIC_PUBLISH.'],
};

function refusal(error, action) {
  const [doing, remedy] = REFUSALS[action];
  if (error instanceof UnauthorizedError) {
    return `${doing} '${state.channel}' needs credentials, and this page sends none (401). ${remedy}`;
  }
  if (error instanceof ForbiddenError) {
    return `${doing} '${state.channel}' is not allowed with these credentials (403).`;
  }
  return undefined;
}

function parseData(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

document.addEventListener('visibilitychange', render);

const requested = new URLSearchParams(location.search).get('channel');
if (requested && /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(requested)) {
  view.channel.value = requested;
}
follow(view.channel.value, 'now');
