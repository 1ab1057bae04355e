import { createClient } from '@pollfeed/client';

export const client = createClient({ baseUrl: '' });
