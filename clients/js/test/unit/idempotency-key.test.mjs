import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newIdempotencyKey } from '../../dist/idempotency-key.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('keys are random UUID v4s', () => {
  const keys = new Set(Array.from({ length: 1000 }, newIdempotencyKey));
  assert.equal(keys.size, 1000);
  for (const key of keys) assert.match(key, UUID_V4);
});

test('without crypto.randomUUID (pages on plain http:), getRandomValues makes the UUID', () => {
  Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
  try {
    const keys = new Set(Array.from({ length: 1000 }, newIdempotencyKey));
    assert.equal(keys.size, 1000);
    for (const key of keys) assert.match(key, UUID_V4);
  } finally {
    delete globalThis.crypto.randomUUID;
  }
  assert.equal(typeof globalThis.crypto.randomUUID, 'function');
});
