// A channel follower in React: the route picks the channel, the log keeps every event once per channel (cursors are
// persisted, so coming back to a channel resumes where it left), a publish form, and the channel's stats.
import { createClient } from '@pollfeed/client';
import { useChannel, useChannels, usePoll } from '@pollfeed/client/react';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

const client = createClient({ baseUrl: '' });
const CHANNELS = (new URLSearchParams(location.search).get('channels') ?? 'example-a,example-b').split(',');

// For the browser test: how often the follower mounted (StrictMode mounts it twice in development).
window.__example = { mounts: 0 };

function currentChannel() {
  const match = location.hash.match(/^#\/channel\/([A-Za-z0-9._-]+)$/);
  return match ? match[1] : CHANNELS[0];
}

function subscribeToHash(listener) {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function App() {
  const channel = useSyncExternalStore(subscribeToHash, currentChannel, () => CHANNELS[0]);
  // Every channel's log, kept across route changes: events and reset notes, in arrival order.
  const [logs, setLogs] = useState({});
  const append = useCallback(
    (name, entries) => setLogs((previous) => ({ ...previous, [name]: [...(previous[name] ?? []), ...entries] })),
    [],
  );
  return (
    <main>
      <h1>pollfeed · React</h1>
      <nav>
        {CHANNELS.map((name) => (
          <a key={name} href={`#/channel/${name}`} aria-current={name === channel ? 'page' : undefined}>
            {name}
          </a>
        ))}
      </nav>
      <Follower channel={channel} log={logs[channel] ?? []} append={append} />
      <LiveBadge channel={channel} />
      <NewEverywhere />
      <Publisher channel={channel} />
      <Stats channel={channel} />
    </main>
  );
}

function Follower({ channel, log, append }) {
  useEffect(() => {
    window.__example.mounts += 1;
  }, []);
  const feed = useChannel(client, channel, {
    since: 0,
    persist: `pollfeed-example:${channel}`,
    keep: 0,
    onEvents: (events) => append(channel, events.map((event) => ({ kind: 'event', ...event }))),
    // The app's reset policy: say what was lost, then read everything still retained.
    onReset: (oldest) => {
      append(channel, [{ kind: 'reset', oldest }]);
      return oldest - 1;
    },
  });
  return (
    <section aria-label="events">
      <div className="bar">
        <span id="status" data-status={feed.status}>
          {feed.status}
        </span>
        <span>
          cursor <b id="cursor">{String(feed.cursor)}</b>
        </span>
        <span>
          delivered <b id="delivered">{feed.delivered}</b>
        </span>
        {feed.lastError && feed.status !== 'live' ? <span id="error">{feed.lastError.message}</span> : null}
      </div>
      <ul id="events" aria-live="polite">
        {log.map((entry) =>
          entry.kind === 'event' ? (
            <li key={`e${entry.seq}`} data-seq={entry.seq}>
              <span className="seq">#{entry.seq}</span>
              {entry.type} {JSON.stringify(entry.data)}
            </li>
          ) : (
            <li key={`r${entry.oldest}`} className="note" data-reset={entry.oldest}>
              Events before #{entry.oldest} are no longer retained.
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** A second follower of the same channel: it shares the first one's poll loop. */
function LiveBadge({ channel }) {
  const live = useChannel(client, channel, { since: 'now' });
  return (
    <p id="badge">
      {live.delivered} new since you opened {channel}
    </p>
  );
}

/** Every channel in one request per tick (`useChannels`): how many events each got since the page opened. */
function NewEverywhere() {
  const all = useChannels(client, Object.fromEntries(CHANNELS.map((name) => [name, 'now'])), { keep: 1000 });
  return (
    <p id="everywhere" data-status={all.status}>
      {CHANNELS.map((name) => (
        <span key={name}>
          {name}: <b data-new={name}>{all.events.filter((event) => event.channel === name).length}</b>{' '}
        </span>
      ))}
    </p>
  );
}

function Publisher({ channel }) {
  const [result, setResult] = useState('');
  const onSubmit = async (event) => {
    event.preventDefault();
    const text = new FormData(event.currentTarget).get('text');
    try {
      const stored = await client.publish(channel, { type: 'example.message', data: { text } });
      setResult(`Stored as seq ${stored.events[0].seq}.`);
    } catch (error) {
      setResult(`Not published: ${error.message}`);
    }
  };
  return (
    <form id="publish" onSubmit={onSubmit}>
      <label>
        Message <input name="text" defaultValue="hello" />
      </label>
      <button type="submit">Publish</button>
      <output id="publish-result">{result}</output>
    </form>
  );
}

function Stats({ channel }) {
  const stats = usePoll(client, `/v1/channels/${channel}/stats`);
  return (
    <section aria-label="stats" className="bar">
      <span>
        stored <b id="stats-count">{stats.data?.count ?? '–'}</b>
      </span>
      <span>
        head <b id="stats-head">{stats.data?.head ?? '–'}</b>
      </span>
      <span>
        stats requests <b id="stats-requests">{stats.requests}</b> (304: <b id="stats-not-modified">{stats.notModified}</b>)
      </span>
    </section>
  );
}
