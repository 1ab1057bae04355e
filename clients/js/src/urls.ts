import type { Cursor } from './types.js';

/** `baseUrl` without trailing slashes; `''` means the page's own origin (relative URLs, browsers only). */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** `POST` and `GET` one channel: `/v1/channels/{channel}/events`. */
export function channelEventsUrl(baseUrl: string, channel: string): string {
  return `${baseUrl}/v1/channels/${encodeURIComponent(channel)}/events`;
}

/** `GET /v1/channels/{channel}/events?since=S&limit=L`. */
export function channelPollUrl(baseUrl: string, channel: string, since: Cursor, limit?: number): string {
  const limitParameter = limit === undefined ? '' : `&limit=${limit}`;
  return `${channelEventsUrl(baseUrl, channel)}?since=${since}${limitParameter}`;
}

/** `GET /v1/events?channels=a:5,b:now&limit=L`, channels in the given order. */
export function multiChannelPollUrl(baseUrl: string, cursors: ReadonlyMap<string, Cursor>, limit?: number): string {
  const entries = [...cursors].map(([channel, since]) => `${encodeURIComponent(channel)}:${since}`).join(',');
  const limitParameter = limit === undefined ? '' : `&limit=${limit}`;
  return `${baseUrl}/v1/events?channels=${entries}${limitParameter}`;
}
