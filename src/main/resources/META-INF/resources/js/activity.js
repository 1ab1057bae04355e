// The Activity panel of the demo: events per minute in the followed channel over the last 30 minutes
// (GET /v1/channels/{channel}/stats/series) as an inline SVG bar chart stacked by event type, and the channel's rates
// (GET /v1/channels/{channel}/stats). Both are polled by the client's conditional poller (`client.poll`): every
// Poll-Interval, with If-None-Match so that an unchanged answer is an empty 304, paused while the page is hidden,
// backing off on failures. No chart library.

const MINUTES = 30;
const MINUTE_MS = 60_000;
/** Types drawn in their own colour (the busiest first); the rest are stacked together as "other". */
const COLOURED_TYPES = 4;
const SVG_NS = 'http://www.w3.org/2000/svg';

// The SVG's own coordinates; it scales to the panel's width.
const WIDTH = 600;
const HEIGHT = 170;
const PLOT = { left: 34, right: 6, top: 10, bottom: 22 };

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/**
 * `client`: a @pollfeed/client; `elements`: the panel's nodes by role (see index.html). Returns `follow(channel)`,
 * which (re)starts both pollers, and `refresh()`, which polls both now.
 */
export function createActivity(client, elements) {
  let pollers = [];
  let channel = '';
  let shownStats;
  let shownSeries;

  function follow(name) {
    for (const poller of pollers) poller.stop();
    channel = name;
    shownStats = undefined;
    shownSeries = undefined;
    const base = `/v1/channels/${encodeURIComponent(name)}/stats`;
    // Whole minutes, so the URL (and its ETag) stays the same for a minute; the server's clock decides the last one.
    const series = () => {
      const from = new Date((Math.floor(Date.now() / MINUTE_MS) - (MINUTES - 1)) * MINUTE_MS).toISOString();
      return `${base}/series?bucket=1m&from=${encodeURIComponent(from)}`;
    };
    pollers = [client.poll(base), client.poll(series)];
    for (const poller of pollers) poller.subscribe(render);
    render();
  }

  function render() {
    const [stats, series] = pollers.map((poller) => poller.getSnapshot());
    if (stats.data !== shownStats || shownStats === undefined) {
      shownStats = stats.data;
      renderRates(stats.data);
    }
    if (series.data !== shownSeries || shownSeries === undefined) {
      shownSeries = series.data;
      renderChart(series.data);
    }
    renderStatus(stats, series);
  }

  function renderStatus(stats, series) {
    const { status, requests, notModified } = elements;
    requests.textContent = String(stats.requests + series.requests);
    notModified.textContent = String(stats.notModified + series.notModified);
    let text;
    if (stats.status === 'paused') {
      text = 'Paused while the page is hidden.';
    } else if (stats.status === 'backing-off' || series.status === 'backing-off') {
      const error = stats.status === 'backing-off' ? stats.lastError : series.lastError;
      text = `Stats unavailable (${error?.message ?? 'no answer'}); retrying.`;
    } else if (stats.status === 'failed' || series.status === 'failed') {
      text = `Stats unavailable (${(stats.lastError ?? series.lastError)?.message}).`;
    } else if (stats.pollIntervalMs === undefined) {
      text = 'Loading…';
    } else {
      text = `Refreshed every ${stats.pollIntervalMs / 1000} s.`;
    }
    if (status.textContent !== text) status.textContent = text;
  }

  function renderRates(stats) {
    const rates = stats?.rates;
    for (const [window, node] of Object.entries(elements.rates)) {
      node.textContent = rates ? `${rateFormat.format(rates[window] ?? 0)}/min` : '–';
    }
  }

  function renderChart(series) {
    const points = lastMinutes(series?.points ?? []);
    const { chart, caption, table } = elements;
    if (!series) {
      chart.replaceChildren();
      caption.textContent = 'Loading the last 30 minutes…';
      table.tBodies[0].replaceChildren();
      elements.legend.replaceChildren();
      return;
    }
    const colours = typeColours(points);
    drawChart(chart, points, colours);
    drawLegend(elements.legend, colours);
    caption.textContent = summary(points, channel);
    fillTable(table, points);
  }

  return { follow, refresh: () => pollers.forEach((poller) => poller.refresh()) };
}

/** The last 30 buckets, padded with empty minutes in front if the server sent fewer. */
function lastMinutes(points) {
  const shown = points.slice(-MINUTES).map((point) => ({ ...point, time: Date.parse(point.t) }));
  const last = shown.length ? shown[shown.length - 1].time : Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  while (shown.length < MINUTES) {
    const time = (shown.length ? shown[0].time : last + MINUTE_MS) - MINUTE_MS;
    shown.unshift({ t: new Date(time).toISOString(), time, count: 0, types: {} });
  }
  return shown;
}

/** The busiest types get a colour each (CSS --series-1…); the others share "other". */
function typeColours(points) {
  const totals = new Map();
  for (const point of points) {
    for (const [type, count] of Object.entries(point.types ?? {})) {
      totals.set(type, (totals.get(type) ?? 0) + count);
    }
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type]) => type);
  const colours = new Map();
  ranked.forEach((type, index) => colours.set(type, index < COLOURED_TYPES ? `series-${index + 1}` : 'series-other'));
  return colours;
}

