// Compiled (not run) by `npm run check:types`: the public API reads as documented, under the strictest settings.
import {
  type ChannelSnapshot,
  type ChannelSubscription,
  type Cursor,
  EventParseError,
  type FeedStatus,
  type ResourceSubscription,
  type WatchSubscription,
  CursorExpiredError,
  createClient,
  ForbiddenError,
  HttpError,
  type PollfeedEvent,
  PollfeedHeaders,
  type PublishResult,
  UnauthorizedError,
} from '../../src/index.js';

interface Order {
  id: number;
  total: number;
}

const client = createClient({ baseUrl: 'https://api.example.com', fetch: globalThis.fetch, headers: () => ({ Authorization: 'Bearer t' }) });

const unsubscribe: () => void = client.subscribe<Order>('orders', {
  since: 'now',
  limit: 100,
  persist: 'orders-cursor',
  onEvents: async (events: readonly PollfeedEvent<Order>[], channel: string) => {
    const totals: number[] = events.map((event) => event.data.total);
    void totals;
    void channel;
  },
  onError: (error, info) => {
    if (error instanceof UnauthorizedError || error instanceof ForbiddenError) {
      const status: number = error.status;
      void status;
    } else if (error instanceof CursorExpiredError) {
      const oldest: number = error.oldest;
      void oldest;
    } else if (error instanceof HttpError) {
      const slug: string | undefined = error.problem?.type;
      void slug;
    }
    const wait: number | undefined = info.retryInMs;
    void wait;
  },
  onReset: (oldest): Cursor => (oldest > 100 ? 'now' : oldest - 1),
});
unsubscribe();

createClient({ baseUrl: '', token: 'pfk_key' });
createClient({ baseUrl: '', token: async () => (await fetch('/token')).text() });
createClient({ baseUrl: '', token: () => 'jwt' });

client.watch({ orders: 0, alerts: 'now' }, { onEvents: (events, channel) => void [events.length, channel] })();
client.watch(new Map<string, Cursor>([['orders', 5]]), { onEvents: () => {} })();

async function publishing(): Promise<void> {
  const one: PublishResult<Order> = await client.publish<Order>('orders', { type: 'order.created', data: { id: 1, total: 2 } });
  const many = await client.publish('orders', [{ data: 1 }, { data: 'two' }], { idempotencyKey: 'k', retries: 2 });
  const seq: number | undefined = one.events[0]?.seq;
  void [seq, many.replayed];
}
void publishing;

const header: 'Poll-Interval' = PollfeedHeaders.POLL_INTERVAL;
void header;

// @ts-expect-error onEvents is required
client.subscribe('orders', {});
// @ts-expect-error a cursor is a number or 'now'
client.subscribe('orders', { since: 'latest', onEvents: () => {} });
// @ts-expect-error a token is a string or a function of one
createClient({ baseUrl: '', token: { bearer: 'k' } });
// @ts-expect-error baseUrl is required
createClient({});
// @ts-expect-error with a type argument, data is checked
void client.publish<Order>('orders', { data: { id: 'one' } });

// Stores, signals, parse, iterators, the generic poller.
interface Stats {
  total: number;
}
const controller = new AbortController();
const orders: ChannelSubscription<Order> = client.subscribe('orders', {
  signal: controller.signal,
  keep: 50,
  parse: (data): Order => {
    if (typeof data !== 'object' || data === null) throw new TypeError('not an order');
    return data as Order;
  },
  onEvents: (events) => void events.map((event) => event.data.total),
});
const snapshot: ChannelSnapshot<Order> = orders.getSnapshot();
const status: FeedStatus = snapshot.status;
const totals: number[] = snapshot.events.map((event) => event.data.total);
void [status, totals, snapshot.cursor, snapshot.delivered, snapshot.nextPollAt, snapshot.lastError?.message];
const unlisten: () => void = orders.subscribe(() => {});
unlisten();
orders.stop();
const lazy = client.channel<Order>('orders', { since: 'now' });
void lazy.getSnapshot().channel;
const watching: WatchSubscription = client.watch({ a: 0 }, { onEvents: () => {} });
watching.update({ a: 0, b: 'now' });
const stats: ResourceSubscription<Stats> = client.poll<Stats>('/v1/channels/orders/stats');
const total: number | undefined = stats.getSnapshot().data?.total;
void total;
stats.refresh();
async function iterate(): Promise<void> {
  for await (const event of client.events<Order>('orders', { signal: controller.signal, highWaterMark: 10 })) {
    const id: number = event.data.id;
    const from: string = event.channel;
    void [id, from];
  }
}
void iterate;
createClient({ baseUrl: '', headers: async () => ({ 'X-Csrf': 't' }) });
const parsed: EventParseError | undefined = undefined;
void parsed;
// @ts-expect-error parse decides T
client.subscribe('orders', { parse: (): Order => ({ id: 1, total: 2 }), onEvents: (events) => void events[0]?.data.missing });
