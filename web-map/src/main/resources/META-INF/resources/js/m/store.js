// What the phone keeps in IndexedDB (through the idb wrapper): the device token and small facts
// (kv), the outbox of reports and actions waiting to be sent (with their Idempotency-Keys and
// photos as Blobs), and the patrol points not yet uploaded.
import { openDB } from 'idb';

const db = openDB('wangge-m', 1, {
  upgrade(database) {
    database.createObjectStore('kv');
    database.createObjectStore('outbox', { keyPath: 'key' });
    database.createObjectStore('points', { keyPath: 'at' });
  },
});

export const kv = {
  get: async (key) => (await db).get('kv', key),
  set: async (key, value) => (await db).put('kv', value, key),
  del: async (key) => (await db).delete('kv', key),
};

export const outbox = {
  all: async () => (await (await db).getAll('outbox')).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  put: async (item) => (await db).put('outbox', item),
  get: async (key) => (await db).get('outbox', key),
  del: async (key) => (await db).delete('outbox', key),
  clear: async () => (await db).clear('outbox'),
};

export const points = {
  add: async (point) => (await db).put('points', point),
  all: async () => (await db).getAll('points'),
  delMany: async (list) => {
    const tx = (await db).transaction('points', 'readwrite');
    await Promise.all([...list.map((p) => tx.store.delete(p.at)), tx.done]);
  },
  count: async () => (await db).count('points'),
};