/** Stacks of [cssClass, count, label], in legend order, for one minute. */
function stacks(point, colours) {
  const byClass = new Map();
  let typed = 0;
  for (const [type, count] of Object.entries(point.types ?? {})) {
    const name = colours.get(type) ?? 'series-other';
    byClass.set(name, (byClass.get(name) ?? 0) + count);
    typed += count;
  }
  if (point.count > typed) {
    byClass.set('series-other', (byClass.get('series-other') ?? 0) + point.count - typed);
  }
  return [...byClass].sort(([a], [b]) => a.localeCompare(b));
}

function drawChart(svg, points, colours) {
  const max = niceCeiling(Math.max(...points.map((point) => point.count)));
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / points.length;
  const y = (value) => PLOT.top + plotHeight - (value / max) * plotHeight;
  const nodes = [];

  for (const value of [0, max / 2, max]) {
    nodes.push(svgNode('line', { class: 'grid', x1: PLOT.left, x2: WIDTH - PLOT.right, y1: y(value), y2: y(value) }));
    nodes.push(svgNode('text', { class: 'axis', x: PLOT.left - 6, y: y(value) + 4, 'text-anchor': 'end' },
      rateFormat.format(value)));
  }

  points.forEach((point, index) => {
    const current = index === points.length - 1;
    const group = svgNode('g', { class: current ? 'bar current' : 'bar', 'data-t': point.t, 'data-count': point.count });
    if (current) group.dataset.current = 'true';
    const x = PLOT.left + index * slot + slot * 0.12;
    const width = slot * 0.76;
    let bottom = 0;
    for (const [name, count] of stacks(point, colours)) {
      group.append(svgNode('rect', {
        class: name,
        x,
        width,
        y: y(bottom + count),
        height: Math.max(0, y(bottom) - y(bottom + count)),
      }));
      bottom += count;
    }
    // A transparent full-height target, so the tooltip works on short and empty bars too.
    group.append(svgNode('rect', { class: 'hit', x: PLOT.left + index * slot, width: slot, y: PLOT.top, height: plotHeight }));
    group.append(svgNode('title', {}, describeMinute(point, current)));
    nodes.push(group);

    const label = current ? 'now' : index === 0 || index === 15 ? timeFormat.format(point.time) : undefined;
    if (label) {
      const anchor = current ? 'end' : index === 0 ? 'start' : 'middle';
      const at = current ? WIDTH - PLOT.right : index === 0 ? PLOT.left : PLOT.left + (index + 0.5) * slot;
      nodes.push(svgNode('text', { class: 'axis', x: at, y: HEIGHT - 6, 'text-anchor': anchor }, label));
    }
  });
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.replaceChildren(...nodes);
}

function drawLegend(list, colours) {
  const entries = [...colours].filter(([, name]) => name !== 'series-other').map(([type, name]) => [type, name]);
  if ([...colours.values()].includes('series-other')) {
    entries.push(['other types', 'series-other']);
  }
  list.replaceChildren(...entries.map(([type, name]) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${name}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, type);
    return item;
  }));
}

function summary(points, channel) {
  const total = points.reduce((sum, point) => sum + point.count, 0);
  const current = points[points.length - 1];
  if (total === 0) {
    return `No events in ${channel} in the last ${MINUTES} minutes.`;
  }
  const busiest = points.reduce((best, point) => (point.count > best.count ? point : best));
  return `${plural(total, 'event')} in ${channel} in the last ${MINUTES} minutes, ${current.count} in the current ` +
    `minute; busiest minute ${timeFormat.format(busiest.time)} with ${busiest.count}.`;
}

function fillTable(table, points) {
  const rows = points.map((point, index) => {
    const row = document.createElement('tr');
    const minute = document.createElement('th');
    minute.scope = 'row';
    minute.textContent = timeFormat.format(point.time) + (index === points.length - 1 ? ' (now)' : '');
    row.append(minute, cell(String(point.count)), cell(typesText(point) || '–'));
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
}

function cell(text) {
  const node = document.createElement('td');
  node.textContent = text;
  return node;
}

function describeMinute(point, current) {
  const types = typesText(point);
  return `${timeFormat.format(point.time)}${current ? ' (current minute)' : ''}: ${plural(point.count, 'event')}` +
    (types ? ` (${types})` : '');
}

function typesText(point) {
  return Object.entries(point.types ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** 2, 4, 6, 8, 10, 20, 40…: the smallest at or above the value, with a whole number at half height. */
function niceCeiling(value) {
  let step = 1;
  for (;;) {
    for (const multiple of [1, 2, 4, 6, 8]) {
      if (step * multiple >= Math.max(2, value)) return step * multiple;
    }
    step *= 10;
  }
}

function svgNode(tag, attributes, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, typeof value === 'number' ? String(Math.round(value * 100) / 100) : value);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}
