import { InvalidResponseError } from './errors/invalid-response-error.js';
import type { Exchange } from './exchange.js';
import type { PollfeedEvent, PublishResult } from './types.js';

/** One channel's page of a poll answer (protocol §4.2). */
export interface ChannelPage {
  readonly events: readonly PollfeedEvent[];
  readonly next: number;
  readonly more: boolean;
}

type Invalid = (reason: string) => InvalidResponseError;

function invalidFor(answer: Exchange): Invalid {
  return (reason) => new InvalidResponseError(answer.url, answer.status, reason);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function events(value: unknown, invalid: Invalid): PollfeedEvent[] {
  if (!Array.isArray(value)) {
    throw invalid("'events' is not an array");
  }
  for (const event of value) {
    if (!isObject(event) || !isSeq(event['seq']) || typeof event['type'] !== 'string' || !('data' in event)) {
      throw invalid('an event lacks seq, type or data');
    }
  }
  return value as PollfeedEvent[];
}

function page(value: unknown, invalid: Invalid): ChannelPage {
  if (!isObject(value) || !isSeq(value['next']) || typeof value['more'] !== 'boolean') {
    throw invalid("a page lacks 'next' or 'more'");
  }
  return { events: events(value['events'], invalid), next: value['next'], more: value['more'] };
}

/** `{"channel": ..., "events": [...], "next": 17, "more": false}` */
export function parseChannelPage(body: unknown, answer: Exchange): ChannelPage {
  return page(body, invalidFor(answer));
}

/** `{"channels": {"a": {page}, "b": {page}}}`, every requested channel present. */
export function parseMultiChannelPages(
  body: unknown,
  channels: Iterable<string>,
  answer: Exchange,
): Map<string, ChannelPage> {
  const invalid = invalidFor(answer);
  const pages = isObject(body) ? body['channels'] : undefined;
  if (!isObject(pages)) {
    throw invalid("'channels' is not an object");
  }
  const result = new Map<string, ChannelPage>();
  for (const channel of channels) {
    if (!Object.hasOwn(pages, channel)) {
      throw invalid(`no page for channel '${channel}'`);
    }
    result.set(channel, page(pages[channel], invalid));
  }
  return result;
}

/** `{"channel": ..., "events": [...]}` of a 201 or a 200 replay. */
export function parsePublished<T>(body: unknown, answer: Exchange, replayed: boolean): PublishResult<T> {
  const invalid = invalidFor(answer);
  if (!isObject(body) || typeof body['channel'] !== 'string') {
    throw invalid("the publish answer lacks 'channel'");
  }
  return { channel: body['channel'], events: events(body['events'], invalid) as PollfeedEvent<T>[], replayed };
}
