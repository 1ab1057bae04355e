/**
 * A scripted server that behaves like pollfeed for one or more channels: it answers `since`, `limit` and `oldest`
 * (410 below it) from an in-memory list of events, with an ETag per answer, for `fakeFetch`.
 */
import { createHash } from 'node:crypto';

import { events as eventsWithSeqs } from './fake-fetch.mjs';

export function channelServer({ interval = 2 } = {}) {
  const channels = new Map();
  const channel = (name) => {
    if (!channels.has(name)) channels.set(name, { head: 0, oldest: 1 });
    return channels.get(name);
  };
  const pageOf = (name, since, limit) => {
    const state = channel(name);
    const from = since === 'now' ? state.head : Number(since);
    if (from < state.oldest - 1) return { expired: state.oldest };
    const to = Math.min(state.head, from + limit);
    const seqs = [];
    for (let seq = from + 1; seq <= to; seq += 1) seqs.push(seq);
    return { channel: name, events: eventsWithSeqs(...seqs), next: to, more: to < state.head };
  };
  return {
    publish(name, count = 1) {
      channel(name).head += count;
    },
    prune(name, oldest) {
      channel(name).oldest = oldest;
    },
    respond(call) {
      const url = new URL(call.url);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const one = url.pathname.match(/^\/v1\/channels\/([^/]+)\/events$/);
      let json;
      if (one) {
        json = pageOf(decodeURIComponent(one[1]), url.searchParams.get('since'), limit);
        if (json.expired) {
          return {
            status: 410,
            json: { type: 'urn:pollfeed:problem:cursor-expired', title: 'Gone', status: 410, oldest: json.expired },
          };
        }
      } else {
        const pages = {};
        for (const entry of url.searchParams.get('channels').split(',')) {
          const [name, since] = entry.split(':');
          pages[name] = pageOf(name, since, limit);
        }
        json = { channels: pages };
      }
      const etag = `"${createHash('sha256').update(JSON.stringify(json)).digest('base64url').slice(0, 16)}"`;
      if (call.headers.get('If-None-Match') === etag) {
        return { status: 304, headers: { ETag: etag, 'Poll-Interval': String(interval) } };
      }
      return { status: 200, headers: { ETag: etag, 'Poll-Interval': String(interval) }, json };
    },
  };
}

/** The `since` of each one-channel poll, in order. */
export function sinces(calls) {
  return calls.map((call) => new URL(call.url).searchParams.get('since'));
}
