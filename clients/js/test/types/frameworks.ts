// Compiled (not run) by `npm run check:types`: the adapters' types read as documented.
import { createClient } from '../../src/index.js';
import { useChannel, useChannels, usePoll } from '../../src/react.js';
import { useChannel as useVueChannel, usePoll as useVuePoll } from '../../src/vue.js';

const client = createClient({ baseUrl: '' });

export function ReactUsage(): number {
  const orders = useChannel<{ id: number }>(client, 'orders', { since: 0, onEvents: (events) => void events });
  const ids: number[] = orders.events.map((event) => event.data.id);
  const many = useChannels(client, { a: 0, b: 'now' });
  const stats = usePoll<{ total: number }>(client, '/v1/channels/orders/stats');
  stats.refresh();
  return ids.length + many.delivered + (stats.data?.total ?? 0);
}

export function vueUsage(): number {
  const orders = useVueChannel<{ id: number }>(client, () => 'orders');
  const { state, refresh } = useVuePoll<{ total: number }>(client, '/v1/channels/orders/stats');
  refresh();
  return orders.value.delivered + (state.value.data?.total ?? 0);
}
